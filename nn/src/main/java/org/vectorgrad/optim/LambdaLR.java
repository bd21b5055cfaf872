package org.vectorgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** {@code lr_scheduler.LambdaLR}: {@code lr = base_lr * lambda(epoch)}, one function for all groups or one per group. */
public class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lambdas;

    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lambda) {
        this(optimizer, java.util.Collections.nCopies(optimizer.paramGroups().size(), lambda));
    }

    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lambdas) {
        super(optimizer);
        if (lambdas.size() != optimizer.paramGroups().size()) {
            throw new IllegalArgumentException("Expected " + optimizer.paramGroups().size() + " lr_lambdas, but got "
                    + lambdas.size());
        }
        this.lambdas = List.copyOf(lambdas);
        initialStep();
    }

    @Override
    protected List<Double> computeLr() {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < lambdas.size(); i++) {
            out.add(baseLrs.get(i) * lambdas.get(i).applyAsDouble(lastEpoch));
        }
        return out;
    }
}
