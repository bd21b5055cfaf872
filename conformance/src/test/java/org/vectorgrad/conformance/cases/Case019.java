package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 019_repr_summarize_2d_3d: each dim longer than 6 shows 3 edge rows/cols around "...". */
public class Case019 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("40x50", Tensor.arange(2000.).reshape(40, 50));
        r.show("2x600", Tensor.arange(1200.).reshape(2, 600));
        r.show("600x2", Tensor.arange(1200).reshape(600, 2));
        r.show("11x10x10", Tensor.arange(1100.).reshape(11, 10, 10));
    }
}
