package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 111_autograd_backward_gradient_dtype: backward(gradient) of another dtype; grad's dtype follows the leaf. */
public class Case111 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor y = x.mul(3);
        y.backward(Tensor.of(new double[] {1., 1.}, DType.FLOAT64));
        r.show("f32 leaf, f64 gradient -> x.grad", x.grad());
        x.setGrad(null);
        r.errRun("int gradient", () -> x.mul(3).backward(Tensor.of(1L, 1L)));
        r.show("x.grad after int gradient", x.grad());
        x.setGrad(null);
        Tensor d = Tensor.of(new double[] {1., 2.}, DType.FLOAT64).requiresGrad_(true);
        d.to(DType.FLOAT32).mul(3).sum().backward();
        r.show("f64 leaf via float32 path -> d.grad", d.grad());
        Tensor v = Tensor.ones(2).requiresGrad_(true);
        x.setGrad(null);
        x.mul(3).backward(v);
        r.ag("x.grad when gradient requires grad", x.grad());
    }
}
