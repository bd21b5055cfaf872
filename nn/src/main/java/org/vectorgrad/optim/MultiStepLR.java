package org.vectorgrad.optim;

import java.util.List;

/**
 * {@code lr_scheduler.MultiStepLR}: multiplies each lr by gamma at each milestone epoch (by
 * {@code gamma^k} for a milestone listed k times).
 */
public class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    public MultiStepLR(Optimizer optimizer, int[] milestones) {
        this(optimizer, milestones, 0.1);
    }

    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        this.milestones = milestones.clone();
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        int count = 0;
        for (int m : milestones) {
            count += m == lastEpoch ? 1 : 0;
        }
        double factor = Math.pow(gamma, count);
        return count == 0 ? groupLrs() : groupLrs().stream().map(lr -> lr * factor).toList();
    }
}
