package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 009_repr_nan_inf: nan / inf / -inf print as words and take no part in width and sci-mode decisions. */
public class Case009 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        r.show("only_nonfinite", Tensor.of(nan, inf, -inf));
        r.show("with_int_valued", Tensor.of(nan, inf, -inf, 1.));
        r.show("with_frac", Tensor.of(nan, 1.5));
        r.show("with_frac_neg", Tensor.of(-inf, 1.5, -2.25));
        r.show("with_sci", Tensor.of(inf, 1e-5, 1.));
        r.show("nan_scalar", Tensor.of(nan));
        r.show("inf_scalar", Tensor.of(-inf));
        r.show("nan_f64", Tensor.of(new double[] {nan, 2.}, DType.FLOAT64));
        r.show("div_by_zero", Tensor.of(1., -1., 0.).div(0));
        r.show("log_zero", Tensor.of(0., 1.).log());
        r.show("nan_2d", Tensor.of(new double[][] {{nan, 1.}, {2., 300.}}));
    }
}
