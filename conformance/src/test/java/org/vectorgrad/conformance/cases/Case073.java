package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 073_grad_matmul_2d: 2-D @ 2-D (MmBackward0): grads = G @ B^T and A^T @ G. */
public class Case073 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).requiresGrad_(true);
        Tensor b = Tensor.of(new double[][] {{1, 0}, {0, 1}, {2, -1}}).requiresGrad_(true);
        Tensor c = a.matmul(b);
        r.show("C", c);
        r.ag("A @ B", c);
        c.sum().backward();
        r.show("A.grad", a.grad());
        r.show("B.grad", b.grad());
        a.setGrad(null);
        b.setGrad(null);
        Tensor g = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        a.mm(b).backward(g);
        r.show("A.grad with G", a.grad());
        r.show("B.grad with G", b.grad());
        r.ag("torch.mm", a.mm(b));
        r.ag("A.t() @ A", a.t().matmul(a));
    }
}
