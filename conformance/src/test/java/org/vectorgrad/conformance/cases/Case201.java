package org.vectorgrad.conformance.cases;

import java.util.ArrayList;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.nn.Linear;

/** 201_linear_default_init: nn.Linear's default initialisation draws from the seeded CPU stream. */
public class Case201 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Linear lin = new Linear(4, 3);
        r.show("weight", lin.weight);
        r.show("bias", lin.bias);
        r.exact("weight_exact", lin.weight);
        r.show("names", new ArrayList<>(lin.namedParameters().keySet()));
        Tensor x = Tensor.arange(8.).view(2, 4);
        r.show("out", lin.forward(x));
        Linear lin2 = new Linear(3, 2, false);
        r.show("nobias_weight", lin2.weight);
        r.show("nobias_bias", lin2.bias);
    }
}
