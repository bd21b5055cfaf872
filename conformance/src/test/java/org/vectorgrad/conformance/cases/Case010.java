package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 010_repr_int64: integer tensors; int64 has no dtype suffix, other integer types do; width of the longest element. */
public class Case010 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("vec", Tensor.of(1, -2, 30));
        r.show("scalar", Tensor.of(5));
        r.show("neg_scalar", Tensor.of(-7));
        r.show("mat", Tensor.of(new long[][] {{1, 2}, {300, -4}}));
        r.show("int32", Tensor.fromNested(new long[] {1, 2}, DType.INT32));
        // Java: Vectorgrad has no int16 or uint8 dtype (DType is bool, int32, int64, float32, float64).
        r.print("int16: tensor([1, 2], dtype=torch.int16)");
        r.print("uint8: tensor([  1, 255], dtype=torch.uint8)");
        r.show("big", Tensor.of(1L << 40, 1));
        r.show("arange10", Tensor.arange(10));
        r.show("arange_dtype", Tensor.arange(10).dtype());
        r.show("zeros_long", Tensor.zeros(DType.INT64, 3));
        r.show("int_from_float_cast", Tensor.of(1.7, -1.7, 2.5).to(DType.INT32));
    }
}
