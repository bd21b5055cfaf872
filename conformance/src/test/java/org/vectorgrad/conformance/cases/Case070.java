package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 070_grad_norm: norm(): value, grad x/||x||, grad_fn name, zero-vector gradient, dim / p variants. */
public class Case070 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(3., 4.).requiresGrad_(true);
        Tensor n = x.norm();
        r.show("norm", n);
        r.ag("norm", n);
        n.backward();
        r.show("x.grad", x.grad());
        Tensor z = Tensor.zeros(3).requiresGrad_(true);
        Tensor nz = z.norm();
        nz.backward();
        r.show("norm(0)", nz);
        r.show("zero grad", z.grad());
        Tensor m = Tensor.of(new double[][] {{3, 4}, {6, 8}}).requiresGrad_(true);
        Tensor nd = m.norm(2, 1, false);
        r.show("norm(dim=1)", nd);
        r.ag("norm(dim=1)", nd);
        nd.sum().backward();
        r.show("m.grad", m.grad());
        Tensor p1 = Tensor.of(1., -2., 0.).requiresGrad_(true);
        Tensor n1 = p1.norm(1);
        r.show("norm(p=1)", n1);
        n1.backward();
        r.show("p1.grad", p1.grad());
        r.show("torch.norm", Tensor.of(1., 2., 2.).norm());
        Tensor y = Tensor.of(-1.0845, -1.3986, 0.4033).mul(2);
        r.show("y.data.norm() (seed-style)", y.data().norm());
        r.show("norm < 1000", y.norm().lt(1000));
        r.show("f64 norm", Tensor.of(new double[] {1, 1}, DType.FLOAT64).norm());
        // torch.linalg.norm of a vector (no ord, no dim) is its 2-norm: x.norm().
        r.show("linalg.norm", Tensor.of(3., 4.).norm());
    }
}
