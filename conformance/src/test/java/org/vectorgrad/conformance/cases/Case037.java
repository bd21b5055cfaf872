package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 037_view_reshape_noncontig_copies: reshape of a non-contiguous tensor copies; view() on it raises. */
public class Case037 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(6.0).reshape(2, 3);
        Tensor t = x.t();
        Tensor re = t.reshape(-1);
        r.meta("t", t);
        r.meta("t.reshape(-1)", re);
        r.show("t.reshape(-1)", re);
        r.show("reshape shares storage", re.sharesStorageWith(x));
        re.select(0, 0).fill_(99.0);
        r.show("x unchanged after r[0]=99", x);
        r.err("t.view(-1)", () -> t.view(-1));
        r.err("t.view(6)", () -> t.view(6));
        r.meta("t.view(3,2) (same shape ok)", t.view(3, 2));
        r.meta("t.contiguous().view(-1)", t.contiguous().view(-1));
        r.meta("t.flatten()", t.flatten());
        r.show("t.flatten shares", t.flatten().sharesStorageWith(x));
        Tensor m = Tensor.arange(24.0).reshape(2, 3, 4);
        Tensor s = m.slice(2, 0, 2);
        r.meta("s", s);
        r.meta("s.reshape(2,6) (copy)", s.reshape(2, 6));
        r.err("s.view(2,6)", () -> s.view(2, 6));
        r.meta("s.view(6,2) (compatible)", s.view(6, 2));
        r.show("s.view(6,2) shares", s.view(6, 2).sharesStorageWith(m));
    }
}
