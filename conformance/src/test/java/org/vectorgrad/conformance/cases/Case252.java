package org.vectorgrad.conformance.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.nn.Tanh;
import org.vectorgrad.optim.Adagrad;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.CosineAnnealingLR;
import org.vectorgrad.optim.ExponentialLR;
import org.vectorgrad.optim.LRScheduler;
import org.vectorgrad.optim.LambdaLR;
import org.vectorgrad.optim.MultiStepLR;
import org.vectorgrad.optim.Optimizer;
import org.vectorgrad.optim.Optimizer.ParamGroup;
import org.vectorgrad.optim.RMSprop;
import org.vectorgrad.optim.SGD;
import org.vectorgrad.optim.StepLR;

/** 252_optimizers_and_schedulers (own): SGD variants, RMSprop, Adagrad, Adam(amsgrad), param groups, schedulers. */
public class Case252 implements ReferenceCase {
    private record Trained(Sequential model, Optimizer opt, LRScheduler sched) {
    }

    private static Trained train(Ref r, Function<Sequential, Optimizer> make, int steps, Function<Optimizer, LRScheduler> sched) {
        Tensor.manualSeed(3);
        Sequential model = new Sequential(new Linear(4, 6), new Tanh(), new Linear(6, 2));
        Tensor x = Tensor.randn(10, 4);
        Tensor y = Tensor.randn(10, 2);
        Optimizer opt = make.apply(model);
        LRScheduler s = sched == null ? null : sched.apply(opt);
        List<String> losses = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            opt.zeroGrad();
            Tensor loss = model.forward(x).sub(y).pow(2L).mean();
            loss.backward();
            opt.step();
            if (s != null) {
                s.step();
            }
            losses.add(Py.fixed(loss.item(), 6));
        }
        r.print(String.join(" ", losses));
        return new Trained(model, opt, s);
    }

    private static Trained train(Ref r, Function<Sequential, Optimizer> make) {
        return train(r, make, 6, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run(Ref r) {
        train(r, m -> new SGD(m.parameters(), 0.05, 0.9, 0, 0.01, true));
        train(r, m -> new SGD(m.parameters(), 0.05, 0.5, 0.3, 0, false));
        train(r, m -> new RMSprop(m.parameters(), 0.01, 0.99, 1e-8, 0, 0, false));
        train(r, m -> new RMSprop(m.parameters(), 0.01, 0.99, 1e-8, 0.1, 0.9, true));
        train(r, m -> new Adagrad(m.parameters(), 0.1, 0.01, 0, 0.1, 1e-10));
        Trained t = train(r, m -> new Adam(m.parameters(), 0.02, 0.9, 0.999, 1e-8, 0.05, true));
        Map<Integer, Map<String, Object>> state = (Map<Integer, Map<String, Object>>) t.opt().stateDict().get("state");
        r.show("adam_state_keys", new ArrayList<>(state.get(0).keySet()));
        List<Map<String, Object>> groups = (List<Map<String, Object>>) t.opt().stateDict().get("param_groups");
        r.show("adam_group_params", groups.get(0).get("params"));
        r.show("adam_step", state.get(0).get("step"));
        t = train(r, m -> new SGD(List.of(new ParamGroup(m.<Linear>get(0).parameters()),
                new ParamGroup(m.<Linear>get(2).parameters()).set("lr", 0.2)), 0.01, 0.9));
        r.show("group_lrs", t.opt().paramGroups().stream().map(ParamGroup::lr).toList());
        Function<Sequential, Optimizer> sgd = m -> new SGD(m.parameters(), 0.1);
        r.show("steplr", train(r, sgd, 7, o -> new StepLR(o, 2, 0.5)).sched().getLastLr());
        r.show("multisteplr", train(r, sgd, 7, o -> new MultiStepLR(o, new int[] {2, 5}, 0.1)).sched().getLastLr());
        r.show("explr", train(r, sgd, 7, o -> new ExponentialLR(o, 0.9)).sched().getLastLr());
        r.show("cosine", train(r, sgd, 7, o -> new CosineAnnealingLR(o, 4, 0.01)).sched().getLastLr());
        r.show("lambdalr", train(r, sgd, 7, o -> new LambdaLR(o, e -> 1.0 / (e + 1))).sched().getLastLr());
        Sequential m = t.model();
        r.err("bad_lr", () -> new SGD(m.parameters(), -0.1));
        r.err("nesterov", () -> new SGD(m.parameters(), 0.1, 0, 0, 0, true));
        r.err("bad_beta", () -> new Adam(m.parameters(), 1e-3, 1.0, 0.999, 1e-8, 0, false));
        r.err("empty", () -> new SGD(List.of(), 0.1));
    }
}
