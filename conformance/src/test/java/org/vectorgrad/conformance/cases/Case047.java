package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 047_broadcast_sub_grad: (2,3) - (3,) and 0-dim - (2,2); gradients reduced to the input shapes. */
public class Case047 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad_(true);
        Tensor b = Tensor.of(0.5, 1.5, 2.5).requiresGrad_(true);
        Tensor d = a.sub(b);
        r.show("d", d);
        d.sum().backward();
        r.show("a.grad", a.grad());
        r.show("b.grad", b.grad());
        Tensor s = Tensor.of(1.0).requiresGrad_(true);
        Tensor m = Tensor.ones(2, 2).requiresGrad_(true);
        Tensor diff = s.sub(m);
        r.show("r", diff);
        diff.mul(Tensor.of(new double[][] {{1, 2}, {3, 4}})).sum().backward();
        r.show("s.grad", s.grad());
        r.show("m.grad", m.grad());
    }
}
