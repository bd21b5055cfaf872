package org.vectorgrad.backend.simd;

import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.scalar.ScalarBackend;

// Stand-in so the simd branch compiles on its own: the gemm branch replaces this file.
final class SimdLinalg {
    private static final ScalarBackend SCALAR = new ScalarBackend();

    private SimdLinalg() {
    }

    static void dot(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object out, int outIndex) {
        SCALAR.dot(dtype, a, aLayout, b, bLayout, out, outIndex);
    }

    static void matmul(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object c, Layout cLayout) {
        SCALAR.matmul(dtype, a, aLayout, b, bLayout, c, cLayout);
    }
}
