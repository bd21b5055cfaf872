package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 066_grad_sum_dim_keepdim: sum(dim) / sum(dim, keepdim) / sum over several dims: SumBackward1, shapes, grads. */
public class Case066 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(6.0).reshape(2, 3).requiresGrad_(true);
        Tensor s0 = x.sum(0);
        Tensor s1 = x.sum(1);
        Tensor sk = x.sum(1, true);
        Tensor sn = x.sum(-1);
        Tensor sa = x.sum(new int[] {0, 1}, false);
        r.show("sum(0)", s0);
        r.show("sum(1)", s1);
        r.show("sum(1,keepdim)", sk);
        r.show("sum(-1)", sn);
        r.show("sum((0,1))", sa);
        r.ag("sum(0)", s0);
        r.ag("sum((0,1))", sa);
        s0.backward(Tensor.of(1., 2., 3.));
        r.show("x.grad from sum(0) with v=[1,2,3]", x.grad());
        x.setGrad(null);
        sk.backward(Tensor.of(new double[][] {{10}, {20}}));
        r.show("x.grad from sum(1,keepdim) with [[10],[20]]", x.grad());
        x.setGrad(null);
        s1.mul(Tensor.of(1., -1.)).sum().backward();
        r.show("x.grad from (sum(1)*[1,-1]).sum()", x.grad());
        r.err("sum bad dim", () -> x.sum(2));
    }
}
