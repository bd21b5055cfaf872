package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 107_errors_index_out_of_range: indexing errors (out of range, too many indices, bad dim, mask shape). */
public class Case107 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.);
        r.err("x[5]", () -> x.get(5));
        r.err("x[-4]", () -> x.get(-4));
        r.err("x[3]", () -> x.get(3));
        Tensor m = Tensor.zeros(2, 3);
        r.err("m[0, 5]", () -> m.get(0, 5));
        r.err("m[2]", () -> m.get(2));
        r.err("x[0, 0] (too many)", () -> x.get(0, 0));
        r.err("x[torch.tensor([5])]", () -> x.index(Tensor.of(new long[] {5})));
        r.err("x[[0, 3]]", () -> x.index(Tensor.of(0L, 3L)));
        r.err("x[5] = 1", () -> x.select(0, 5).fill_(1.));
        r.err("0dim[0]", () -> Tensor.of(1.).get(0));
        r.err("x.select(1, 0)", () -> x.select(1, 0));
        r.err("x[torch.tensor([True, False])] (mask size)", () -> x.index(Tensor.of(true, false)));
        r.show("x[1:10] (slices clamp)", x.slice(0, 1, 10));
    }
}
