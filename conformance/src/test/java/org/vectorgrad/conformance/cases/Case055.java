package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 055_grad_neg: negation: NegBackward0, grad -1; -0. handling. */
public class Case055 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1.5, 0., -2.).requiresGrad_(true);
        Tensor y = x.neg();
        r.show("-x", y);
        y.sum().backward();
        r.show("x.grad", x.grad());
        Tensor z = Tensor.of(5.0).requiresGrad_(true);
        // Python parses `- 3 * z` as `(-3) * z`: a multiplication by the number -3.
        Tensor w = z.mul(-3);
        r.show("- 3 * z", w);
        w.backward();
        r.show("z.grad", z.grad());
        r.show("neg()", Tensor.of(1., 2.).requiresGrad_(true).neg());
    }
}
