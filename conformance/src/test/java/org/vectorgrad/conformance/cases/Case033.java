package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 033_view_slicing_steps: start/stop/step slices are views with scaled strides and offsets; a negative step is an error. */
public class Case033 implements ReferenceCase {
    private static final long END = Long.MAX_VALUE;

    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(10.0);
        r.meta("x[::2]", x.slice(0, 0, END, 2));
        r.show("x[::2]", x.slice(0, 0, END, 2));
        r.meta("x[1::3]", x.slice(0, 1, END, 3));
        r.show("x[1::3]", x.slice(0, 1, END, 3));
        r.meta("x[2:8:2]", x.slice(0, 2, 8, 2));
        r.show("x[2:8:2]", x.slice(0, 2, 8, 2));
        r.meta("x[-3:]", x.slice(0, -3, END));
        r.show("x[-3:]", x.slice(0, -3, END));
        r.meta("x[5:100]", x.slice(0, 5, 100));
        r.show("x[5:100]", x.slice(0, 5, 100));
        r.show("x[7:2] (empty)", x.slice(0, 7, 2));
        r.err("x[::-1]", () -> x.slice(0, 0, END, -1));
        Tensor m = Tensor.arange(20.0).reshape(4, 5);
        r.meta("m[:, ::2]", m.slice(1, 0, END, 2));
        r.show("m[:, ::2]", m.slice(1, 0, END, 2));
        r.meta("m[1:, 1:4]", m.slice(0, 1, END).slice(1, 1, 4));
        r.show("m[1:, 1:4]", m.slice(0, 1, END).slice(1, 1, 4));
        r.meta("m[::2, ::3]", m.slice(0, 0, END, 2).slice(1, 0, END, 3));
        Tensor s = x.slice(0, 0, END, 2);
        s.select(0, 1).fill_(-1.0);
        r.show("x after s[1] = -1", x);
        m.slice(0, 1, 3).select(1, 0).fill_(100.0);
        r.show("m after m[1:3,0]=100", m);
        r.meta("m[..., 1]", m.select(-1, 1));
        r.meta("m[None]", m.unsqueeze(0));
    }
}
