package org.vectorgrad.conformance;

/**
 * A port of one PyTorch reference script ({@code shared/reference/cases/NNN_name.py}): it prints,
 * through {@link Ref}, what the script prints, so the output can be compared with the
 * {@code .out} file line by line. Implementations are named {@code CaseNNN} in package
 * {@code org.vectorgrad.conformance.cases}.
 */
public interface ReferenceCase {
    void run(Ref r) throws Exception;
}
