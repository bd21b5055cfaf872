package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 011_repr_bool: bool tensors and comparison results. */
public class Case011 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("vec", Tensor.of(true, false));
        r.show("scalar", Tensor.of(true));
        r.show("mat", Tensor.of(new boolean[][] {{true, false}, {false, true}}));
        Tensor x = Tensor.arange(4.0);
        r.show("gt", x.gt(1));
        r.show("eq", x.eq(Tensor.of(0., 5., 2., 7.)));
        r.show("eq_all", x.eq(x).all());
        r.show("any", x.gt(10).any());
        r.show("dtype", x.gt(1).dtype());
        r.show("sum_bool", x.gt(1).sum());
        r.show("empty_bool", Tensor.of(new double[] {}, DType.BOOL));
    }
}
