package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 038_view_expand: expand is a stride-0 broadcast view; errors for incompatible sizes and in-place writes. */
public class Case038 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1.0, 2.0, 3.0);
        Tensor e = x.expand(2, 3);
        r.meta("expand(2,3)", e);
        r.show("expand(2,3)", e);
        r.show("shares", e.sharesStorageWith(x));
        Tensor c = Tensor.of(new double[][] {{1}, {2}, {3}});
        r.meta("col.expand(3,4)", c.expand(3, 4));
        r.show("col.expand(3,4)", c.expand(3, 4));
        r.meta("col.expand(-1,2)", c.expand(-1, 2));
        r.meta("expand(2,2,3)", x.expand(2, 2, 3));
        r.meta("expand_as", x.expandAs(Tensor.zeros(4, 3)));
        r.err("expand_bad", () -> x.expand(2, 4));
        r.err("expand_fewer_dims", () -> Tensor.zeros(2, 3).expand(3));
        r.err("inplace_on_expanded", () -> e.add_(1));
        r.show("x unchanged", x);
        x.select(0, 0).fill_(10.0);
        r.show("expanded sees write to source", e);
        r.meta("contiguous(expanded)", e.contiguous());
        r.meta("0dim.expand(3)", Tensor.of(5.0).expand(3));
    }
}
