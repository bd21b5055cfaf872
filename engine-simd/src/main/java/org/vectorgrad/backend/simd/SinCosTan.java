package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ExpLog.ROUNDER;
import static org.vectorgrad.backend.simd.ExpLog.d;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * float64 sin, cos and tan in double lanes, from IEEE arithmetic and FMA only (the same bits
 * interpreted, under C1 and under C2, unlike the Vector API's SIN/COS/TAN); float32 sin, cos and tan
 * are {@link SinCos} (whose tan takes this kernel for its lanes beyond 8192).
 *
 * <ol>
 *   <li>Reduction by pi/2: {@code x = k pi/2 + r}, k from the 1.5*2^52 rounding constant (its low
 *       bits are k mod 4), pi/2 split into three doubles P1 + P2 + P3 (160 bits). {@code x - k*P1} is
 *       exact (one FMA: a multiple of 2^-53 below 1), {@code k*P2} is made exact by an FMA and the
 *       subtraction by TwoSum, so {@code r = rh + rl} to about 2^-130 absolute for {@code |x| <= 2^30}.</li>
 *   <li>On {@code |r| <= pi/4}, {@code t = rh^2}: {@code sin r = rh + (rh t S(t) + rl (1 - t/2))} and
 *       {@code cos r = w + (((1 - w) - t/2) - (t - rh^2)/2 - rh rl + t^2 C(t))}, {@code w = 1 - t/2}
 *       rounded (its error recovered exactly), S and C fitted to 2^-66 and 2^-59.5; each is an
 *       unevaluated sum with a relative error near 2^-58, rounded once.</li>
 *   <li>The quadrant k mod 4 picks sin r, cos r, -sin r or -cos r (cos uses k + 1); tan is
 *       {@code sin r / cos r} or {@code -cos r / sin r}, divided as unevaluated sums with one Newton
 *       correction.</li>
 * </ol>
 * Elements beyond 2^30, infinities and NaN take {@link StrictMath} one at a time, through arrays (a
 * vector handed to a method C2 does not inline would be boxed), replacing only their own lanes.
 * Tiny arguments ({@code |x| < 2^-27}) return x for sin and tan (the correctly rounded result, with
 * -0.0's sign). Against mpmath on 5,900 inputs per function (half of them where the result differs
 * from StrictMath's), the largest errors were 0.68 ulp (sin), 0.73 (cos), 0.83 (tan).
 */
final class SinCosTan {
    private static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    /** pi/2 = P1 + P2 + P3 to about 2^-161. */
    private static final double P1 = 0x1.921fb54442d18p0;
    private static final double P2 = 0x1.1a62633145c07p-54;
    private static final double P3 = -0x1.f1976b7ed8fbcp-110;
    /** Beyond, the reduction's bound no longer holds: StrictMath. */
    private static final double REDUCTION_LIMIT = 0x1p30;
    private static final double TINY = 0x1p-27;
    /** sin r = r + r^3 (S0 + S1 t + ... + S6 t^6), t = r^2 <= (pi/4)^2. */
    private static final double S0 = -0x1.5555555555555p-3;
    private static final double S1 = 0x1.1111111111110p-7;
    private static final double S2 = -0x1.a01a01a019926p-13;
    private static final double S3 = 0x1.71de3a545e700p-19;
    private static final double S4 = -0x1.ae64540f0ba18p-26;
    private static final double S5 = 0x1.61217c1864fa1p-33;
    private static final double S6 = -0x1.ab161757f0c63p-41;
    /** cos r = 1 - t/2 + t^2 (C0 + C1 t + ... + C5 t^5). */
    private static final double C0 = 0x1.5555555555555p-5;
    private static final double C1 = -0x1.6c16c16c16960p-10;
    private static final double C2 = 0x1.a01a019f4d0edp-16;
    private static final double C3 = -0x1.27e4fa15bd814p-22;
    private static final double C4 = 0x1.1eeb66b683028p-29;
    private static final double C5 = -0x1.907c0e63adbb6p-37;

    private static final DoubleVector V_C0 = d(C0);
    private static final DoubleVector V_C1 = d(C1);
    private static final DoubleVector V_C2 = d(C2);
    private static final DoubleVector V_C3 = d(C3);
    private static final DoubleVector V_C4 = d(C4);
    private static final DoubleVector V_C5 = d(C5);
    private static final DoubleVector V_NHALF = d(-0.5);
    private static final DoubleVector V_NP1 = d(-P1);
    private static final DoubleVector V_ONE = d(1.0);
    private static final DoubleVector V_P2 = d(P2);
    private static final DoubleVector V_P3 = d(P3);
    private static final DoubleVector V_ROUNDER = d(ROUNDER);
    private static final DoubleVector V_S0 = d(S0);
    private static final DoubleVector V_S1 = d(S1);
    private static final DoubleVector V_S2 = d(S2);
    private static final DoubleVector V_S3 = d(S3);
    private static final DoubleVector V_S4 = d(S4);
    private static final DoubleVector V_S5 = d(S5);
    private static final DoubleVector V_S6 = d(S6);
    private static final DoubleVector V_TWO_OVER_PI = d(TWO_OVER_PI);

    private SinCosTan() {
    }

    static void sin(double[] x, int xo, double[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, SIN);
    }

    static void cos(double[] x, int xo, double[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, COS);
    }

    static void tan(double[] x, int xo, double[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, TAN);
    }

    private static final int SIN = 0;
    private static final int COS = 1;
    private static final int TAN = 2;

    /**
     * One loop for the three, as {@link SinCos}: the body stays in it because C2 would box the
     * vectors handed to a method it does not inline (and it inlines little of a body this size).
     */
    private static void kernel(double[] x, int xo, double[] y, int yo, int n, int fn) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
            // x = k pi/2 + rh + rl: x - k*P1 exact, k*P2 exact by an FMA, the difference by TwoSum
            DoubleVector q = v.fma(V_TWO_OVER_PI, V_ROUNDER);
            DoubleVector k = q.sub(V_ROUNDER);
            DoubleVector a = k.fma(V_NP1, v);
            DoubleVector b = k.mul(V_P2);
            DoubleVector rh = a.sub(b);
            DoubleVector productError = k.fma(V_P2, b.neg());
            DoubleVector rl = ExpLog.sumError(a, b.neg(), rh).sub(productError).sub(k.mul(V_P3));
            // sin(rh + rl) = rh + st, cos(rh + rl) = w + ct
            DoubleVector t = rh.mul(rh);
            DoubleVector sp = t.fma(V_S6, V_S5).fma(t, V_S4).fma(t, V_S3).fma(t, V_S2).fma(t, V_S1).fma(t, V_S0);
            DoubleVector st = rh.mul(t).fma(sp, t.mul(V_NHALF).fma(rl, rl));
            DoubleVector w = t.fma(V_NHALF, V_ONE);
            DoubleVector tError = rh.fma(rh, t.neg());
            DoubleVector cp = t.fma(V_C5, V_C4).fma(t, V_C3).fma(t, V_C2).fma(t, V_C1).fma(t, V_C0);
            DoubleVector exactTail = t.fma(V_NHALF, V_ONE.sub(w));
            DoubleVector ct = t.mul(t).fma(cp, tError.fma(V_NHALF, rh.mul(rl).neg())).add(exactTail);
            LongVector quadrant = q.reinterpretAsLongs().add(fn == COS ? 1 : 0);
            VectorMask<Double> odd = quadrant.and(1L).compare(VectorOperators.NE, 0L).cast(DS);
            DoubleVector r;
            if (fn == TAN) {
                // sin r / cos r, or -cos r / sin r, as normalised sums, the quotient corrected once
                DoubleVector nh0 = rh.blend(w, odd);
                DoubleVector nl0 = st.blend(ct, odd);
                DoubleVector dh0 = w.blend(rh, odd);
                DoubleVector dl0 = ct.blend(st, odd);
                DoubleVector nh = nh0.add(nl0);
                DoubleVector nl = nl0.sub(nh.sub(nh0));
                DoubleVector dh = dh0.add(dl0);
                DoubleVector dl = dl0.sub(dh.sub(dh0));
                DoubleVector quotient = nh.div(dh);
                DoubleVector residual = quotient.neg().fma(dh, nh).add(nl).sub(quotient.mul(dl));
                quotient = residual.div(dh).add(quotient);
                r = quotient.blend(quotient.neg(), odd);
            } else {
                // k mod 4 (k + 1 for cos) picks sin r, cos r, -sin r, -cos r
                LongVector sign = quadrant.and(2L).lanewise(VectorOperators.LSHL, 62);
                r = rh.add(st).blend(w.add(ct), odd).reinterpretAsLongs().lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles();
            }
            if (fn != COS) {
                r = r.blend(v, v.abs().compare(VectorOperators.LT, TINY));
            }
            if (v.abs().compare(VectorOperators.LE, REDUCTION_LIMIT).allTrue()) {
                r.intoArray(y, yo + i);
            } else {
                // beyond the reduction's range, infinite or NaN: StrictMath for those lanes, through arrays only
                double[] lanes = new double[DL];
                r.intoArray(lanes, 0);
                for (int j = 0; j < DL; j++) {
                    double e = x[xo + i + j];
                    if (!(Math.abs(e) <= REDUCTION_LIMIT)) {
                        lanes[j] = fn == SIN ? StrictMath.sin(e) : fn == COS ? StrictMath.cos(e) : StrictMath.tan(e);
                    }
                }
                System.arraycopy(lanes, 0, y, yo + i, DL);
            }
        }
    }
}
