package org.vectorgrad.optim;

import java.util.List;
import java.util.Map;
import org.vectorgrad.Tensor;

/**
 * {@code torch.optim.Adagrad}: {@code sum += g^2}; {@code p -= clr g / (sqrt(sum) + eps)} with
 * {@code clr = lr / (1 + (t - 1) lr_decay)}, as PyTorch 1.13 (dense gradients).
 */
public class Adagrad extends Optimizer {
    public Adagrad(List<?> params) {
        this(params, 1e-2, 0, 0, 0, 1e-10);
    }

    public Adagrad(List<?> params, double lr, double lrDecay, double weightDecay, double initialAccumulatorValue, double eps) {
        super(params, defaults(lr, lrDecay, weightDecay, initialAccumulatorValue, eps));
        for (ParamGroup g : paramGroups()) {
            for (Tensor p : g.params()) {
                Map<String, Object> s = state(p);
                s.put("step", Tensor.of(0.0));
                s.put("sum", p.fullLike(initialAccumulatorValue));
            }
        }
    }

    private static Map<String, Object> defaults(double lr, double lrDecay, double weightDecay, double initial, double eps) {
        checkNonNegative(lr, "learning rate");
        checkNonNegative(lrDecay, "lr_decay value");
        checkNonNegative(weightDecay, "weight_decay value");
        checkNonNegative(initial, "initial_accumulator_value value");
        checkNonNegative(eps, "epsilon value");
        return options("lr", lr, "lr_decay", lrDecay, "eps", eps, "weight_decay", weightDecay,
                "initial_accumulator_value", initial, "maximize", false);
    }

    @Override
    protected void update() {
        for (ParamGroup g : paramGroups()) {
            double lr = g.lr();
            double lrDecay = g.getDouble("lr_decay");
            double eps = g.getDouble("eps");
            double weightDecay = g.getDouble("weight_decay");
            for (Tensor p : g.params()) {
                if (p.grad() == null) {
                    continue;
                }
                Tensor grad = g.getBoolean("maximize") ? p.grad().neg() : p.grad();
                Map<String, Object> s = state(p);
                double step = ((Tensor) s.get("step")).add_(1).item();
                if (weightDecay != 0) {
                    grad = grad.add(p, weightDecay);
                }
                double clr = lr / (1 + (step - 1) * lrDecay);
                Tensor sum = ((Tensor) s.get("sum")).addcmul_(grad, grad, 1);
                p.addcdiv_(grad, sum.sqrt().add_(eps), -clr);
            }
        }
    }
}
