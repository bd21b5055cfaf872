package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 079_grad_expand: the gradient through expand (ExpandBackward0) sums over the expanded dims. */
public class Case079 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.).requiresGrad_(true);
        Tensor e = x.expand(4, 3);
        r.ag("expand", e);
        e.mul(Tensor.arange(12.0).reshape(4, 3)).sum().backward();
        r.show("x.grad", x.grad());
        Tensor c = Tensor.of(new double[][] {{1}, {2}}).requiresGrad_(true);
        Tensor ce = c.expand(2, 5);
        ce.sum().backward();
        r.show("c.grad", c.grad());
        Tensor s = Tensor.of(2.0).requiresGrad_(true);
        Tensor se = s.expand(3);
        r.ag("0dim.expand", se);
        se.mul(Tensor.of(1., 2., 3.)).sum().backward();
        r.show("s.grad", s.grad());
        Tensor v = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor rr = v.repeat(3);
        r.ag("repeat", rr);
        rr.sum().backward();
        r.show("repeat grad", v.grad());
    }
}
