package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 022_repr_grad_fn_suffix: ", grad_fn=<Name>" on non-leaf results, instead of requires_grad=True. */
public class Case022 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.ones(2, 2).requiresGrad_(true);
        r.show("add", x.add(2));
        r.show("mul", x.mul(3));
        r.show("mean", x.mul(3).mean());
        r.show("sum", x.sum());
        Tensor d = Tensor.of(new double[] {1., 2.}, DType.FLOAT64).requiresGrad_(true);
        r.show("f64_mul", d.mul(2));
        r.show("f64_sum", d.sum());
        r.show("index", x.get(0));
        r.show("grad_fn_repr_prefix", Py.repr(x.add(2).gradFn().toString().split(" object at ")[0]));
        r.show("grad_fn_name", Py.repr(x.add(2).gradFn().name()));
        r.show("leaf_grad_fn", x.gradFn());
        r.print("print(y.grad_fn) with address masked: " + x.add(2).gradFn().toString().replaceAll("0x[0-9a-fA-F]+", "0x<addr>"));
    }
}
