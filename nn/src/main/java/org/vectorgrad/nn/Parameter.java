package org.vectorgrad.nn;

import java.util.List;
import org.vectorgrad.Autograd;
import org.vectorgrad.Functional;
import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.Parameter}: a leaf tensor that a {@link Module} registers and an optimizer
 * trains. Vectorgrad's parameters are plain {@link Tensor}s marked as such: they print with
 * PyTorch's {@code Parameter containing:} line, and ops on them give ordinary tensors.
 *
 * <pre>{@code
 * Tensor w = Parameter.of(Tensor.zeros(2));
 * System.out.println(w);   // Parameter containing:\ntensor([0., 0.], requires_grad=True)
 * }</pre>
 */
public final class Parameter {
    private Parameter() {
    }

    /** {@code nn.Parameter(data)}: shares data's storage, requires grad. */
    public static Tensor of(Tensor data) {
        return of(data, true);
    }

    /** {@code nn.Parameter(data, requires_grad)}. */
    public static Tensor of(Tensor data, boolean requiresGrad) {
        return Functional.parameter(data, requiresGrad);
    }

    public static boolean isParameter(Tensor t) {
        return Functional.isParameter(t);
    }

    /** Zeroes (detached, in place) or drops the gradients of the given tensors. */
    static void zeroGrads(List<Tensor> params, boolean setToNone) {
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            if (setToNone) {
                p.setGrad(null);
            } else {
                if (g.gradFn() != null) {
                    g = g.detach();
                    p.setGrad(g);
                }
                try (var ng = Autograd.noGrad()) {
                    g.zero_();
                }
            }
        }
    }
}
