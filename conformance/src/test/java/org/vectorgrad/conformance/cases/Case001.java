package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 001_repr_float32_basic: float32 (default dtype) tensors print 4 decimals at a common width, no dtype suffix. */
public class Case001 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        r.show("a", Tensor.of(0.5, -1.25, 3.14159));
        r.show("b", Tensor.of(1.5, 2.25));
        r.show("c", Tensor.of(0.1, 0.2, 0.3));
        r.show("d", Tensor.of(1.0 / 3, 2.0 / 3, -1.0 / 3));
        r.show("e", Tensor.of(10.5, -0.001, 123.456));
        r.show("f", Tensor.of(new double[] {4.3}));
        r.show("g", Tensor.of(4.3));
        r.show("str_equals_repr", Tensor.of(0.5, 1.5).toString().equals(Py.repr(Tensor.of(0.5, 1.5))));
        r.show("default_dtype", DType.getDefault());
    }
}
