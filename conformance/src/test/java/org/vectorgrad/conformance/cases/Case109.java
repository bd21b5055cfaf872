package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 109_errors_backward_no_grad: backward/grad on tensors that do not require grad: exact error texts. */
public class Case109 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.ones(3);
        r.errRun("x.sum().backward()", () -> x.sum().backward());
        r.errRun("x.backward(ones)", () -> x.backward(Tensor.ones(3)));
        Tensor a = Tensor.ones(3).requiresGrad_(true);
        Tensor y;
        try (var g = Autograd.noGrad()) {
            y = a.mul(2).sum();
        }
        r.errRun("no_grad result backward", y::backward);
        Tensor d = a.mul(2).detach().sum();
        r.errRun("detached result backward", d::backward);
        r.err("autograd.grad wrt non-requires-grad", () -> Autograd.grad(a.mul(2).sum(), x, false));
        r.err("autograd.grad of non-requires-grad output", () -> Autograd.grad(x.sum(), a, false));
        r.errRun("int tensor backward", () -> Tensor.of(1L, 2L).sum().backward());
    }
}
