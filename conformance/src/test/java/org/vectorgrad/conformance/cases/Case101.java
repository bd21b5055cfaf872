package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 101_autograd_control_flow: define-by-run control flow on tensor values; isTrue() is Python's bool(). */
public class Case101 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        r.show("x > 0.0", x.gt(0.0));
        r.show("bool(x > 0.0)", x.gt(0.0).isTrue());
        Tensor y;
        if (x.gt(0.0).isTrue()) {
            y = x.mul(2);
        } else {
            y = x.mul(-3);
        }
        y.backward();
        r.show("x.grad (if branch)", x.grad());
        Tensor n = Tensor.of(-1.5).requiresGrad_(true);
        y = n.gt(0).isTrue() ? n.mul(2) : n.mul(-3);
        y.backward();
        r.show("n.grad (else branch)", n.grad());
        Tensor v = Tensor.of(-1.0845, -1.3986, 0.4033).requiresGrad_(true);
        y = v.mul(2);
        int steps = 0;
        while (y.data().norm().lt(1000).isTrue()) {
            y = y.mul(2);
            steps += 1;
        }
        r.show("steps", steps);
        r.show("y", y);
        y.backward(Tensor.of(new double[] {0.1, 1.0, 0.0001}, DType.FLOAT32));
        r.show("v.grad", v.grad());
        r.err("bool of multi-element", () -> Tensor.of(1., 2.).gt(0).isTrue());
        r.err("if on multi-element", () -> Tensor.of(1., -1.).isTrue() ? 1 : 0);
        r.show("float(0-dim)", Tensor.of(2.5).item());
        r.show("int(0-dim)", (long) Tensor.of(2.7).item());
        r.show("bool(tensor([0.]))", Tensor.of(new double[] {0.}).isTrue());
    }
}
