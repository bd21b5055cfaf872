package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 049_broadcast_div_grad: (2,3) / (3,); the divisor's gradient is -sum(a / b^2) over the broadcast dim. */
public class Case049 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad_(true);
        Tensor b = Tensor.of(1.0, 2.0, 4.0).requiresGrad_(true);
        Tensor q = a.div(b);
        r.show("q", q);
        q.sum().backward();
        r.show("a.grad", a.grad());
        r.show("b.grad", b.grad());
        r.exact("b.grad", b.grad());
        Tensor c = Tensor.of(new double[][] {{2}, {4}}).requiresGrad_(true);
        Tensor quotient = Tensor.of(1.0, 2.0, 3.0).div(c);
        r.show("r", quotient);
        quotient.sum().backward();
        r.show("c.grad", c.grad());
    }
}
