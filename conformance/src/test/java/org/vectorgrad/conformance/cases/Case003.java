package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 003_repr_integer_valued_floats: all-integer floats print as "1."; sci mode if max/min > 1000 or max > 1e8. */
public class Case003 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("ones", Tensor.of(1., 2., 3.));
        r.show("neg", Tensor.of(-1., 0., 10.));
        r.show("hundred", Tensor.of(100., -5.));
        r.show("ratio_1000_fixed", Tensor.of(1., 1000.));
        r.show("ratio_1001_sci", Tensor.of(1., 1001.));
        r.show("ratio_2000_sci", Tensor.of(1., 2000.));
        r.show("1e8_fixed", Tensor.of(new double[] {1e8}));
        r.show("1e8_plus", Tensor.of(1e8, 1e8 + 8));
        r.show("1e9_sci", Tensor.of(new double[] {1e9}));
        r.show("zeros", Tensor.zeros(3));
        r.show("zero_dim_int_valued", Tensor.of(27.));
        r.show("big_int_valued", Tensor.of(123456., 7.));
        r.show("mixed_int_and_frac", Tensor.of(1., 2.5));
        r.show("arange4", Tensor.arange(4.0));
    }
}
