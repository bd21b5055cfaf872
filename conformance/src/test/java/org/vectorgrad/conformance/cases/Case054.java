package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 054_grad_mul_div: mul / div gradients, incl. division by zero (inf/nan gradients). */
public class Case054 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.).requiresGrad_(true);
        Tensor y = Tensor.of(4., 5., 6.).requiresGrad_(true);
        Tensor m = x.mul(y);
        Tensor d = x.div(y);
        r.ag("x*y", m);
        r.ag("x/y", d);
        r.show("x/y", d);
        m.add(d).sum().backward();
        r.show("x.grad = y + 1/y", x.grad());
        r.show("y.grad = x - x/y^2", y.grad());
        r.exact("x.grad", x.grad());
        r.exact("y.grad", y.grad());
        Tensor a = Tensor.of(1., 0., -1.).requiresGrad_(true);
        Tensor b = Tensor.of(0., 0., 0.).requiresGrad_(true);
        Tensor q = a.div(b);
        r.show("a/0", q);
        q.sum().backward();
        r.show("a.grad", a.grad());
        r.show("b.grad", b.grad());
        Tensor w = Tensor.of(3.0).requiresGrad_(true);
        w.mul(w).mul(w).backward();
        r.show("d(w*w*w)/dw at 3", w.grad());
    }
}
