package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 031_view_transpose_3d: transpose(d0, d1) on 3-D tensors: shapes, strides, values; .T and .mT on 3-D. */
public class Case031 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(24.0).reshape(2, 3, 4);
        r.meta("x", x);
        r.meta("transpose(0,2)", x.transpose(0, 2));
        r.meta("transpose(1,2)", x.transpose(1, 2));
        r.meta("transpose(-1,-2)", x.transpose(-1, -2));
        r.show("transpose(1,2)", x.transpose(1, 2));
        Tensor same = x.transpose(0, 0);
        r.show("transpose(0,0) is view", same.sharesStorageWith(x) && same.storageOffset() == x.storageOffset());
        r.meta("x.T (3d)", x.T());
        r.meta("x.mT", x.mT());
        r.err("transpose_bad_dim", () -> x.transpose(0, 3));
    }
}
