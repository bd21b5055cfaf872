package org.vectorgrad.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of one {@link Family}, one row per case and one column per implementation, in the
 * order the cases were measured.
 */
final class Table {
    /** Column order: these peers, any other implementation alphabetically, then these backends. */
    private static final List<String> PEER_ORDER = List.of("loop", "arraycopy", "ejml");
    private static final List<String> BACKEND_ORDER = List.of("scalar", Family.SIMD);

    final Family family;
    final Map<List<String>, Map<String, Result>> rows = new LinkedHashMap<>();
    final List<String> impls;

    Table(Family family, List<Result> results) {
        this.family = family;
        Set<String> seen = new LinkedHashSet<>();
        for (Result r : results) {
            String impl = family.impl().apply(r);
            seen.add(impl);
            rows.computeIfAbsent(family.cells().apply(r), k -> new LinkedHashMap<>()).put(impl, r);
        }
        // peers first (known ones in a fixed order, others alphabetically), then the backends
        List<String> ordered = new ArrayList<>();
        for (String i : PEER_ORDER) {
            if (seen.contains(i)) {
                ordered.add(i);
            }
        }
        seen.stream().filter(i -> !PEER_ORDER.contains(i) && !BACKEND_ORDER.contains(i)).sorted().forEach(ordered::add);
        for (String i : BACKEND_ORDER) {
            if (seen.contains(i)) {
                ordered.add(i);
            }
        }
        impls = List.copyOf(ordered);
    }

    /**
     * The implementations the SIMD backend is compared with, the scalar backend first, when simd was
     * measured.
     */
    List<String> baselines() {
        if (!impls.contains(Family.SIMD)) {
            return List.of();
        }
        List<String> b = new ArrayList<>();
        if (impls.contains("scalar")) {
            b.add("scalar");
        }
        impls.stream().filter(i -> !i.equals(Family.SIMD) && !i.equals("scalar")).forEach(b::add);
        return b;
    }

    /** {@code time(baseline) / time(simd)} for a row, NaN when either is missing. */
    static double speedup(Map<String, Result> row, String baseline) {
        Result s = row.get(Family.SIMD);
        Result b = row.get(baseline);
        return s == null || b == null ? Double.NaN : b.nsPerOp() / s.nsPerOp();
    }

    /** The speedups over {@code baseline} of every row that has both. */
    List<Double> speedups(String baseline) {
        List<Double> out = new ArrayList<>();
        for (Map<String, Result> row : rows.values()) {
            double s = speedup(row, baseline);
            if (!Double.isNaN(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static double geomean(List<Double> xs) {
        double log = 0;
        for (double x : xs) {
            log += Math.log(x);
        }
        return xs.isEmpty() ? Double.NaN : Math.exp(log / xs.size());
    }

    /** The value of a result in the family's unit. */
    double value(Result r) {
        return family.unit().of(r.nsPerOp(), family.work().apply(r));
    }

    /** The working set of a row (any of its results: they share the case). */
    double workingSet(Map<String, Result> row) {
        return family.work().apply(row.values().iterator().next()).workingSet();
    }
}
