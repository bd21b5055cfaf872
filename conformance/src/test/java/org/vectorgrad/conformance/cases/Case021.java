package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 021_repr_requires_grad_suffix: ", requires_grad=True" for leaves that require grad, after the dtype. */
public class Case021 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("ones", Tensor.ones(2).requiresGrad_(true));
        r.show("f64", Tensor.of(new double[] {1.5, 2.}, DType.FLOAT64).requiresGrad_(true));
        r.show("scalar_f64", Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true));
        r.show("requires_grad_", Tensor.zeros(2).requiresGrad_(true));
        r.show("requires_grad_false", Tensor.zeros(2).requiresGrad_(false));
        Tensor x = Tensor.ones(2).requiresGrad_(true);
        r.show("detached", x.detach());
        try (var g = Autograd.noGrad()) {
            r.show("under_no_grad_repr_of_leaf", x);
            r.show("under_no_grad_result", x.mul(2));
        }
    }
}
