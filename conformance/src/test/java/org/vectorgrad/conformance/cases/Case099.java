package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 099_autograd_grad_create_graph_sin: d/dx sin = cos, d2 = -sin; without createGraph the result is detached. */
public class Case099 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(0., 1., 2.).requiresGrad_(true);
        Tensor y = x.sin();
        Tensor d1 = Autograd.grad(y.sum(), x, true);
        r.show("d1 (=cos)", d1);
        r.ag("d1", d1);
        Tensor d2 = Autograd.grad(d1.sum(), x, false);
        r.show("d2 (=-sin)", d2);
        r.exact("d2", d2);
        r.show("-sin(x)", x.detach().sin().neg());
        Tensor n1 = Autograd.grad(x.sin().sum(), x, false);
        r.ag("without create_graph", n1);
        r.err("grad of detached first derivative", () -> Autograd.grad(n1.sum(), x, false));
        Tensor xx = Tensor.of(2.).requiresGrad_(true);
        Tensor yy = xx.sin();
        yy.backward(null, false, true);
        r.ag("xx.grad after backward(create_graph=True)", xx.grad());
        r.show("xx.grad", xx.grad());
    }
}
