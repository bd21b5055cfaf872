package org.vectorgrad.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import org.vectorgrad.backend.Backends;

/**
 * Runs the five notebooks in order, each under a header naming the program and the notebook it
 * ports. {@code -Dvectorgrad.backend=scalar} (or {@code simd}) picks the backend.
 */
public final class RunNotebooks {
    private RunNotebooks() {
    }

    /** A ported notebook: its program and the notebook file it comes from. */
    record Program(String name, String notebook, Consumer<PrintStream> run) {
    }

    static final List<Program> PROGRAMS = List.of(
            new Program("Seed000SinGradient", "000_f1ebb0fa1a85bf0c", Seed000SinGradient::run),
            new Program("Seed001AutogradInDepth", "001_f911bdce46186cac", Seed001AutogradInDepth::run),
            new Program("Seed002AutogradTutorial", "002_6ad0cf858886a6bb", Seed002AutogradTutorial::run),
            new Program("Seed003StridesAndGradients", "003_599d015f73d60f97", Seed003StridesAndGradients::run),
            new Program("Seed004AutogradTutorialNew", "004_c0da72d12ce3dc28", Seed004AutogradTutorialNew::run));

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        out.println("Vectorgrad " + Notebook.vectorgradVersion() + ", backend " + Backends.current().name());
        for (Program p : PROGRAMS) {
            out.println();
            out.println("=".repeat(20) + " " + p.name() + " (notebook " + p.notebook() + ") " + "=".repeat(20));
            p.run().accept(out);
        }
    }
}
