package org.vectorgrad.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/**
 * What a notebook session shows, for the ported notebooks: cell markers, IPython's display of a
 * cell's value, Python's {@code print}, exceptions as {@code Type: message}, and Vectorgrad's
 * warnings as Python prints them ({@code UserWarning: <text>}), all on one stream.
 *
 * <pre>{@code
 * try (Notebook nb = new Notebook(System.out)) {
 *     nb.in(3);
 *     nb.display(x.grad());    // tensor([...]), or nothing for null
 * }
 * }</pre>
 */
final class Notebook implements AutoCloseable {
    /** Vectorgrad logs PyTorch's warnings here, at WARNING. Held strongly so the handler stays attached. */
    private final Logger vectorgradLog = Logger.getLogger("org.vectorgrad");
    private final boolean parentHandlers;
    private final Handler warnings;
    private final PrintStream out;

    /** Starts printing to {@code out}, with Vectorgrad's warnings shown there until {@link #close()}. */
    Notebook(PrintStream out) {
        this.out = out;
        this.warnings = new WarningsHandler(out);
        this.parentHandlers = vectorgradLog.getUseParentHandlers();
        vectorgradLog.addHandler(warnings);
        vectorgradLog.setUseParentHandlers(false);
    }

    /** Python's {@code warnings.showwarning} as the scripts set it; other log records go to stderr as usual. */
    private static final class WarningsHandler extends Handler {
        private final PrintStream out;
        private final Handler others = new ConsoleHandler();

        WarningsHandler(PrintStream out) {
            this.out = out;
            setFormatter(new SimpleFormatter());
        }

        @Override
        public void publish(LogRecord rec) {
            if (rec.getLevel() == Level.WARNING) {
                out.println("UserWarning: " + getFormatter().formatMessage(rec));
            } else {
                others.publish(rec);
            }
        }

        @Override
        public void flush() {
            out.flush();
            others.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** The marker of a numbered notebook cell: {@code --- In [n] ---}. */
    void in(int n) {
        out.println("--- In [" + n + "] ---");
    }

    /** The marker of the k-th code cell of a notebook export without cell numbers: {@code --- cell k ---}. */
    void cell(int k) {
        out.println("--- cell " + k + " ---");
    }

    /** IPython's {@code Out[n]}: the repr of a cell's value, nothing for {@code null} (None). */
    void display(Object value) {
        if (value != null) {
            out.println(Py.repr(value));
        }
    }

    /** Python's {@code print(a, b, ...)}: str of each, separated by spaces. */
    void print(Object... values) {
        out.println(Arrays.stream(values).map(Py::str).collect(Collectors.joining(" ")));
    }

    /** What the scripts print for an expected exception: {@code print(f"{type(e).__name__}: {e}")}. */
    void printException(RuntimeException e) {
        out.println(pythonType(e) + ": " + e.getMessage());
    }

    /** The Python exception a Vectorgrad exception stands for: IndexError, or RuntimeError for the rest. */
    static String pythonType(RuntimeException e) {
        return e instanceof IndexOutOfBoundsException ? "IndexError" : "RuntimeError";
    }

    /** Vectorgrad's version, as {@code torch.__version__}. */
    static String vectorgradVersion() {
        try (InputStream in = Notebook.class.getResourceAsStream("vectorgrad.properties")) {
            if (in == null) {
                throw new IllegalStateException("vectorgrad.properties is missing from the examples' resources");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        vectorgradLog.removeHandler(warnings);
        vectorgradLog.setUseParentHandlers(parentHandlers);
        out.flush();
    }
}
