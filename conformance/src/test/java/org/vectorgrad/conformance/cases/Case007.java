package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 007_repr_sci_mixed_ratio: sci mode when max/min of the nonzero finite |values| exceeds 1000. */
public class Case007 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("ratio_1500", Tensor.of(0.001, 1.5));
        r.show("ratio_999", Tensor.of(0.01, 9.99));
        r.show("ratio_1001", Tensor.of(0.5, 500.5));
        r.show("neg_ratio", Tensor.of(-1e-3, 2.));
        r.show("grads_like_seed002", Tensor.of(102.4, 1024., 0.1024));
        r.show("seed002_notebook_values", Tensor.of(51.2, 512.0, 0.0512));
        r.show("mixed_2d", Tensor.of(new double[][] {{1e-3, 1.}, {10., 100.}}));
        r.show("mixed_2d_sci", Tensor.of(new double[][] {{1e-3, 1.}, {10., 1000.5}}));
    }
}
