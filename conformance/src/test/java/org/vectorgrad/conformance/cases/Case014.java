package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 014_repr_2d: rows on their own lines under "tensor([", one common width for all elements. */
public class Case014 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("ones", Tensor.ones(2, 2));
        r.show("widths", Tensor.of(new double[][] {{1.5, -20.25}, {300.125, 4.}}));
        r.show("ints", Tensor.of(new long[][] {{1, 22}, {-333, 4}}));
        r.show("col", Tensor.of(new double[][] {{1.}, {2.}, {3.}}));
        r.show("row", Tensor.of(new double[][] {{1., 2., 3.}}));
        r.show("req", Tensor.ones(2, 3).requiresGrad_(true));
        r.show("f64", Tensor.eye(DType.FLOAT64, 2, 2));
        r.show("wide_rows", Tensor.arange(24.).reshape(2, 12).div(7));
    }
}
