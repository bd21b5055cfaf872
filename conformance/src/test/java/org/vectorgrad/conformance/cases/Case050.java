package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 050_broadcast_leading_dims: broadcasting that adds leading dims, (2,1,3)+(4,1) and (5,1,4)*(3,1). */
public class Case050 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.ones(2, 1, 3).requiresGrad_(true);
        Tensor b = Tensor.arange(4.0).reshape(4, 1).requiresGrad_(true);
        Tensor c = a.add(b);
        r.show("c.shape", Py.size(c.shape()));
        c.sum().backward();
        r.show("a.grad", a.grad());
        r.show("b.grad", b.grad());
        Tensor x = Tensor.ones(5, 1, 4).requiresGrad_(true);
        Tensor y = Tensor.full(2.0, 3, 1).requiresGrad_(true);
        Tensor z = x.mul(y);
        r.show("z.shape", Py.size(z.shape()));
        z.sum().backward();
        r.show("x.grad.shape", Py.size(x.grad().shape()));
        r.show("x.grad[0]", x.grad().get(0));
        r.show("y.grad", y.grad());
        r.show("broadcast_shapes", Py.size(Tensor.broadcastShapes(new long[] {2, 1, 3}, new long[] {4, 1})));
    }
}
