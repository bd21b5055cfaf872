package org.vectorgrad.optim;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.optim.lr_scheduler._LRScheduler}: adjusts each group's {@code "lr"} once per
 * {@link #step()} (call it after {@code optimizer.step()}, once per epoch). Construction performs
 * the initial step (epoch 0), as in PyTorch; the formulas are PyTorch's chainable ones, which
 * read the group's current lr, so other changes to it compose.
 *
 * <pre>{@code
 * LRScheduler sched = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 100; epoch++) { train(); opt.step(); sched.step(); }
 * }</pre>
 */
public abstract class LRScheduler {
    private static final System.Logger LOG = System.getLogger("org.vectorgrad");

    protected final Optimizer optimizer;
    protected final List<Double> baseLrs = new ArrayList<>();
    protected int lastEpoch = -1;
    protected int stepCount;
    private List<Double> lastLr = List.of();

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = optimizer;
        for (Optimizer.ParamGroup g : optimizer.paramGroups()) {
            if (!g.options().containsKey("initial_lr")) {
                g.set("initial_lr", g.lr());
            }
            baseLrs.add(g.getDouble("initial_lr"));
        }
    }

    /** The initial step; subclasses call it at the end of their constructor, once their fields are set. */
    protected final void initialStep() {
        step();
    }

    /** The next epoch's learning rates, from the groups' current ones (chainable form). */
    protected abstract List<Double> computeLr();

    /** Advances one epoch and writes the new learning rates into the optimizer's groups. */
    public void step() {
        if (stepCount == 1 && optimizer.stepCount() < 1) {
            LOG.log(Level.WARNING, "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, "
                    + "you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do "
                    + "this will result in PyTorch skipping the first value of the learning rate schedule. See more details at "
                    + "https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate");
        }
        stepCount++;
        lastEpoch++;
        List<Double> lrs = computeLr();
        for (int i = 0; i < lrs.size(); i++) {
            optimizer.paramGroups().get(i).setLr(lrs.get(i));
        }
        lastLr = List.copyOf(lrs);
    }

    /** {@code get_last_lr()}: the learning rates the last step set, one per group. */
    public List<Double> getLastLr() {
        return lastLr;
    }

    public int lastEpoch() {
        return lastEpoch;
    }

    /** The groups' current learning rates. */
    protected List<Double> groupLrs() {
        return optimizer.paramGroups().stream().map(Optimizer.ParamGroup::lr).toList();
    }
}
