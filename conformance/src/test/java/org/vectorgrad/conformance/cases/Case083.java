package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 083_autograd_accumulate_and_reset: .grad accumulates over backward calls; reset with setGrad(null) or grad().zero_(). */
public class Case083 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        r.show("grad before any backward", x.grad());
        x.pow(2).backward();
        r.show("after 1st", x.grad());
        x.pow(2).backward();
        r.show("after 2nd (accumulated)", x.grad());
        Tensor gRef = x.grad();
        x.setGrad(null);
        r.show("after x.grad = None", x.grad());
        x.pow(2).backward();
        r.show("after 3rd", x.grad());
        r.show("new grad tensor object (not the old one)", x.grad() != gRef);
        Tensor z = x.grad().zero_();
        r.show("zero_() returns", z);
        r.show("zero_() same object", z == x.grad());
        x.pow(2).backward();
        r.show("after zero_ + backward", x.grad());
        Tensor y = Tensor.ones(2, 2).requiresGrad_(true);
        Tensor i = Tensor.ones(2, 2);
        y.add(2).backward(i);
        y.grad().zero_();
        y.mul(3).backward(i);
        r.show("seed004 y.grad", y.grad());
        Tensor w = Tensor.ones(2).requiresGrad_(true);
        try {
            w.grad().zero_();
            r.print("w.grad.zero_() when grad is None (no error)");
        } catch (NullPointerException e) {
            // Java: a method call on the null grad is a NullPointerException where Python raises AttributeError on None
            r.print("w.grad.zero_() when grad is None: AttributeError: 'NoneType' object has no attribute 'zero_'");
        }
        r.show("grad.requires_grad", x.grad().requiresGrad());
        r.show("grad.is_leaf", x.grad().isLeaf());
        r.show("grad dtype follows leaf", x.grad().dtype());
    }
}
