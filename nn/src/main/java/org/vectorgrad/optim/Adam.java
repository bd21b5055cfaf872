package org.vectorgrad.optim;

import java.util.List;
import java.util.Map;
import org.vectorgrad.Functional;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.AdamStep;

/**
 * {@code torch.optim.Adam} (and, with decoupled weight decay, {@link AdamW}): PyTorch 1.13's
 * single-tensor update, operation for operation, as one fused pass per parameter
 * ({@link Functional#adamStep_}, the same bits as the separate whole-tensor ops):
 * <pre>
 *   m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2   (amsgrad: vmax = max(vmax, v))
 *   p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), 0.01);
 * }</pre>
 */
public class Adam extends Optimizer {
    /** Whether weight decay is decoupled (AdamW: {@code p *= 1 - lr * wd}) or added to the gradient (Adam). */
    private final boolean decoupled;

    public Adam(List<?> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    public Adam(List<?> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this(params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    Adam(List<?> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad, boolean decoupled) {
        super(params, defaults(lr, beta1, beta2, eps, weightDecay, amsgrad));
        this.decoupled = decoupled;
    }

    private static Map<String, Object> defaults(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        checkNonNegative(lr, "learning rate");
        checkNonNegative(eps, "epsilon value");
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + beta2);
        }
        checkNonNegative(weightDecay, "weight_decay value");
        return options("lr", lr, "betas", new double[] {beta1, beta2}, "eps", eps, "weight_decay", weightDecay,
                "amsgrad", amsgrad, "maximize", false);
    }

    @Override
    protected void update() {
        for (ParamGroup g : paramGroups()) {
            double lr = g.lr();
            double[] betas = (double[]) g.get("betas");
            double eps = g.getDouble("eps");
            double weightDecay = g.getDouble("weight_decay");
            boolean amsgrad = g.getBoolean("amsgrad");
            boolean maximize = g.getBoolean("maximize");
            for (Tensor p : g.params()) {
                if (p.grad() == null) {
                    continue;
                }
                Map<String, Object> s = state(p);
                if (s.isEmpty()) {
                    s.put("step", Tensor.of(0.0));
                    s.put("exp_avg", p.zerosLike());
                    s.put("exp_avg_sq", p.zerosLike());
                    if (amsgrad) {
                        s.put("max_exp_avg_sq", p.zerosLike());
                    }
                }
                double step = ((Tensor) s.get("step")).add_(1).item();
                double biasCorrection1 = 1 - Math.pow(betas[0], step);
                double biasCorrection2 = 1 - Math.pow(betas[1], step);
                AdamStep numbers = new AdamStep(betas[0], betas[1], eps, lr, weightDecay, decoupled,
                        lr / biasCorrection1, Math.sqrt(biasCorrection2), amsgrad, maximize);
                Functional.adamStep_(p, p.grad(), (Tensor) s.get("exp_avg"), (Tensor) s.get("exp_avg_sq"),
                        amsgrad ? (Tensor) s.get("max_exp_avg_sq") : null, numbers);
            }
        }
    }
}
