package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 034_view_narrow: narrow(dim, start, length) is a view, the same as slicing. */
public class Case034 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(12.0).reshape(3, 4);
        Tensor n0 = x.narrow(0, 1, 2);
        Tensor n1 = x.narrow(1, 1, 2);
        r.meta("narrow(0,1,2)", n0);
        r.show("narrow(0,1,2)", n0);
        r.meta("narrow(1,1,2)", n1);
        r.show("narrow(1,1,2)", n1);
        r.show("shares", n1.sharesStorageWith(x));
        n1.zero_();
        r.show("x after n1.zero_()", x);
        r.err("narrow_too_long", () -> x.narrow(0, 2, 2));
        r.meta("narrow(-1,3,1)", x.narrow(-1, 3, 1));
    }
}
