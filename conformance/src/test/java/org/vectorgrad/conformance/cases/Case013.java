package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 013_repr_empty: "tensor([])", with size= for non-1-D and the dtype for any non-default dtype. */
public class Case013 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("empty_1d", Tensor.of(new double[] {}));
        r.show("empty_dtype", Tensor.of(new double[] {}).dtype());
        r.show("empty_2d", Tensor.zeros(0, 3));
        r.show("empty_3d", Tensor.ones(2, 0, 1));
        r.show("empty_int64", Tensor.of(new double[] {}, DType.INT64));
        r.show("empty_int64_2d", Tensor.zeros(DType.INT64, 0, 2));
        r.show("empty_f64", Tensor.of(new double[] {}, DType.FLOAT64));
        r.show("empty_bool", Tensor.of(new double[] {}, DType.BOOL));
        r.show("empty_req", Tensor.zeros(0).requiresGrad_(true));
        r.show("empty_slice", Tensor.arange(5.).slice(0, 3, 3));
        r.show("empty_sum", Tensor.of(new double[] {}).sum());
        r.show("empty_stride", Ref.tuple(Tensor.zeros(0, 3).stride()));
        r.show("empty_arange_int", Tensor.arange(0));
    }
}
