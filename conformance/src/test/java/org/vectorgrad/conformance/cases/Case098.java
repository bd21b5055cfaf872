package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 098_autograd_grad_create_graph_pow3: Autograd.grad with createGraph: d/dx x^3 = 3x^2, then 6x, then 6. */
public class Case098 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., -0.5).requiresGrad_(true);
        Tensor y = x.pow(3);
        Tensor g1 = Autograd.grad(y.sum(), x, true);
        r.show("g1", g1);
        r.ag("g1", g1);
        Tensor g2 = Autograd.grad(g1.sum(), x, true);
        r.show("g2", g2);
        r.ag("g2", g2);
        Tensor g3 = Autograd.grad(g2.sum(), x, false);
        r.show("g3", g3);
        r.ag("g3", g3);
        r.show("x.grad untouched", x.grad());
        Tensor s = Tensor.of(3., DType.FLOAT64).requiresGrad_(true);
        Tensor f = s.pow(3);
        Tensor[] d1 = Autograd.grad(new Tensor[] {f}, new Tensor[] {s}, null, true, true, false);
        r.show("d1 tuple", Py.tuple((Object[]) d1));
        d1[0].backward();
        r.show("s.grad = d2f/ds2 at 3", s.grad());
    }
}
