package org.vectorgrad.optim;

import java.util.List;
import java.util.Map;
import org.vectorgrad.Functional;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.SgdStep;

/**
 * {@code torch.optim.SGD}: stochastic gradient descent with momentum (dampening, Nesterov),
 * weight decay and maximize, as PyTorch 1.13's update, in one fused pass per parameter
 * ({@link Functional#sgdStep_}, the same bits as the separate whole-tensor ops):
 * {@code d = g + wd * p; buf = momentum * buf + (1 - dampening) * d; p -= lr * (nesterov ? d + momentum * buf : buf)}.
 *
 * <pre>{@code
 * Optimizer opt = new SGD(model.parameters(), 0.1, 0.9);   // lr, momentum
 * }</pre>
 */
public class SGD extends Optimizer {
    public SGD(List<?> params, double lr) {
        this(params, lr, 0);
    }

    public SGD(List<?> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    public SGD(List<?> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(params, defaults(lr, momentum, dampening, weightDecay, nesterov));
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    private static Map<String, Object> defaults(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        checkNonNegative(lr, "learning rate");
        checkNonNegative(momentum, "momentum value");
        checkNonNegative(weightDecay, "weight_decay value");
        return options("lr", lr, "momentum", momentum, "dampening", dampening, "weight_decay", weightDecay,
                "nesterov", nesterov, "maximize", false);
    }

    @Override
    protected void update() {
        for (ParamGroup g : paramGroups()) {
            double lr = g.lr();
            double momentum = g.getDouble("momentum");
            double dampening = g.getDouble("dampening");
            double weightDecay = g.getDouble("weight_decay");
            boolean nesterov = g.getBoolean("nesterov");
            boolean maximize = g.getBoolean("maximize");
            for (Tensor p : g.params()) {
                if (p.grad() == null) {
                    continue;
                }
                Tensor buf = null;
                boolean first = false;
                if (momentum != 0) {
                    Map<String, Object> s = state(p);
                    buf = (Tensor) s.get("momentum_buffer");
                    first = buf == null;
                    if (first) {
                        buf = p.zerosLike();   // the kernel fills it with the gradient, as PyTorch's clone
                        s.put("momentum_buffer", buf);
                    }
                }
                Functional.sgdStep_(p, p.grad(), buf, new SgdStep(lr, momentum, dampening, weightDecay, nesterov, maximize, first));
            }
        }
    }
}
