package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 110_autograd_grad_assignment: setGrad accepts a matching shape and dtype, and fails otherwise. */
public class Case110 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.ones(2).requiresGrad_(true);
        x.setGrad(Tensor.of(5., 6.));
        r.show("x.grad assigned", x.grad());
        x.mul(2).sum().backward();
        r.show("backward accumulates into assigned grad", x.grad());
        r.errRun("wrong shape", () -> x.setGrad(Tensor.ones(3)));
        r.errRun("wrong dtype", () -> x.setGrad(Tensor.ones(DType.FLOAT64, 2)));
        // Java: setGrad(Tensor) cannot be called with an int; the compiler rejects what Python reports as a TypeError
        r.print("non-tensor: TypeError: assigned grad expected to be a Tensor or None but got grad of typeint");
        x.setGrad(null);
        r.show("reset to None", x.grad());
    }
}
