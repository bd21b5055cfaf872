package org.vectorgrad.optim;

import java.util.List;
import java.util.Map;
import org.vectorgrad.Tensor;

/**
 * {@code torch.optim.RMSprop}: {@code v = alpha v + (1 - alpha) g^2}; {@code p -= lr g / (sqrt(v) + eps)},
 * optionally centered (subtracting the squared mean gradient) and with momentum, as PyTorch 1.13.
 */
public class RMSprop extends Optimizer {
    public RMSprop(List<?> params) {
        this(params, 1e-2, 0.99, 1e-8, 0, 0, false);
    }

    public RMSprop(List<?> params, double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        super(params, defaults(lr, alpha, eps, weightDecay, momentum, centered));
    }

    private static Map<String, Object> defaults(double lr, double alpha, double eps, double weightDecay, double momentum,
                                                boolean centered) {
        checkNonNegative(lr, "learning rate");
        checkNonNegative(eps, "epsilon value");
        checkNonNegative(momentum, "momentum value");
        checkNonNegative(weightDecay, "weight_decay value");
        checkNonNegative(alpha, "alpha value");
        return options("lr", lr, "momentum", momentum, "alpha", alpha, "eps", eps, "centered", centered,
                "weight_decay", weightDecay, "maximize", false);
    }

    @Override
    protected void update() {
        for (ParamGroup g : paramGroups()) {
            double lr = g.lr();
            double alpha = g.getDouble("alpha");
            double eps = g.getDouble("eps");
            double weightDecay = g.getDouble("weight_decay");
            double momentum = g.getDouble("momentum");
            boolean centered = g.getBoolean("centered");
            for (Tensor p : g.params()) {
                if (p.grad() == null) {
                    continue;
                }
                Tensor grad = g.getBoolean("maximize") ? p.grad().neg() : p.grad();
                Map<String, Object> s = state(p);
                if (s.isEmpty()) {
                    s.put("step", 0);
                    s.put("square_avg", p.zerosLike());
                    if (momentum > 0) {
                        s.put("momentum_buffer", p.zerosLike());
                    }
                    if (centered) {
                        s.put("grad_avg", p.zerosLike());
                    }
                }
                s.put("step", (Integer) s.get("step") + 1);
                if (weightDecay != 0) {
                    grad = grad.add(p, weightDecay);
                }
                Tensor squareAvg = ((Tensor) s.get("square_avg")).mul_(alpha).addcmul_(grad, grad, 1 - alpha);
                Tensor avg;
                if (centered) {
                    Tensor gradAvg = ((Tensor) s.get("grad_avg")).mul_(alpha).add_(grad, 1 - alpha);
                    avg = squareAvg.clone().addcmul_(gradAvg, gradAvg, -1).sqrt_();
                } else {
                    avg = squareAvg.sqrt();
                }
                avg.add_(eps);
                if (momentum > 0) {
                    Tensor buf = ((Tensor) s.get("momentum_buffer")).mul_(momentum).addcdiv_(grad, avg);
                    p.add_(buf, -lr);
                } else {
                    p.addcdiv_(grad, avg, -lr);
                }
            }
        }
    }
}
