package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 006_repr_sci_small: sci mode when the smallest nonzero |x| (as stored) is below 1e-4. */
public class Case006 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("1e-5_and_1", Tensor.of(1e-5, 1.));
        r.show("0.0001_fixed", Tensor.of(0.0001, 0.5));
        r.show("0.00009_sci", Tensor.of(0.00009, 0.5));
        r.show("tiny_scalar", Tensor.of(-1e-5));
        r.show("tiny_scalar_f64", Tensor.of(1.5e-10, DType.FLOAT64));
        r.show("with_zero", Tensor.of(0., 1e-6, 2.));
        r.show("only_tiny", Tensor.of(1e-5, 2e-5, 3e-5));
        r.show("denormal_f32", Tensor.of(new double[] {1e-40}));
        r.show("min_1e-4_f32", Tensor.of(new double[] {1e-4}));
        r.show("min_1e-4_f64", Tensor.of(new double[] {1e-4}, DType.FLOAT64));
    }
}
