package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 061_grad_abs: abs gradient is sign(x) (0 at x = 0); a Python-if based abs gives -1 at 0 (seed 001). */
public class Case061 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(-2., 0., 3., -0.0).requiresGrad_(true);
        Tensor y = x.abs();
        r.show("abs", y);
        y.sum().backward();
        r.show("x.grad", x.grad());
        for (int v : new int[] {-5, 5, 0}) {
            Tensor t = Tensor.of(v, DType.FLOAT64).requiresGrad_(true);
            Tensor res = absv(t);
            res.backward();
            r.print("absv(" + v + "): r=" + Py.repr(res) + " grad=" + Py.repr(t.grad()));
        }
        Tensor t = Tensor.of(0.0).requiresGrad_(true);
        t.abs().backward();
        r.show("torch.abs at 0 grad", t.grad());
    }

    /** The seed's control-flow abs: {@code -x if x <= 0 else x}. */
    private static Tensor absv(Tensor x) {
        if (x.le(0).item() != 0) {
            return x.neg();
        }
        return x;
    }
}
