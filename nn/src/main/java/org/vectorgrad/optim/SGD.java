package org.vectorgrad.optim;

import java.util.List;
import java.util.Map;
import org.vectorgrad.Tensor;

/**
 * {@code torch.optim.SGD}: stochastic gradient descent with momentum (dampening, Nesterov),
 * weight decay and maximize, as PyTorch 1.13's update:
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
                Tensor d = maximize ? p.grad().neg() : p.grad();
                if (weightDecay != 0) {
                    d = d.add(p, weightDecay);
                }
                if (momentum != 0) {
                    Map<String, Object> s = state(p);
                    Tensor buf = (Tensor) s.get("momentum_buffer");
                    if (buf == null) {
                        buf = d.clone().detach();
                        s.put("momentum_buffer", buf);
                    } else {
                        buf.mul_(momentum).add_(d, 1 - dampening);
                    }
                    d = nesterov ? d.add(buf, momentum) : buf;
                }
                p.add_(d, -lr);
            }
        }
    }
}
