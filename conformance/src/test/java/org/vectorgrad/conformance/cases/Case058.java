package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 058_grad_sin_cos: SinBackward0 / CosBackward0, incl. float32 values at multiples of pi/2. */
public class Case058 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(0., 0.5, 1., 1.5, 2.).requiresGrad_(true);
        Tensor y = x.sin();
        r.show("sin(x)", y);
        y.sum().backward();
        r.show("x.grad (=cos x)", x.grad());
        r.exact("x.grad", x.grad());
        x.setGrad(null);
        Tensor c = x.cos();
        r.show("cos(x)", c);
        c.sum().backward();
        r.show("x.grad (=-sin x)", x.grad());
        r.exact("x.grad", x.grad());
        // np.array([...]) * np.pi is computed in double, then stored as float32.
        double[] k = {0, 0.5, 1, 1.5, 2};
        double[] kpi = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            kpi[i] = k[i] * Math.PI;
        }
        Tensor p = Tensor.of(kpi, DType.FLOAT32).requiresGrad_(true);
        Tensor s = p.sin();
        s.backward(Tensor.ones(5));
        r.exact("sin(k*pi/2) float32", s);
        r.exact("cos(k*pi/2) float32 (grad)", p.grad());
        r.show("sin int()", s.detach().to(DType.INT32));
        r.show("grad int()", p.grad().to(DType.INT32));
        r.show("x.sin() method", Tensor.of(new double[] {2.0}).requiresGrad_(true).sin());
    }
}
