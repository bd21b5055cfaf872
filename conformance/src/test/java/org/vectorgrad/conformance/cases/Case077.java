package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 077_grad_t_transpose: gradients through t() (TBackward0), transpose (TransposeBackward0), permute (PermuteBackward0). */
public class Case077 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad_(true);
        Tensor w = Tensor.of(new double[][] {{1, 10}, {100, 1000}, {-1, -10}});
        Tensor y = x.t();
        r.ag("x.t()", y);
        y.mul(w).sum().backward();
        r.show("x.grad (= w.t())", x.grad());
        x.setGrad(null);
        Tensor z = x.transpose(0, 1);
        r.ag("transpose", z);
        z.mul(w).sum().backward();
        r.show("x.grad via transpose", x.grad());
        x.setGrad(null);
        Tensor p = x.unsqueeze(0).permute(2, 0, 1);
        r.ag("permute", p);
        p.mul(Tensor.arange(3.0).reshape(3, 1, 1)).sum().backward();
        r.show("x.grad via permute", x.grad());
        r.ag("x.T", x.T());
    }
}
