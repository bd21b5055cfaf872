package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 046_broadcast_add_grad: (3,1) + (1,4) -> (3,4); gradients are summed back to each input's shape. */
public class Case046 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.of(new double[][] {{1}, {2}, {3}}).requiresGrad_(true);
        Tensor b = Tensor.of(new double[][] {{10, 20, 30, 40}}).requiresGrad_(true);
        Tensor c = a.add(b);
        r.show("c", c);
        r.show("c.shape", Py.size(c.shape()));
        c.backward(Tensor.ones(3, 4));
        r.show("a.grad", a.grad());
        r.show("b.grad", b.grad());
        a.setGrad(null);
        b.setGrad(null);
        Tensor w = Tensor.arange(12.0).reshape(3, 4);
        c.mul(w).sum().backward();
        r.show("a.grad weighted", a.grad());
        r.show("b.grad weighted", b.grad());
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad_(true);
        Tensor s = Tensor.of(5.0).requiresGrad_(true);
        x.add(s).sum().backward();
        r.show("x.grad (x + 0-dim s)", x.grad());
        r.show("s.grad (0-dim, summed)", s.grad());
    }
}
