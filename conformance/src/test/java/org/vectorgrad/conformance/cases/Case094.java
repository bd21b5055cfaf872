package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 094_autograd_backward_twice: a second backward fails once saved tensors are freed, unless retainGraph. */
public class Case094 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor y = x.mul(x).sum();
        y.backward();
        r.errRun("second backward (x*x)", () -> y.backward());
        x.setGrad(null);
        Tensor y1 = x.mul(x).sum();
        y1.backward(null, true, false);
        y1.backward();
        r.show("x.grad after retain_graph + 2nd backward", x.grad());
        x.setGrad(null);
        Tensor z = x.add(2).sum();
        z.backward();
        r.errRun("second backward (x+2, nothing saved)", () -> z.backward());
        r.show("x.grad", x.grad());
        x.setGrad(null);
        Tensor w = x.mul(3).sum();
        w.backward();
        r.errRun("second backward (x*3 scalar)", () -> w.backward());
        r.show("x.grad", x.grad());
        Tensor v = x.exp().sum();
        v.backward();
        r.errRun("second backward (exp)", () -> v.backward());
    }
}
