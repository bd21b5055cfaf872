package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * float32 sine and cosine, within 1 ulp of the correctly rounded result for every float.
 *
 * <p>Each float is widened to double, where the whole evaluation has ~30 bits to spare:
 * <ol>
 *   <li>Cody-Waite reduction by pi: {@code x = h*pi + r}, {@code |r| <= pi/2}, with h an integer k for
 *       sin and a half-integer k + 1/2 for cos. k comes from adding the 1.5*2^52 rounding constant
 *       (whose low mantissa bits are then k); r from two FMAs with pi split into two positive doubles
 *       (positive so that sin(-0.0) stays -0.0). While {@code |x| <= 2^30}, r has a relative error
 *       below 2^-50: the reduction's absolute error is below 2^-77 (h * 1.5e-33 plus two roundings),
 *       and over all such floats the closest to a nonzero multiple of pi/2 is 252.89821, 2^-27.8
 *       away (found by scanning every float).</li>
 *   <li>One odd polynomial: {@code sin r = r (1 + t (c0 + t (c1 + ... + t c4)))}, {@code t = r^2}, fitted
 *       (minimax) on {@code |r| <= 1.001 pi/2} to a relative error of 2^-35.</li>
 *   <li>The sign: {@code sin x = (-1)^k sin r}, {@code cos x = (-1)^(k+1) sin r}.</li>
 * </ol>
 * The double result is within 2^-34 (relative) of the exact value, so rounding it once to float
 * gives the correctly rounded float or its neighbour. Lanes with {@code |x| > 2^30} (rare in practice;
 * this also catches infinities) are recomputed with {@link Math#sin}/{@link Math#cos} in double,
 * accurate to 1 double ulp. NaN and ±inf give NaN.
 *
 * <p>Only IEEE double arithmetic and FMA (exactly specified in Java) are used, so results are the same
 * on every platform, unlike the Vector API's SIN/COS, which call platform libraries (SVML on x86-64).
 * Any-length entry points for tests: {@code ElementwiseKernels.unary(UnaryOp.SIN, ...)}.
 */
final class SinCos {
    private static final double ONE_OVER_PI = 0x1.45f306dc9c883p-2;
    /** pi = PI_1 + PI_2 to about 107 bits. */
    private static final double PI_1 = 0x1.921fb54442d18p+1;
    private static final double PI_2 = 0x1.1a62633145c07p-53;
    /** Adding it rounds a double below 2^51 to an integer held in the low mantissa bits. */
    private static final double ROUNDER = 0x1.8p52;
    /** Beyond this the reduction's error bound no longer holds; such lanes use Math.sin/cos. */
    private static final float REDUCTION_LIMIT = 0x1p30f;

    private static final double C0 = -0x1.555555493bc2bp-3;
    private static final double C1 = 0x1.11110cb8f800dp-7;
    private static final double C2 = -0x1.a017faa8ac34fp-13;
    private static final double C3 = 0x1.717463ef07ecfp-19;
    private static final double C4 = -0x1.9ab99118d6aa0p-26;

    private SinCos() {
    }

    /** {@code y[yo + i] = sin(x[xo + i])}; n is a multiple of the float lane count. */
    static void sin(float[] x, int xo, float[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, 0);
    }

    /** {@code y[yo + i] = cos(x[xo + i])}; n is a multiple of the float lane count. */
    static void cos(float[] x, int xo, float[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, 1);
    }

    /** {@code cos} is 1 for cosine: h gets +1/2, and the sign one more flip. */
    private static void kernel(float[] x, int xo, float[] y, int yo, int n, int cos) {
        double half = 0.5 * cos;
        for (int i = 0; i < n; i += FL) {
            // Read before any store: in place, y is x.
            FloatVector in = FloatVector.fromArray(FS, x, xo + i);
            for (int j = 0; j < FL; j += DL) {
                DoubleVector v = ElementwiseKernels.widen(x, xo + i + j);
                DoubleVector t = v.fma(ONE_OVER_PI, -half).add(ROUNDER);
                DoubleVector mh = t.sub(ROUNDER).add(half).neg();
                DoubleVector r = mh.fma(c(PI_1), v);
                r = mh.fma(c(PI_2), r);
                DoubleVector r2 = r.mul(r);
                DoubleVector p = r2.fma(C4, C3);
                p = r2.fma(p, c(C2));
                p = r2.fma(p, c(C1));
                p = r2.fma(p, c(C0));
                p = r2.fma(p, c(1.0)).mul(r);
                LongVector sign = t.reinterpretAsLongs().add(cos).and(1L).lanewise(VectorOperators.LSHL, 63);
                ElementwiseKernels.narrow(p.reinterpretAsLongs().lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles(), y, yo + i + j);
            }
            if (in.abs().compare(VectorOperators.GT, REDUCTION_LIMIT).anyTrue()) {
                fixLargeLanes(in.toArray(), y, yo + i, cos);
            }
        }
    }

    private static DoubleVector c(double v) {
        return DoubleVector.broadcast(ElementwiseKernels.DS, v);
    }

    private static void fixLargeLanes(float[] x, float[] y, int yo, int cos) {
        for (int j = 0; j < FL; j++) {
            float v = x[j];
            if (!(Math.abs(v) <= REDUCTION_LIMIT)) {
                y[yo + j] = (float) (cos == 0 ? Math.sin(v) : Math.cos(v));
            }
        }
    }
}
