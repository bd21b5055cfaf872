package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 062_grad_composite_chain: chain rule through several ops in double precision (seed 001 Example 2). */
public class Case062 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        Tensor y = Tensor.of(7.2, DType.FLOAT64).requiresGrad_(true);
        Tensor l1 = x.mul(3);
        Tensor l2 = y.mul(l1);
        Tensor error = l2.sub(31).pow(2);
        r.show("l1", l1);
        r.show("l2", l2);
        r.show("error", error);
        error.backward();
        r.show("x.grad", x.grad());
        r.show("y.grad", y.grad());
        r.exact("x.grad", x.grad());
        r.exact("y.grad", y.grad());
        Tensor a = Tensor.of(0.5, -1.).requiresGrad_(true);
        Tensor f = a.mul(a).sin().exp().mean();
        r.show("f", f);
        f.backward();
        r.show("a.grad", a.grad());
        r.exact("a.grad", a.grad());
    }
}
