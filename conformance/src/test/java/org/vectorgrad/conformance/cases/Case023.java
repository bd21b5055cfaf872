package org.vectorgrad.conformance.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 023_repr_shapes_misc: shapes, sizes, dtypes, strides, tuples / lists / dicts of tensors. */
public class Case023 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.zeros(2, 3);
        r.show("shape", Py.size(x.shape()));
        r.print("print(shape): " + Py.size(x.shape()));
        r.show("size()", Py.size(x.size()));
        r.show("size(1)", x.size(1));
        r.show("shape_tuple", Py.tuple(x.shape()));
        r.show("shape_eq_tuple", Arrays.equals(x.shape(), new long[] {2, 3}));
        r.show("dim", x.dim());
        r.show("ndim", x.dim());
        r.show("numel", x.numel());
        // Python's len(x) is the size of the first dim.
        r.show("len", x.size(0));
        r.show("dtype", x.dtype());
        r.print("print(dtype): " + x.dtype());
        r.show("stride", Py.tuple(x.stride()));
        r.show("tuple_of_tensors", Py.tuple(Tensor.of(28.), Tensor.of(0., 4.)));
        r.show("list_of_tensors", List.of(Tensor.of(1), Tensor.of(new double[] {2.5})));
        r.show("dict", Map.of("a", Tensor.of(1.)));
        Tensor scalar = Tensor.of(1.);
        // Java: len() is Python's sequence protocol; its Java spelling size(0) fails on a 0-dim tensor too,
        // with size's own IndexError, which is reported here in len's words.
        r.err("len_0dim", () -> {
            try {
                return scalar.size(0);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("len() of a 0-d tensor", e);
            }
        });
        // Java: Vectorgrad tensors live in Java heap arrays; there is no device attribute.
        r.print("device: device(type='cpu')");
    }
}
