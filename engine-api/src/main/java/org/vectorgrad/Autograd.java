package org.vectorgrad;

/**
 * Grad mode (per thread) and gradients as values.
 *
 * <pre>{@code
 * try (var g = Autograd.noGrad()) {
 *     w.sub_(w.grad().mul(0.1));          // an SGD step, not recorded
 * }
 * Tensor dy = Autograd.grad(y, x, true);  // dy/dx, itself differentiable
 * }</pre>
 */
public final class Autograd {
    static final String NON_LEAF_GRAD_WARNING = Messages.withJava("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. "
            + "Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be "
            + "populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor "
            + "by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more "
            + "informations.", "y.retainGrad() before backward()");

    /** Logged by every {@code backward(..., createGraph=true)} (PyTorch warns once per process). */
    static final String BACKWARD_CREATE_GRAPH_WARNING = Messages.withJava("Using backward() with create_graph=True will create a reference cycle "
            + "between the parameter and its gradient which can cause a memory leak. We recommend using autograd.grad when "
            + "creating the graph to avoid this. If you have to use this function, make sure to reset the .grad fields of your "
            + "parameters to None after use to break the cycle and avoid the leak.", "Autograd.grad(y, x, true); x.setGrad(null)");

    static final String ANOMALY_WARNING = "Anomaly Detection has been enabled. This mode will increase the runtime and "
            + "should only be enabled for debugging.";

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    /** Process-wide, as PyTorch's AnomalyMode: a backward pass may run on another thread than its forward. */
    private static volatile boolean anomalyEnabled;

    private Autograd() {
    }

    /** A grad-mode scope; closing it restores the previous mode. Closing throws no checked exception. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Whether operations on this thread are recorded for backward now. */
    public static boolean isGradEnabled() {
        return ENABLED.get()[0];
    }

    /** Stops recording until the returned scope is closed, as {@code with torch.no_grad():}. */
    public static Scope noGrad() {
        return setGradEnabled(false);
    }

    /** Records again inside a {@link #noGrad()} scope, as {@code torch.enable_grad()}. */
    public static Scope enableGrad() {
        return setGradEnabled(true);
    }

    /**
     * Sets grad mode, as {@code torch.set_grad_enabled(mode)}: effective at once, and the returned
     * scope restores the previous mode when closed.
     */
    public static Scope setGradEnabled(boolean enabled) {
        boolean[] state = ENABLED.get();
        boolean previous = state[0];
        state[0] = enabled;
        return () -> state[0] = previous;
    }

    /**
     * PyTorch's anomaly mode ({@code torch.autograd.set_detect_anomaly(mode)}), for the whole process,
     * effective at once; the returned scope restores the previous mode when closed (or ignore it).
     * While it is on, every node records the stack of the forward call that created it, and a
     * backward pass checks each node's gradients: when a node's backward fails, or returns NaN
     * ({@code "Function 'SqrtBackward0' returned nan values in its 0th output."}), the warning
     * {@code "Error detected in SqrtBackward0. Traceback of forward call that caused the error:"}
     * is logged with that stack, which the error also carries as a suppressed exception.
     *
     * <pre>{@code
     * Autograd.setDetectAnomaly(true);
     * Tensor y = x.sqrt();                  // this line is in the report if y's backward fails
     * y.mul(0).sum().backward();            // IllegalStateException: Function 'SqrtBackward0' returned nan values ...
     * }</pre>
     */
    public static Scope setDetectAnomaly(boolean enabled) {
        boolean previous = anomalyEnabled;
        anomalyEnabled = enabled;
        return () -> anomalyEnabled = previous;
    }

    /**
     * Anomaly mode until the returned scope is closed, as {@code with torch.autograd.detect_anomaly():}
     * (which also logs PyTorch's warning that it slows things down). See {@link #setDetectAnomaly}.
     *
     * <pre>{@code
     * try (var a = Autograd.detectAnomaly()) {
     *     loss(x).backward();
     * }
     * }</pre>
     */
    public static Scope detectAnomaly() {
        System.getLogger("org.vectorgrad").log(System.Logger.Level.WARNING, ANOMALY_WARNING);
        return setDetectAnomaly(true);
    }

    /** Whether anomaly mode is on, as {@code torch.is_anomaly_enabled()}. */
    public static boolean isAnomalyEnabled() {
        return anomalyEnabled;
    }

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, returned instead of
     * accumulated into {@code grad()}, as {@code torch.autograd.grad}.
     *
     * @param gradOutputs the vector of the vector-Jacobian product per output (null entries: 1 for scalars)
     * @param retainGraph keep saved tensors for another pass
     * @param createGraph record this pass so the results can be differentiated again
     * @param allowUnused give null for an input the outputs do not depend on, instead of failing
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs, boolean retainGraph,
                                boolean createGraph, boolean allowUnused) {
        return Engine.grad(outputs, inputs, gradOutputs, retainGraph || createGraph, createGraph, allowUnused);
    }

    /** d output / d input for a scalar output; with {@code createGraph} the result is differentiable. */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(new Tensor[] {output}, new Tensor[] {input}, null, createGraph, createGraph, false)[0];
    }
}
