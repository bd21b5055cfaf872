package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 035_view_select_index: integer indexing drops a dim (a view with an offset); x[i][j] is 0-dim; advanced indexing copies. */
public class Case035 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(12.0).reshape(3, 4);
        r.meta("x[1]", x.get(1));
        r.show("x[1]", x.get(1));
        r.meta("x[:,1]", x.select(1, 1));
        r.show("x[:,1]", x.select(1, 1));
        r.meta("x[-1]", x.get(-1));
        r.meta("x[1][2]", x.get(1).get(2));
        r.show("x[1][2]", x.get(1).get(2));
        r.meta("x[1,2]", x.get(1, 2));
        r.show("x[1,2].item()", x.get(1, 2).item());
        r.meta("x.select(1,3)", x.select(1, 3));
        x.get(1).fill_(5.0);
        r.show("x after x[1]=5", x);
        x.select(1, 0).copy_(Tensor.of(7.0, 8.0, 9.0));
        r.show("x after x[:,0]=[7,8,9]", x);
        x.get(2, 3).fill_(-1);
        r.show("x after x[2,3]=-1", x);
        Tensor sel = x.get(0);
        sel.add_(100);
        r.show("x after sel += 100", x);
        r.meta("x[[0,2]] (advanced: copy)", x.index(Tensor.of(0L, 2L)));
        r.show("advanced indexing shares storage", x.index(Tensor.of(0L, 2L)).sharesStorageWith(x));
        r.show("x[torch.tensor([True,False,True])]", x.index(Tensor.of(true, false, true)));
    }
}
