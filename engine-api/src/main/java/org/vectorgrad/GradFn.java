package org.vectorgrad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A node of the autograd graph: the function that turns the gradient of an operation's output into
 * gradients of its inputs. A tensor's {@link Tensor#gradFn()} is the node that made it; its name is
 * PyTorch's ({@code AddBackward0}, {@code SinBackward0}, {@code AccumulateGrad} for leaves, ...).
 *
 * <pre>{@code
 * Tensor x = Tensor.ones(2).requiresGrad_(true);
 * Tensor y = x.add(2);
 * y.gradFn().name();                        // "AddBackward0"
 * y.gradFn().nextFunctions().get(0).function().name();   // "AccumulateGrad"
 * }</pre>
 */
public abstract class GradFn {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** Where a gradient goes: input {@code inputNr} of {@code function}, or nowhere (null function). */
    public record Edge(GradFn function, int inputNr) {
    }

    /** Shape and dtype of an input, to which the gradient sent along its edge is reduced and cast. */
    record InputMeta(int[] shape, DType dtype) {
    }

    private final String name;
    final long sequenceNr = SEQUENCE.getAndIncrement();
    final Edge[] next;
    final InputMeta[] inputMeta;
    /** Non-leaf outputs whose gradient must be kept ({@code retainGrad}), by output number. */
    private List<Tensor> retained;
    /** Where the forward call that made this node was, recorded only in anomaly mode (PyTorch's AnomalyMetadata). */
    private final ForwardCall forwardCall;

    GradFn(String name, Edge[] next, InputMeta[] inputMeta) {
        this.name = name;
        this.next = next;
        this.inputMeta = inputMeta;
        this.forwardCall = Autograd.isAnomalyEnabled() ? new ForwardCall(name) : null;
    }

    /**
     * The stack of the forward call that created a node, seen as a suppressed exception of an error
     * raised by the node's backward in anomaly mode. Frames inside Vectorgrad are dropped, so the
     * first frame is the caller's line, as in PyTorch's "Traceback of forward call".
     */
    static final class ForwardCall extends Throwable {
        private static final long serialVersionUID = 1L;

        ForwardCall(String node) {
            super("Traceback of forward call that created " + node);
            StackTraceElement[] frames = getStackTrace();
            int first = 0;
            while (first < frames.length && isVectorgradFrame(frames[first])) {
                first++;
            }
            setStackTrace(java.util.Arrays.copyOfRange(frames, first == frames.length ? 0 : first, frames.length));
        }

        private static boolean isVectorgradFrame(StackTraceElement f) {
            String c = f.getClassName();
            return c.startsWith("org.vectorgrad.") && (c.indexOf('.', "org.vectorgrad.".length()) < 0
                    || c.startsWith("org.vectorgrad.backend.") || c.startsWith("org.vectorgrad.format."));
        }

        /** The frames as Java prints them, one {@code "  at ..."} line each. */
        String frames() {
            StringBuilder sb = new StringBuilder();
            for (StackTraceElement f : getStackTrace()) {
                sb.append("\n  at ").append(f);
            }
            return sb.toString();
        }
    }

    /**
     * Anomaly mode's report of an error raised by this node's backward: PyTorch's warning naming
     * the node, with the forward stack, logged; the stack is also attached to the error.
     */
    void reportAnomaly(RuntimeException error) {
        String text = forwardCall == null
                ? "Error detected in " + name + ". No forward pass information available. Enable detect anomaly during "
                        + "forward pass for more information."
                : "Error detected in " + name + ". Traceback of forward call that caused the error:" + forwardCall.frames();
        System.getLogger("org.vectorgrad").log(System.Logger.Level.WARNING, text);
        if (forwardCall != null) {
            error.addSuppressed(forwardCall);
        }
    }

    /** PyTorch's class name for this node, e.g. {@code MulBackward0}. */
    public String name() {
        return name;
    }

    /** The nodes this one sends gradients to, as PyTorch's {@code next_functions}. */
    public List<Edge> nextFunctions() {
        return Collections.unmodifiableList(Arrays.asList(next));
    }

    /** For a leaf's {@code AccumulateGrad} node, the leaf (PyTorch's {@code grad_fn.variable}); null for other nodes. */
    public Tensor variable() {
        return null;
    }

    /** Number of outputs of the forward operation (gradients this node receives). */
    int numOutputs() {
        return 1;
    }

    /** Gradients for each edge in {@link #next} from the gradients of the outputs (nulls allowed). */
    abstract Tensor[] apply(Tensor[] gradOutputs);

    /** Frees saved tensors once a backward pass that did not retain the graph is done with them. */
    void releaseSaved() {
    }

    void retain(Tensor t) {
        if (retained == null) {
            retained = new ArrayList<>(1);
        }
        for (Tensor r : retained) {
            if (r == t) {
                return;
            }
        }
        retained.add(t);
    }

    List<Tensor> retained() {
        return retained == null ? List.of() : retained;
    }

    @Override
    public String toString() {
        return "<" + name + " object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
