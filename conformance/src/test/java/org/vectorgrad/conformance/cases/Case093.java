package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 093_autograd_backward_nonscalar: backward() of a non-scalar needs a gradient; one-element outputs do not. */
public class Case093 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(4.0).requiresGrad_(true);
        Tensor y = x.mul(x);
        r.errRun("y.backward() on shape (4,)", () -> y.backward());
        y.backward(Tensor.ones(y.size(0)));
        r.show("x.grad with ones", x.grad());
        x.grad().zero_();
        Tensor y2 = x.mul(x);
        y2.backward(Tensor.of(0.1, 1.0, 0.0001, 0.));
        r.show("x.grad with v", x.grad());
        Tensor s = Tensor.of(new double[] {2.0}).requiresGrad_(true);
        Tensor t = s.sin();
        t.backward();
        r.show("shape (1,) backward() ok: s.grad", s.grad());
        Tensor m = Tensor.ones(1, 1).requiresGrad_(true);
        m.mul(3).backward();
        r.show("shape (1,1) backward() ok", m.grad());
        Tensor z = Tensor.ones(3).requiresGrad_(true).mul(2);
        r.errRun("wrong gradient shape", () -> z.backward(Tensor.ones(2)));
        r.errRun("gradient shape (3,1) for (3,)", () -> Tensor.ones(3).requiresGrad_(true).mul(2).backward(Tensor.ones(3, 1)));
        r.err("autograd.grad non-scalar", () -> Autograd.grad(new Tensor[] {Tensor.ones(3).requiresGrad_(true).mul(2)},
                new Tensor[0], null, false, false, false));
    }
}
