package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 105_dtype_promotion: dimensioned tensors win over 0-dim tensors and Java numbers of the same category. */
public class Case105 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor f32 = Tensor.of(1., 2.);
        Tensor f64 = Tensor.of(new double[] {1., 2.}, DType.FLOAT64);
        Tensor i64 = Tensor.of(1L, 2L);
        Tensor i32 = Tensor.of(new double[] {1, 2}, DType.INT32);
        Tensor b = Tensor.of(true, false);
        p(r, "f32 + 2.5", f32.add(2.5));
        p(r, "f32 + f64 0-dim", f32.add(Tensor.of(2.5, DType.FLOAT64)));
        p(r, "f32 + f64 1-D", f32.add(f64));
        p(r, "f32 0-dim + f64 0-dim", Tensor.of(1.).add(Tensor.of(2., DType.FLOAT64)));
        p(r, "i64 + 2", i64.add(2L));
        p(r, "i64 + 2.5", i64.add(2.5));
        p(r, "i64 + f64 0-dim", i64.add(Tensor.of(2.5, DType.FLOAT64)));
        p(r, "i64 * f32", i64.mul(f32));
        p(r, "i64 / i64", i64.div(Tensor.of(2L, 2L)));
        p(r, "i64 // 2", i64.floorDivide(2L));
        p(r, "i32 + i64", i32.add(i64));
        p(r, "i32 + 5 (python int)", i32.add(5L));
        p(r, "i32 + i64 0-dim", i32.add(Tensor.of(5, DType.INT64)));
        p(r, "b + b", b.add(b));
        p(r, "b + 1", b.add(1L));
        p(r, "b * 1.5", b.mul(1.5));
        // Java: a Java boolean is not a number; a 0-dim bool tensor promotes like Python's True against a float tensor
        p(r, "f32 * True", f32.mul(Tensor.of(1, DType.BOOL)));
        p(r, "torch.result_type(f32, 1.0)", Tensor.zeros(Tensor.resultType(f32, 1.0), 0));
        Tensor x = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor s = Tensor.of(3., DType.FLOAT64).requiresGrad_(true);
        Tensor y = x.mul(s);
        p(r, "f32 req * f64 0-dim req", y);
        y.sum().backward();
        p(r, "x.grad", x.grad());
        p(r, "s.grad", s.grad());
        Tensor z = Tensor.of(new double[] {1., 2.}, DType.FLOAT64).requiresGrad_(true);
        Tensor w = x.add(z);
        p(r, "f32 + f64 (both 1-D, req)", w);
        w.sum().backward();
        p(r, "x.grad (accumulated, f32)", x.grad());
        p(r, "z.grad", z.grad());
        r.err("i64.add_(2.5) in-place", () -> i64.clone().add_(2.5));
        p(r, "f32.add_(f64) in-place keeps f32", f32.clone().add_(f64));
    }

    /** The script's {@code r(label, t)}: repr and dtype. */
    private static void p(Ref r, String label, Tensor t) {
        r.print(label + ": " + t + " dtype=" + Py.repr(t.dtype()));
    }
}
