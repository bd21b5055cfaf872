package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 059_grad_exp_log: exp / log gradients; log at 0 and negative inputs. */
public class Case059 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(-1., 0., 1., 2.).requiresGrad_(true);
        Tensor y = x.exp();
        r.show("exp", y);
        y.sum().backward();
        r.show("x.grad (=exp x)", x.grad());
        r.exact("exp", y.detach());
        Tensor l = Tensor.of(0.5, 1., 2., 0., -1.).requiresGrad_(true);
        Tensor g = l.log();
        r.show("log", g);
        g.sum().backward();
        r.show("l.grad (=1/x)", l.grad());
        r.show("x.exp() method", Tensor.of(new double[] {1}).requiresGrad_(true).exp());
        r.show("x.log() method", Tensor.of(new double[] {1}).requiresGrad_(true).log());
    }
}
