package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 025_repr_alignment_negative: every element is left-padded to the widest, minus sign included. */
public class Case025 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("mixed", Tensor.of(-1.5, 2.25, -300.125));
        r.show("int_mode_neg", Tensor.of(-1., 2., -300.));
        r.show("all_neg", Tensor.of(-1.5, -2.5));
        r.show("pos_only", Tensor.of(1.5, 22.5));
        r.show("sci_neg", Tensor.of(-1e-5, 1.));
        r.show("int_neg", Tensor.of(-1, 5, -100));
        r.show("2d_neg", Tensor.of(new double[][] {{-1.5, 2.}, {3., -40.}}));
    }
}
