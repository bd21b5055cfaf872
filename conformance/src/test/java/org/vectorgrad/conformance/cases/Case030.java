package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 030_view_t_strides: t() swaps strides, shares storage; writing through B[1] changes a column of A. */
public class Case030 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor a = Tensor.ones(10, 10);
        Tensor b = a.t();
        r.show("A.stride", Ref.tuple(a.stride()));
        r.show("B.stride", Ref.tuple(b.stride()));
        r.show("B.is_contiguous", b.isContiguous());
        r.show("shares_storage", a.sharesStorageWith(b));
        r.show("same_data_ptr", a.sharesStorageWith(b) && a.storageOffset() == b.storageOffset());
        b.select(0, 1).fill_(10);
        r.show("A_after_B[1]=10", a);
        Tensor x = Tensor.arange(6.0).reshape(2, 3);
        r.meta("x", x);
        r.meta("x.t()", x.t());
        r.show("x.t()", x.t());
        r.meta("x.t().t()", x.t().t());
        Tensor v = Tensor.arange(3.0);
        r.meta("1d.t()", v.t());
        r.show("1d.t() is view", v.sharesStorageWith(v.t()));
        r.err("3d.t()", () -> Tensor.zeros(2, 2, 2).t());
        r.meta("x.T", x.T());
    }
}
