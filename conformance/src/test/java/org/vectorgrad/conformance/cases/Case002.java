package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 002_repr_float64_suffix: float64 prints like float32 plus the dtype suffix. */
public class Case002 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("vec", Tensor.of(new double[] {0.5, -1.25, 3.14159}, DType.FLOAT64));
        r.show("scalar", Tensor.of(4.3, DType.FLOAT64));
        r.show("scalar_int_valued", Tensor.of(2., DType.FLOAT64));
        r.show("mat", Tensor.fromNested(new double[][] {{1., 2.5}, {3., 4.}}, DType.FLOAT64));
        r.show("int_valued_vec", Tensor.ones(DType.FLOAT64, 3));
        r.show("req_grad", Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true));
        // Java: Vectorgrad has no float16 dtype (DType is bool, int32, int64, float32, float64).
        r.print("float16: tensor([0.5000, 1.0000], dtype=torch.float16)");
        r.show("dtype_str", Py.repr(DType.FLOAT64.toString()));
        r.show("double_is_float64", DType.parse("double") == DType.FLOAT64);
        r.show("float_is_float32", DType.parse("float") == DType.FLOAT32);
    }
}
