package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Numpy;

/** 113_grad_sin_random_seeded: seeded random input; the grad of sin(x).sum() equals cos(x) exactly. */
public class Case113 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor.manualSeed(0);
        Tensor x = Tensor.rand(8).mul(20).sub(10);
        r.exact("x", x);
        r.show("x", x);
        x.requiresGrad_(true);
        Tensor y = x.sin();
        r.show("y", y);
        y.sum().backward();
        r.show("x.grad", x.grad());
        r.exact("x.grad", x.grad());
        r.show("torch.equal(x.grad, torch.cos(x))", x.grad().equal(x.detach().cos()));
        r.show("x.detach().numpy()", Numpy.numpy(x.detach()));
    }
}
