package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 106_dtype_casts_grad: casts to floating dtypes are differentiable (ToCopyBackward0); integer casts cut the graph. */
public class Case106 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1.5, -2.7).requiresGrad_(true);
        Tensor d = x.to(DType.FLOAT64);
        r.ag("x.double()", d);
        r.show("x.double()", d);
        d.mul(d).sum().backward();
        r.show("x.grad (float32)", x.grad());
        r.ag("x.float() (no-op)", x.to(DType.FLOAT32));
        r.show("x.float() is x", x.to(DType.FLOAT32) == x);
        r.ag("x.to(torch.float64)", x.to(DType.FLOAT64));
        Tensor i = x.to(DType.INT32);
        r.ag("x.int()", i);
        r.show("x.int()", i);
        r.show("x.long()", x.to(DType.INT64));
        r.show("x.detach().int() trunc toward zero", Tensor.of(2.9, -2.9, 0.5, -0.5).to(DType.INT32));
        r.show("x.type(torch.float64)", x.type(DType.FLOAT64));
        r.show("x.type()", Py.repr(x.type()));
        r.show("f64 leaf .float()", Tensor.of(new double[] {1.}, DType.FLOAT64).requiresGrad_(true).to(DType.FLOAT32));
        r.show("int -> float", Tensor.of(1L, 2L).to(DType.FLOAT32));
        r.show("int -> double", Tensor.of(1L, 2L).to(DType.FLOAT64));
        r.show("bool -> float", Tensor.of(true, false).to(DType.FLOAT32));
        r.show("float -> bool", Tensor.of(0., -1.5, Double.NaN).to(DType.BOOL));
        r.show("large float -> int", Tensor.of(new double[] {3e9}).to(DType.INT64));
    }
}
