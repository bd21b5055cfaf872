package org.vectorgrad.conformance.cases;

import java.util.List;
import java.util.function.Function;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;
import org.vectorgrad.nn.F;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.nn.Tanh;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.AdamW;
import org.vectorgrad.optim.Optimizer;

/** 203_adam: Adam and AdamW on a small regression: losses and final parameters. */
public class Case203 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        record Run(String name, Function<List<Tensor>, Optimizer> make) {
        }
        for (Run run : List.of(new Run("adam", p -> new Adam(p, 0.01)), new Run("adamw", p -> new AdamW(p, 0.01, 0.1)))) {
            Tensor.manualSeed(1);
            Sequential model = new Sequential(new Linear(5, 8), new Tanh(), new Linear(8, 1));
            Tensor x = Tensor.randn(32, 5);
            Tensor y = Tensor.randn(32, 1);
            Optimizer opt = run.make().apply(model.parameters());
            for (int step = 0; step < 20; step++) {
                opt.zeroGrad();
                Tensor loss = F.mseLoss(model.forward(x), y);
                loss.backward();
                opt.step();
                if (step % 5 == 4) {
                    r.print(run.name() + " step " + step + " loss " + Py.fixed(loss.item(), 6));
                }
            }
            r.show(run.name() + "_last_weight", model.<Linear>get(2).weight);
        }
    }
}
