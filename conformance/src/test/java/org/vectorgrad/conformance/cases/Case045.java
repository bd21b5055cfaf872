package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 045_view_elementwise_on_transposed_layout: elementwise results keep a transposed input's layout, so view(-1) fails. */
public class Case045 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(6.0).reshape(2, 3);
        Tensor y = x.t().mul(2);
        r.meta("x.t()*2", y);
        r.show("x.t()*2", y);
        r.meta("(x.t()*2).reshape(-1) (copy)", y.reshape(-1));
        r.err("(x.t()*2).view(-1)", () -> y.view(-1));
        r.meta("x.t() + torch.zeros(3,2)", x.t().add(Tensor.zeros(3, 2)));
        r.meta("torch.zeros(3,2) + x.t()", Tensor.zeros(3, 2).add(x.t()));
        r.meta("x.t().exp()", x.t().exp());
        r.meta("x.t() @ x", x.t().matmul(x));
    }
}
