package org.vectorgrad.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code lr_scheduler.CosineAnnealingLR}: {@code eta_min + (base - eta_min) (1 + cos(pi t / T_max)) / 2},
 * in PyTorch's recursive form (which continues past {@code T_max} as a cosine back up).
 */
public class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        List<Double> current = groupLrs();
        if (lastEpoch == 0) {
            return current;
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < current.size(); i++) {
            double base = baseLrs.get(i);
            double lr = current.get(i);
            if (stepCount == 1 && lastEpoch > 0) {
                out.add(etaMin + (base - etaMin) * (1 + Math.cos(lastEpoch * Math.PI / tMax)) / 2);
            } else if (Math.floorMod(lastEpoch - 1 - tMax, 2 * tMax) == 0) {
                out.add(lr + (base - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2);
            } else {
                out.add((1 + Math.cos(Math.PI * lastEpoch / tMax)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / tMax))
                        * (lr - etaMin) + etaMin);
            }
        }
        return out;
    }
}
