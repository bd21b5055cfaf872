package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 067_grad_mean: MeanBackward0 (all) / MeanBackward1 (dim); grads 1/n; mean of an integer tensor is an error. */
public class Case067 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.ones(2, 2).requiresGrad_(true);
        Tensor y = x.add(2);
        Tensor z = y.mul(y).mul(3);
        Tensor out = z.mean();
        r.show("z", z);
        r.show("out", out);
        out.backward();
        r.show("x.grad (seed: 4.5)", x.grad());
        Tensor a = Tensor.arange(6.0).reshape(2, 3).requiresGrad_(true);
        Tensor m0 = a.mean(0);
        Tensor m1 = a.mean(1, true);
        r.show("mean(0)", m0);
        r.show("mean(1,keepdim)", m1);
        r.ag("mean(0)", m0);
        m0.sum().backward();
        r.show("a.grad from mean(0).sum()", a.grad());
        a.setGrad(null);
        a.mean().backward();
        r.show("a.grad from mean()", a.grad());
        r.err("int mean", () -> Tensor.of(1L, 2L).mean());
        r.show("mean f64", Tensor.of(new double[] {1, 2}, DType.FLOAT64).mean());
        r.show("mean empty", Tensor.of(new double[0]).mean());
    }
}
