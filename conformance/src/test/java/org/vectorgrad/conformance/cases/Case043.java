package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 043_view_stride_values: stride() of fresh tensors (row-major; size-1 and size-0 dims) and of views. */
public class Case043 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        long[][] shapes = {{5}, {2, 3}, {2, 3, 4}, {3, 1}, {1, 3}, {1}, {}, {0, 3}, {2, 0, 4}, {4, 1, 2}};
        for (long[] shape : shapes) {
            Tensor t = Tensor.zeros(shape);
            r.print("zeros" + Py.tuple(shape) + ": stride=" + Py.tuple(t.stride()) + " contiguous=" + Py.repr(t.isContiguous()));
        }
        Tensor x = Tensor.arange(24.0).reshape(2, 3, 4);
        r.print("x.stride(0) = " + x.stride(0) + "  x.stride(-1) = " + x.stride(-1));
        Tensor col = x.select(1, 1);
        r.print("x[:, 1].stride() = " + Py.tuple(col.stride()) + "  offset = " + col.storageOffset());
        Tensor fiber = x.get(1).select(1, 2);
        r.print("x[1, :, 2].stride() = " + Py.tuple(fiber.stride()) + "  offset = " + fiber.storageOffset());
        r.print("x[..., ::2].stride() = " + Py.tuple(x.slice(-1, 0, Long.MAX_VALUE, 2).stride()));
        r.print("tensor([2.]).stride() = " + Py.tuple(Tensor.of(new double[] {2.0}).stride()));
        r.print("x.transpose(0,1).stride() = " + Py.tuple(x.transpose(0, 1).stride()));
    }
}
