package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 005_repr_sci_large: scientific notation for max > 1e8 and for large max/min ratios. */
public class Case005 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("1e10_and_1", Tensor.of(1e10, 1.));
        r.show("1.5e8", Tensor.of(new double[] {1.5e8}));
        r.show("1.5e8_scalar", Tensor.of(1.5e8));
        r.show("123456789.5", Tensor.of(new double[] {123456789.5}, DType.FLOAT64));
        r.show("1e8_frac_f64", Tensor.of(new double[] {100000000.5}, DType.FLOAT64));
        r.show("99999999.5_f64", Tensor.of(new double[] {99999999.5}, DType.FLOAT64));
        r.show("neg_large", Tensor.of(-3.5e12, 2.25));
        r.show("1e20", Tensor.of(1e20, -1e20));
        r.show("float64_1e300", Tensor.of(new double[] {1e300, 1.}, DType.FLOAT64));
        r.show("large_fixed", Tensor.of(12345.678, 99999.5));
    }
}
