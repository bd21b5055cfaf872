package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 074_grad_matmul_batched: (2,2,3)@(2,3,2) and broadcast (2,2,3)@(3,2): shapes, grad_fn names, grads. */
public class Case074 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.arange(12.0).reshape(2, 2, 3).requiresGrad_(true);
        Tensor b = Tensor.arange(12.0).reshape(2, 3, 2).div(10).requiresGrad_(true);
        Tensor c = a.matmul(b);
        r.show("C", c);
        r.ag("3d @ 3d", c);
        c.sum().backward();
        r.show("A.grad", a.grad());
        r.show("B.grad", b.grad());
        Tensor w = Tensor.of(new double[][] {{1, 0}, {0, 1}, {1, 1}}).requiresGrad_(true);
        a.setGrad(null);
        Tensor d = a.matmul(w);
        r.show("D (3d @ 2d)", d);
        r.ag("3d @ 2d", d);
        d.sum().backward();
        r.show("W.grad (summed over batch)", w.grad());
        r.show("A.grad", a.grad());
        r.ag("torch.bmm", a.bmm(b));
        Tensor e = Tensor.ones(3).requiresGrad_(true);
        Tensor f = a.matmul(e);
        r.show("3d @ 1d", f);
        r.ag("3d @ 1d", f);
    }
}
