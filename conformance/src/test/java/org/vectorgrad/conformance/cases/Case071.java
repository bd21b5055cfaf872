package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 071_grad_dot: dot / x @ x (DotBackward0): seed 003 {@code 2 * x @ x} precedence; grads. */
public class Case071 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(4.0).requiresGrad_(true);
        // Python: `2 * x @ x` is `(2 * x) @ x`.
        Tensor y = x.mul(2).matmul(x);
        r.show("y", y);
        y.backward();
        r.show("x.grad (=4x)", x.grad());
        r.show("x.grad == 4*x", x.grad().eq(x.mul(4)));
        Tensor a = Tensor.of(1., 2., 3.).requiresGrad_(true);
        Tensor b = Tensor.of(4., -5., 6.).requiresGrad_(true);
        Tensor d = a.dot(b);
        r.show("dot", d);
        r.ag("dot", d);
        d.backward();
        r.show("a.grad", a.grad());
        r.show("b.grad", b.grad());
        r.show("a.dot(b)", a.dot(b));
        r.show("int dot", Tensor.of(1L, 2L).matmul(Tensor.of(3L, 4L)));
    }
}
