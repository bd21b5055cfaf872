package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 063_grad_reuse_diamond: a leaf used on several paths: contributions are summed within one backward. */
public class Case063 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.).requiresGrad_(true);
        Tensor y = x.mul(x).add(x);
        Tensor z = x.mul(3);
        Tensor out = y.add(z).sum();
        out.backward();
        r.show("grad = 2x + 1 + 3", x.grad());
        Tensor w = Tensor.of(2.0).requiresGrad_(true);
        Tensor a = w.mul(2);
        Tensor b = a.mul(a);
        Tensor c = a.add(b);
        c.backward();
        r.show("diamond grad", w.grad());
        Tensor v = Tensor.of(1., 2.).requiresGrad_(true);
        v.matmul(v).backward();
        r.show("v @ v grad", v.grad());
    }
}
