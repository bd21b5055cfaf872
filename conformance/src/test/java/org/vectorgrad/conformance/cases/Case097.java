package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 097_autograd_inplace_nonleaf_ok: in-place ops on non-leaves rebase their grad_fn; a saved, modified value fails. */
public class Case097 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.).requiresGrad_(true);
        Tensor y = x.add(1);
        r.ag("y before", y);
        y.mul_(2);
        r.ag("y after mul_", y);
        r.show("y", y);
        y.sum().backward();
        r.show("x.grad (=2)", x.grad());
        x.setGrad(null);
        Tensor z = x.mul(2);
        z.add_(1);
        r.ag("z after +=", z);
        z.sub_(x);
        r.ag("z after -= x", z);
        z.sum().backward();
        r.show("x.grad (=2-1)", x.grad());
        x.setGrad(null);
        Tensor w = x.mul(1);
        w.select(0, 1).fill_(0.);
        r.ag("w after w[1]=0", w);
        w.sum().backward();
        r.show("x.grad (=[1,0,1])", x.grad());
        x.setGrad(null);
        Tensor e = x.exp();
        Tensor f = e.mul(3);
        e.add_(1);
        r.errRun("exp output modified, still needed by ExpBackward0", () -> f.sum().backward());
    }
}
