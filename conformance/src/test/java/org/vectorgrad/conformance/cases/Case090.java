package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 090_autograd_detach_mul_seed003: u = y.detach() is a constant in z = u * x, so dz/dx = u. */
public class Case090 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(4.0).requiresGrad_(true);
        Tensor y = x.mul(x);
        Tensor u = y.detach();
        Tensor z = u.mul(x);
        Tensor out = z.sum();
        out.backward();
        r.show("x.grad", x.grad());
        r.show("x.grad == u", x.grad().eq(u));
        x.grad().zero_();
        y.sum().backward();
        r.show("x.grad from y (=2x)", x.grad());
        r.show("x.grad == 2 * x", x.grad().eq(x.mul(2)));
    }
}
