package org.vectorgrad.optim;

import java.util.List;

/** {@code lr_scheduler.ExponentialLR}: multiplies each lr by gamma every epoch. */
public class ExponentialLR extends LRScheduler {
    private final double gamma;

    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        return lastEpoch == 0 ? groupLrs() : groupLrs().stream().map(lr -> lr * gamma).toList();
    }
}
