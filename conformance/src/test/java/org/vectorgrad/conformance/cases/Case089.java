package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 089_autograd_data_attr: data() shares storage but not the version counter, so autograd cannot see its writes. */
public class Case089 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.).requiresGrad_(true);
        r.ag("x.data", x.data());
        Tensor y = x.exp();
        r.show("y._version before", y.version());
        y.data().zero_();
        r.show("y._version after y.data.zero_()", y.version());
        y.sum().backward();
        r.show("x.grad (uses zeroed saved output)", x.grad());
        Tensor a = Tensor.of(1., 2.).requiresGrad_(true);
        a.data().add_(1.0);
        r.show("leaf modified through .data (allowed)", a);
        a.setData(Tensor.of(7., 8.));
        r.show("a after a.data = ...", a);
        r.ag("a", a);
        r.show("y.data.norm()", Tensor.of(3., 4.).requiresGrad_(true).data().norm());
    }
}
