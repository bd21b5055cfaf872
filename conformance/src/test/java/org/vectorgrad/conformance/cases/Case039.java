package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 039_view_unsqueeze_squeeze: unsqueeze/squeeze strides and shapes. */
public class Case039 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(6.0).reshape(2, 3);
        r.meta("unsqueeze(0)", x.unsqueeze(0));
        r.meta("unsqueeze(1)", x.unsqueeze(1));
        r.meta("unsqueeze(2)", x.unsqueeze(2));
        r.meta("unsqueeze(-1)", x.unsqueeze(-1));
        r.meta("t().unsqueeze(1)", x.t().unsqueeze(1));
        Tensor y = Tensor.zeros(1, 3, 1);
        r.meta("squeeze()", y.squeeze());
        r.meta("squeeze(0)", y.squeeze(0));
        r.meta("squeeze(1) (no-op)", y.squeeze(1));
        r.meta("squeeze(-1)", y.squeeze(-1));
        r.meta("0dim.unsqueeze(0)", Tensor.of(1.0).unsqueeze(0));
        r.meta("ones(1).squeeze()", Tensor.ones(1).squeeze());
        r.err("unsqueeze_bad", () -> x.unsqueeze(3));
        r.show("unsqueeze shares", x.unsqueeze(0).sharesStorageWith(x));
    }
}
