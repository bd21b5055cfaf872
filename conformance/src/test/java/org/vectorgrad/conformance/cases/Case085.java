package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 085_autograd_nonleaf_grad_warning: grad() of a non-leaf is null and warns; leaves never warn. */
public class Case085 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        Tensor y = x.mul(x);
        y.backward();
        r.print("-- y.grad (non-leaf):");
        Tensor g = y.grad();
        r.show("value", g);
        r.print("-- x.grad (leaf):");
        r.show("value", x.grad());
        r.print("-- fresh leaf without grad:");
        r.show("value", Tensor.ones(2).requiresGrad_(true).grad());
        r.print("-- tensor that does not require grad:");
        r.show("value", Tensor.ones(2).grad());
        r.print("-- non-leaf with retain_grad:");
        Tensor z = x.mul(2);
        z.retainGrad();
        z.backward();
        r.show("value", z.grad());
        r.print("-- non-leaf before backward:");
        r.show("value", x.mul(3).grad());
    }
}
