package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 091_autograd_requires_grad_propagation: requires_grad of results; only leaves may have the flag changed. */
public class Case091 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.ones(2).requiresGrad_(true);
        Tensor b = Tensor.ones(2);
        r.ag("a + b", a.add(b));
        r.ag("b + b", b.add(b));
        r.ag("b * a", b.mul(a));
        r.ag("a.detach() + b", a.detach().add(b));
        r.ag("torch.ones_like(a)", a.onesLike());
        r.ag("a.clone()", a.clone());
        r.ag("a > 0 (bool result)", a.gt(0));
        r.ag("a.argmax()", a.argmax());
        r.ag("a.int()", a.to(DType.INT32));
        r.ag("torch.zeros(2) filled by a", Tensor.zeros(2).copy_(a));
        Tensor c = a.mul(2);
        r.err("c.requires_grad_(False) on non-leaf", () -> c.requiresGrad_(false));
        // Java: `c.requires_grad = False` is the same call as requires_grad_(False)
        r.err("c.requires_grad = False", () -> c.requiresGrad_(false));
        r.ag("c.requires_grad_(True) on non-leaf", c.requiresGrad_(true));
        r.ag("a.requires_grad_(False) on leaf", a.requiresGrad_(false));
    }
}
