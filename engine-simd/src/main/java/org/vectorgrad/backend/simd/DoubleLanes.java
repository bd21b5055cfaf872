package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;

import jdk.incubator.vector.DoubleVector;

/**
 * float32 maps computed by their float64 kernel and rounded once: a block of floats is widened into
 * a double scratch array, mapped there in place, and narrowed into the result. The float64 kernels
 * of {@link ExpLog}, {@link TanhSigmoid} and {@link SinCosTan} are accurate to well under one double
 * ulp, so the float result is the correctly rounded one but in rare double-rounding cases.
 */
final class DoubleLanes {
    private DoubleLanes() {
    }

    /** {@code y = (float) f((double) x)} for n elements, n a multiple of the float lane count; y may be x. */
    static void map(ElementwiseKernels.D1 f, float[] x, int xo, float[] y, int yo, int n) {
        double[] wide = new double[Math.min(n, ExpLog.BLOCK)];
        for (int i = 0; i < n; i += ExpLog.BLOCK) {
            int m = Math.min(ExpLog.BLOCK, n - i);
            for (int j = 0; j < m; j += DL) {
                ElementwiseKernels.widen(x, xo + i + j).intoArray(wide, j);
            }
            f.run(wide, 0, wide, 0, m);
            for (int j = 0; j < m; j += DL) {
                ElementwiseKernels.narrow(DoubleVector.fromArray(DS, wide, j), y, yo + i + j);
            }
        }
    }
}
