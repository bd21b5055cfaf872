package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Numpy;

/** 041_view_storage_sharing: views, detach, .data and the shared Java array share storage; clone and casts do not. */
public class Case041 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.arange(4.0);
        r.show("detach shares", x.detach().sharesStorageWith(x));
        r.show("data shares", x.data().sharesStorageWith(x));
        r.show("clone shares", x.clone().sharesStorageWith(x));
        r.show("view shares", x.view(2, 2).sharesStorageWith(x));
        r.show("x[1:] shares", x.slice(0, 1, Long.MAX_VALUE).sharesStorageWith(x));
        r.show("x + 0 shares", x.add(0).sharesStorageWith(x));
        r.show("x.float() is x", x.to(DType.FLOAT32) == x);
        r.show("x.to(float32) is x", x.to(DType.FLOAT32) == x);
        r.show("x.double() shares", x.to(DType.FLOAT64).sharesStorageWith(x));
        float[] n = x.sharedFloatArray();
        n[0] = 100;
        r.show("x after numpy write", x);
        x.select(0, 1).fill_(-5.0);
        r.show("numpy after tensor write", new Numpy.NdArray(n, x.shape()));
        double[] a = {1, 2};
        Tensor f = Tensor.from(a);
        a[0] = 7;
        r.show("from_numpy sees numpy write", f);
        Tensor d = x.detach();
        d.select(0, 2).fill_(55.0);
        r.show("x after detached write", x);
        Tensor v = x.view(2, 2);
        v.get(1, 1).fill_(0.5);
        r.show("x after view write", x);
    }
}
