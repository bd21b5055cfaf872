package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 075_grad_matmul_1d_2d: 1-D @ 2-D, 2-D @ 1-D (mv), 1-D @ 1-D (dot): shapes, grad_fn names, grads. */
public class Case075 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor v = Tensor.of(1., 2., 3.).requiresGrad_(true);
        Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}).requiresGrad_(true);
        Tensor res = v.matmul(m);
        r.show("v @ M", res);
        r.ag("v @ M", res);
        res.backward(Tensor.of(1., -1.));
        r.show("v.grad", v.grad());
        r.show("M.grad", m.grad());
        Tensor s = m.t().matmul(v);
        r.show("M.t() @ v", s);
        r.ag("M.t() @ v", s);
        Tensor t = v.matmul(v);
        r.show("v @ v", t);
        r.ag("v @ v", t);
        r.show("1d@2d shape", Py.size(Tensor.ones(3).matmul(Tensor.ones(3, 4)).shape()));
        r.show("2d@1d shape", Py.size(Tensor.ones(4, 3).matmul(Tensor.ones(3)).shape()));
    }
}
