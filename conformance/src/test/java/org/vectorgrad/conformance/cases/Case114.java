package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 114_grad_randn_seeded_seed004: y = x*2 doubled until its norm reaches 100; backward(ones) gives 2^k. */
public class Case114 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor.manualSeed(0);
        Tensor x = Tensor.randn(3).requiresGrad_(true);
        r.exact("x", x);
        r.show("x", x);
        Tensor y = x.mul(2);
        r.show("y", y);
        r.show("y[0]*y[0]+y[1]*y[1]+y[2]*y[2]", y.get(0).mul(y.get(0)).add(y.get(1).mul(y.get(1))).add(y.get(2).mul(y.get(2))));
        r.show("y.data.norm()", y.data().norm());
        while (y.data().norm().lt(100).isTrue()) {
            y = y.mul(2);
        }
        r.show("y", y);
        y.backward(Tensor.ones(3));
        r.show("x.grad", x.grad());
        Tensor.manualSeed(0);
        Tensor a = Tensor.randn(2, 2);
        r.exact("a", a);
        a = a.mul(3).div(a.sub(1));
        r.show("a", a);
        a.requiresGrad_(true);
        Tensor b = a.mul(a).sum();
        r.show("b", b);
        b.backward();
        r.show("a.grad", a.grad());
    }
}
