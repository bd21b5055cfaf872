package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 065_grad_sum_all: sum() over all elements: SumBackward0, grad of ones; sum dtype rules for ints/bools. */
public class Case065 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad_(true);
        Tensor s = x.sum();
        r.show("sum", s);
        r.ag("sum", s);
        s.backward();
        r.show("x.grad", x.grad());
        x.setGrad(null);
        x.sum().mul(3).backward();
        r.show("x.grad (3*sum)", x.grad());
        x.setGrad(null);
        x.sum().backward();
        r.show("torch.sum grad", x.grad());
        r.show("int32 sum dtype", Tensor.of(new double[] {1, 2}, DType.INT32).sum().dtype());
        r.show("int64 sum", Tensor.of(1L, 2L).sum());
        r.show("bool sum", Tensor.of(true, true, false).sum());
        r.show("f64 sum", Tensor.of(new double[] {0.1, 0.2}, DType.FLOAT64).sum());
        r.exact("f32 sum 0.1+0.2", Tensor.of(0.1, 0.2).sum());
    }
}
