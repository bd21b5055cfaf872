package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 053_grad_add_sub: add / sub gradients and grad_fn names. */
public class Case053 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.).requiresGrad_(true);
        Tensor y = Tensor.of(4., 5., 6.).requiresGrad_(true);
        Tensor a = x.add(y);
        Tensor s = x.sub(y);
        r.ag("x + y", a);
        r.ag("x - y", s);
        a.mul(Tensor.of(1., 2., 3.)).add(s.mul(Tensor.of(10., 20., 30.))).sum().backward();
        r.show("x.grad", x.grad());
        r.show("y.grad", y.grad());
        Tensor z = Tensor.of(2.0).requiresGrad_(true);
        z.add(z).backward();
        r.show("d(z+z)/dz", z.grad());
        z.setGrad(null);
        z.sub(z).backward();
        r.show("d(z-z)/dz", z.grad());
    }
}
