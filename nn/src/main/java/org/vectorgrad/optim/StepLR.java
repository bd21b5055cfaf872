package org.vectorgrad.optim;

import java.util.List;

/** {@code lr_scheduler.StepLR}: multiplies each lr by gamma every {@code stepSize} epochs. */
public class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        if (lastEpoch == 0 || lastEpoch % stepSize != 0) {
            return groupLrs();
        }
        return groupLrs().stream().map(lr -> lr * gamma).toList();
    }
}
