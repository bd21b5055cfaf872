package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 017_repr_suffix_wrap: dtype / requires_grad / grad_fn suffixes move to a new line (indent 7) past column 80. */
public class Case017 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("f64_8_per_line", Tensor.arange(DType.FLOAT64, 0, 8, 1).add(0.5));
        r.show("f64_9", Tensor.arange(DType.FLOAT64, 0, 9, 1).add(0.5));
        r.show("f32_req_8", Tensor.arange(8.).add(0.5).requiresGrad_(true));
        Tensor x = Tensor.arange(8.).add(0.5).requiresGrad_(true);
        r.show("f32_gradfn_8", x.mul(2));
        r.show("f64_req_short", Tensor.arange(DType.FLOAT64, 0, 3, 1).requiresGrad_(true));
        r.show("f64_req_long", Tensor.arange(DType.FLOAT64, 0, 7, 1).add(0.5).requiresGrad_(true));
        Tensor y = Tensor.arange(DType.FLOAT64, 0, 6, 1).add(0.5).requiresGrad_(true);
        r.show("f64_gradfn_6", y.mul(2));
        r.show("int32_long", Tensor.arange(DType.INT32, 0, 24, 1).mul(1000));
    }
}
