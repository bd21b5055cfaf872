package org.vectorgrad.optim;

import java.util.List;

/**
 * {@code torch.optim.AdamW}: {@link Adam} with decoupled weight decay ({@code p *= 1 - lr * wd}
 * before the moment updates); weight decay 0.01 by default.
 */
public class AdamW extends Adam {
    public AdamW(List<?> params, double lr) {
        this(params, lr, 0.01);
    }

    public AdamW(List<?> params, double lr, double weightDecay) {
        this(params, lr, 0.9, 0.999, 1e-8, weightDecay, false);
    }

    public AdamW(List<?> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
