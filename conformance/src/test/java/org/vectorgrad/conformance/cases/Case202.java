package org.vectorgrad.conformance.cases;

import java.util.ArrayList;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;
import org.vectorgrad.nn.CrossEntropyLoss;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.ReLU;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.optim.Optimizer;
import org.vectorgrad.optim.SGD;

/** 202_sequential_mlp_sgd_momentum: a Sequential MLP trained with CrossEntropyLoss and SGD(momentum). */
public class Case202 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Sequential model = new Sequential(new Linear(10, 32), new ReLU(), new Linear(32, 3));
        Tensor x = Tensor.randn(16, 10);
        Tensor y = Tensor.randint(0, 3, 16);
        r.show("targets", y);
        CrossEntropyLoss lossFn = new CrossEntropyLoss();
        Optimizer opt = new SGD(model.parameters(), 0.1, 0.9);
        for (int step = 0; step < 15; step++) {
            opt.zeroGrad();
            Tensor loss = lossFn.forward(model.forward(x), y);
            loss.backward();
            opt.step();
            r.print("step " + step + " loss " + Py.fixed(loss.item(), 6));
        }
        r.show("state_dict_keys", new ArrayList<>(model.stateDict().keySet()));
        r.show("final_bias", model.<Linear>get(2).bias);
        try (var g = Autograd.noGrad()) {
            r.show("argmax", model.forward(x).argmax(1));
        }
    }
}
