package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 082_grad_index_assign_copyslices: arr[i] = f(x) into zeros makes arr a non-leaf with grad_fn CopySlices (seed 001). */
public class Case082 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        Tensor arr = Tensor.zeros(10, 1);
        r.ag("arr before", arr);
        for (int i = 0; i < 10; i++) {
            arr.select(0, i).copy_(x.pow(i));                        // arr[i] = x ** i
        }
        r.ag("arr after", arr);
        r.show("arr.dtype", arr.dtype());
        r.show("arr", arr);
        Tensor res = arr.sum();
        r.show("r", res);
        res.backward();
        r.show("x.grad", x.grad());
        r.exact("x.grad", x.grad());
        Tensor y = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor buf = Tensor.zeros(4);
        buf.slice(0, 1, 3).copy_(y.mul(3));                          // buf[1:3] = y * 3
        buf.select(0, 0).copy_(y.select(0, 0).pow(2));               // buf[0] = y[0] ** 2
        r.show("buf", buf);
        buf.mul(Tensor.of(1., 10., 100., 1000.)).sum().backward();
        r.show("y.grad", y.grad());
        Tensor w = Tensor.of(1., 2.).requiresGrad_(true);
        r.errRun("assign into leaf requiring grad", () -> w.select(0, 0).fill_(5.0));   // w[0] = 5.
        Tensor ib = Tensor.zeros(DType.INT64, 3);
        ib.select(0, 0).copy_(y.select(0, 1).mul(2));                // ib[0] = y[1] * 2
        r.ag("int buffer after assigning grad value", ib);
        r.show("int buffer", ib);
    }
}
