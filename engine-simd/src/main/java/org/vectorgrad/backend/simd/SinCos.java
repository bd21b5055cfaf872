package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FH;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * float32 sine and cosine, within 1 ulp of the correctly rounded result for every float.
 *
 * <p>Each float is widened to double, where the whole evaluation has ~30 bits to spare:
 * <ol>
 *   <li>Cody-Waite reduction {@code x = k*pi/2 + r}, {@code |r| <= pi/4}: k comes from a fused
 *       multiply-add with the 1.5*2^52 rounding constant (its low mantissa bits are k), and r from three
 *       FMAs with pi/2 split into three doubles. While {@code |x| <= 2^30}, r has a relative error below
 *       2^-50 even where x is a float closest to a multiple of pi/2 (no float lies within 2^-31 of
 *       one there).</li>
 *   <li>Taylor polynomials of sin (to r^11, error < 2^-36 relative) and cos (to r^10, < 2^-32).</li>
 *   <li>The quadrant {@code k mod 4} picks sin or cos of r and the sign; cos(x) is sin at quadrant
 *       k + 1.</li>
 * </ol>
 * The double result is within 2^-30 (relative) of the exact value, so rounding it once to float gives
 * either the correctly rounded float or its neighbour: at most 1 ulp away. Lanes with
 * {@code |x| > 2^30} (rare in practice; this also catches infinities) are recomputed with
 * {@link Math#sin}/{@link Math#cos} in double, which are accurate to 1 double ulp. NaN and ±inf give NaN;
 * sin(-0.0) is -0.0.
 */
final class SinCos {
    private static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    /**
     * pi/2 = PIO2_1 + PIO2_2 + PIO2_3 to about 160 bits. PIO2_2 is rounded down so that all three are
     * positive: then {@code -0.0 - k*PIO2_i} stays -0.0 for k = 0, and sin(-0.0) is -0.0.
     */
    private static final double PIO2_1 = 0x1.921fb54442d18p+0;
    private static final double PIO2_2 = 0x1.1a62633145c06p-54;
    private static final double PIO2_3 = 0x1.c1cd129024e09p-107;
    /** Adding it rounds a double below 2^51 to an integer held in the low mantissa bits. */
    private static final double ROUNDER = 0x1.8p52;
    /** Beyond this the three-part reduction loses bits; such lanes use Math.sin/cos. */
    private static final float REDUCTION_LIMIT = 0x1p30f;

    // sin r = r (1 + r^2 (S3 + r^2 (S5 + r^2 (S7 + r^2 (S9 + r^2 S11))))): a product, so sin(-0.0) = -0.0
    private static final double S3 = -1.0 / 6;
    private static final double S5 = 1.0 / 120;
    private static final double S7 = -1.0 / 5040;
    private static final double S9 = 1.0 / 362880;
    private static final double S11 = -1.0 / 39916800;
    // cos r = 1 + r^2 (C2 + r^2 (C4 + r^2 (C6 + r^2 (C8 + r^2 C10))))
    private static final double C2 = -0.5;
    private static final double C4 = 1.0 / 24;
    private static final double C6 = -1.0 / 720;
    private static final double C8 = 1.0 / 40320;
    private static final double C10 = -1.0 / 3628800;

    private SinCos() {
    }

    /** {@code y[yo + i] = sin(x[xo + i])}; n is a multiple of the double lane count. */
    static void sin(float[] x, int xo, float[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, 0);
    }

    /** {@code y[yo + i] = cos(x[xo + i])}; n is a multiple of the double lane count. */
    static void cos(float[] x, int xo, float[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, 1);
    }

    /** The sine at quadrant offset {@code shift}: 0 for sin, 1 for cos. */
    private static void kernel(float[] x, int xo, float[] y, int yo, int n, int shift) {
        for (int i = 0; i < n; i += DL) {
            FloatVector xf = FloatVector.fromArray(FH, x, xo + i);
            DoubleVector xd = (DoubleVector) xf.convertShape(VectorOperators.F2D, DS, 0);
            ElementwiseKernels.narrow(sinQuadrant(xd, shift), y, yo + i);
            VectorMask<Float> large = xf.abs().compare(VectorOperators.GT, REDUCTION_LIMIT);
            if (large.anyTrue()) {
                fixLargeLanes(x, xo + i, y, yo + i, shift);
            }
        }
    }

    private static DoubleVector sinQuadrant(DoubleVector x, int shift) {
        DoubleVector t = x.fma(TWO_OVER_PI, ROUNDER);
        DoubleVector mk = t.sub(ROUNDER).neg();
        DoubleVector r = mk.fma(c(PIO2_1), x);
        r = mk.fma(c(PIO2_2), r);
        r = mk.fma(c(PIO2_3), r);
        DoubleVector r2 = r.mul(r);
        DoubleVector s = r2.fma(S11, S9);
        s = r2.fma(s, c(S7));
        s = r2.fma(s, c(S5));
        s = r2.fma(s, c(S3));
        s = r2.fma(s, c(1.0)).mul(r);
        DoubleVector k = r2.fma(C10, C8);
        k = r2.fma(k, c(C6));
        k = r2.fma(k, c(C4));
        k = r2.fma(k, c(C2));
        k = r2.fma(k, c(1.0));
        LongVector q = t.reinterpretAsLongs().add(shift);
        VectorMask<Double> odd = q.and(1L).compare(VectorOperators.NE, 0L).cast(DS);
        LongVector sign = q.and(2L).lanewise(VectorOperators.LSHL, 62);
        return s.blend(k, odd).reinterpretAsLongs().lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles();
    }

    private static DoubleVector c(double v) {
        return DoubleVector.broadcast(DS, v);
    }

    private static void fixLargeLanes(float[] x, int xo, float[] y, int yo, int shift) {
        for (int j = 0; j < DL; j++) {
            float v = x[xo + j];
            if (!(Math.abs(v) <= REDUCTION_LIMIT)) {
                y[yo + j] = (float) (shift == 0 ? Math.sin(v) : Math.cos(v));
            }
        }
    }
}
