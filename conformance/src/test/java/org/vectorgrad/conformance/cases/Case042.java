package org.vectorgrad.conformance.cases;

import org.vectorgrad.MemoryFormat;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 042_view_clone_preserves_strides: clone() keeps the strides of dense inputs and copies gaps away; elementwise results follow. */
public class Case042 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(6.0).reshape(2, 3);
        r.meta("x.t().clone()", x.t().clone());
        r.meta("x.t().clone(contiguous_format)", x.t().clone(MemoryFormat.CONTIGUOUS));
        r.meta("x[:, ::2].clone()", x.slice(1, 0, Long.MAX_VALUE, 2).clone());
        r.meta("expand.clone()", Tensor.ones(3, 1).expand(3, 2).clone());
        Tensor p = Tensor.arange(24.0).reshape(2, 3, 4).permute(2, 0, 1);
        r.meta("permute.clone()", p.clone());
        r.meta("x.t() + 1", x.t().add(1));
        r.meta("x.t() * x.t()", x.t().mul(x.t()));
        r.meta("x.t() + x (non-matching layouts)", x.t().add(x.t().contiguous()));
        r.meta("torch.zeros_like(x.t())", x.t().zerosLike());
        r.meta("x.t().sin()", x.t().sin());
        r.meta("x.t().sum(0)", x.t().sum(0));
    }
}
