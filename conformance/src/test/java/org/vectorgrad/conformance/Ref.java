package org.vectorgrad.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vectorgrad.GradFn;
import org.vectorgrad.Tensor;
import org.vectorgrad.examples.Py;

/**
 * The Java side of {@code shared/reference/cases/_ref.py}: the same printing helpers with the same
 * output format, collecting lines for comparison with PyTorch's {@code .out} file.
 */
public final class Ref {
    private final List<String> lines = new ArrayList<>();

    public List<String> lines() {
        return lines;
    }

    /** {@code print(...)}: one or more lines. */
    public void print(Object text) {
        lines.addAll(List.of(String.valueOf(text).split("\n", -1)));
    }

    /** {@code show(label, value)}: a multi-line repr starts on the line after the label. */
    public void show(String label, Object value) {
        String s = value instanceof String str ? str : Py.repr(value);
        print(s.contains("\n") ? label + ":\n" + s : label + ": " + s);
    }

    /** {@code err(label, fn)}: the exception as {@code Type: message}, or the value with "(no error)". */
    public void err(String label, Callable<?> fn) {
        Object r;
        try {
            r = fn.call();
        } catch (Exception e) {
            print(label + ": " + pythonType(e) + ": " + e.getMessage());
            return;
        }
        show(label + " (no error)", r);
    }

    /** {@code err} for an action with no value. */
    public void errRun(String label, Runnable fn) {
        err(label, () -> {
            fn.run();
            return null;
        });
    }

    /** {@code meta(label, t)}: shape, strides, storage offset, contiguity and dtype. */
    public void meta(String label, Tensor t) {
        print(label + ": shape=" + Py.tuple(t.shape()) + " stride=" + Py.tuple(t.stride()) + " offset=" + t.storageOffset()
                + " contiguous=" + Py.repr(t.isContiguous()) + " dtype=" + Py.repr(t.dtype()));
    }

    /** {@code ag(label, t)}: requires_grad, is_leaf and the grad_fn class name. */
    public void ag(String label, Tensor t) {
        GradFn f = t.gradFn();
        print(label + ": requires_grad=" + Py.repr(t.requiresGrad()) + " is_leaf=" + Py.repr(t.isLeaf()) + " grad_fn="
                + (f == null ? "None" : f.name()));
    }

    /** A Python tuple of longs as a printable value, e.g. {@code x.stride()} shown as {@code (3, 1)}. */
    public static String tuple(long[] values) {
        return Py.tuple(values).toString();
    }

    /** {@code exact(label, t)}: {@code t.tolist()}. */
    public void exact(String label, Tensor t) {
        print(label + " exact: " + Py.tolist(t));
    }

    /**
     * Python's exception type for a Java exception: IndexOutOfBoundsException is IndexError; the
     * other argument and state errors are RuntimeError (the comparison treats PyTorch's ValueError and
     * TypeError for bad arguments as RuntimeError too: Java has one family for them).
     */
    static String pythonType(Exception e) {
        if (e instanceof IndexOutOfBoundsException) {
            return "IndexError";
        }
        return "RuntimeError";
    }
}
