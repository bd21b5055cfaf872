package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 095_autograd_inplace_leaf_error: in-place ops on a leaf that requires grad fail, except under noGrad or via data(). */
public class Case095 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        x.pow(2).backward();
        r.errRun("x -= 0.1 * x.grad", () -> x.sub_(x.grad().mul(0.1)));
        r.err("x.add_(1)", () -> x.add_(1));
        r.err("x.zero_()", () -> x.zero_());
        r.err("x.copy_(...)", () -> x.copy_(Tensor.of(1.)));
        Tensor v = Tensor.ones(3).requiresGrad_(true);
        r.errRun("v[0] = 2", () -> v.select(0, 0).fill_(2.));
        r.err("v.mul_(2)", () -> v.mul_(2));
        r.show("x._version before", x.version());
        try (var g = Autograd.noGrad()) {
            x.sub_(x.grad().mul(0.1));
        }
        r.show("x after no_grad update", x);
        r.show("x._version after", x.version());
        r.ag("x", x);
        x.data().mul_(2);
        r.show("x after x.data.mul_(2)", x);
        Tensor y = Tensor.ones(2);
        y.add_(1);
        r.show("in-place on tensor not requiring grad", y);
    }
}
