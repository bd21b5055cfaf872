package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 057_grad_pow_tensor: x ** y with a tensor exponent (PowBackward1), 2 ** y; special cases x=0, x<0. */
public class Case057 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(2., 3., 0., 0., -2.).requiresGrad_(true);
        Tensor y = Tensor.of(3., 0.5, 2., 0., 2.).requiresGrad_(true);
        Tensor z = x.pow(y);
        r.show("x**y", z);
        r.ag("x**y", z);
        z.sum().backward();
        r.show("x.grad = y*x^(y-1)", x.grad());
        r.show("y.grad = x^y*log(x)", y.grad());
        r.exact("y.grad", y.grad());
        Tensor e = Tensor.of(0., 1., 2.5).requiresGrad_(true);
        Tensor p = Tensor.pow(2, e);
        r.ag("2**e", p);
        r.show("2**e", p);
        p.sum().backward();
        r.show("e.grad = 2^e*ln2", e.grad());
        r.exact("e.grad", e.grad());
        Tensor e0 = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor q = Tensor.pow(0, e0);
        q.sum().backward();
        r.show("0**e grad", e0.grad());
        Tensor b = Tensor.of(3.0).requiresGrad_(true);
        Tensor rr = b.pow(Tensor.of(1., 2.));
        rr.sum().backward();
        r.show("0-dim base ** vector exponent: b.grad", b.grad());
    }
}
