package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ExpLog.ROUNDER;
import static org.vectorgrad.backend.simd.ExpLog.d;

import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * float64 sin, cos, tan and float32 tan in double lanes, from IEEE arithmetic and FMA only (the same
 * bits interpreted, under C1 and under C2, unlike the Vector API's SIN/COS/TAN); float32 sin and cos
 * are {@link SinCos}.
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
 * -0.0's sign).
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

    private SinCosTan() {
    }

    static void sin(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
            store(sinOrCos(v, 0), v, x, xo + i, y, yo + i, StrictMath::sin);
        }
    }

    static void cos(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
            store(sinOrCos(v, 1), v, x, xo + i, y, yo + i, StrictMath::cos);
        }
    }

    static void tan(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
            store(tan(v), v, x, xo + i, y, yo + i, StrictMath::tan);
        }
    }

    /**
     * float32 tan in double lanes, rounded once: the correctly rounded float but in rare
     * double-rounding cases.
     */
    static void tan(float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = ElementwiseKernels.widen(x, xo + i);
            DoubleVector r = tan(v);
            if (inRange(v)) {
                ElementwiseKernels.narrow(r, y, yo + i);
            } else {
                float[] lanes = new float[DL];
                ElementwiseKernels.narrow(r, lanes, 0);
                for (int j = 0; j < DL; j++) {
                    if (!(Math.abs(x[xo + i + j]) <= REDUCTION_LIMIT)) {
                        lanes[j] = (float) StrictMath.tan(x[xo + i + j]);
                    }
                }
                System.arraycopy(lanes, 0, y, yo + i, DL);
            }
        }
    }

    /**
     * Writes r's lanes to {@code y[yo..]}, those whose argument is beyond the reduction's range, infinite
     * or NaN recomputed by {@code f}. Inlined into each loop (its vectors are not boxed); the rare path
     * goes through arrays only.
     */
    private static void store(DoubleVector r, DoubleVector v, double[] x, int xo, double[] y, int yo, DoubleUnaryOperator f) {
        if (inRange(v)) {
            r.intoArray(y, yo);
        } else {
            double[] lanes = new double[DL];
            r.intoArray(lanes, 0);
            for (int j = 0; j < DL; j++) {
                if (!(Math.abs(x[xo + j]) <= REDUCTION_LIMIT)) {
                    lanes[j] = f.applyAsDouble(x[xo + j]);
                }
            }
            System.arraycopy(lanes, 0, y, yo, DL);
        }
    }

    private static boolean inRange(DoubleVector v) {
        return v.abs().compare(VectorOperators.LE, REDUCTION_LIMIT).allTrue();
    }

    /** {@code 1.5*2^52 + rint(x * 2/pi)}: k in the low mantissa bits. */
    private static DoubleVector round(DoubleVector x) {
        return x.fma(d(TWO_OVER_PI), d(ROUNDER));
    }

    /** {@code x - k pi/2} rounded: rh. */
    private static DoubleVector reduce(DoubleVector x, DoubleVector q) {
        DoubleVector k = q.sub(ROUNDER);
        return k.fma(d(-P1), x).sub(k.mul(P2));
    }

    /** {@code x - k pi/2 - rh}: rl. */
    private static DoubleVector reduceError(DoubleVector x, DoubleVector q, DoubleVector rh) {
        DoubleVector k = q.sub(ROUNDER);
        DoubleVector a = k.fma(d(-P1), x);
        DoubleVector b = k.mul(P2);
        DoubleVector productError = k.fma(d(P2), b.neg());
        return ExpLog.sumError(a, b.neg(), rh).sub(productError).sub(k.mul(P3));
    }

    /** sin(rh + rl) - rh. */
    private static DoubleVector sinTail(DoubleVector rh, DoubleVector rl) {
        DoubleVector t = rh.mul(rh);
        DoubleVector s = t.fma(d(S6), d(S5)).fma(t, d(S4)).fma(t, d(S3)).fma(t, d(S2)).fma(t, d(S1)).fma(t, d(S0));
        return rh.mul(t).fma(s, t.mul(-0.5).fma(rl, rl));
    }

    /** 1 - rh^2/2 rounded: the leading part of cos(rh + rl). */
    private static DoubleVector cosHead(DoubleVector rh) {
        return rh.mul(rh).fma(d(-0.5), d(1.0));
    }

    /** cos(rh + rl) - head. */
    private static DoubleVector cosTail(DoubleVector rh, DoubleVector rl, DoubleVector head) {
        DoubleVector t = rh.mul(rh);
        DoubleVector tError = rh.fma(rh, t.neg());
        DoubleVector c = t.fma(d(C5), d(C4)).fma(t, d(C3)).fma(t, d(C2)).fma(t, d(C1)).fma(t, d(C0));
        DoubleVector exactTail = t.fma(d(-0.5), d(1.0).sub(head));
        return t.mul(t).fma(c, tError.fma(d(-0.5), rh.mul(rl).neg())).add(exactTail);
    }

    /** sin (quadrant offset 0) or cos (1). */
    private static DoubleVector sinOrCos(DoubleVector x, int cos) {
        DoubleVector q = round(x);
        DoubleVector rh = reduce(x, q);
        DoubleVector rl = reduceError(x, q, rh);
        DoubleVector sinR = rh.add(sinTail(rh, rl));
        DoubleVector w = cosHead(rh);
        DoubleVector cosR = w.add(cosTail(rh, rl, w));
        LongVector quadrant = q.reinterpretAsLongs().add(cos);
        VectorMask<Double> odd = quadrant.and(1L).compare(VectorOperators.NE, 0L).cast(DS);
        LongVector sign = quadrant.and(2L).lanewise(VectorOperators.LSHL, 62);
        DoubleVector r = sinR.blend(cosR, odd).reinterpretAsLongs().lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles();
        return cos == 0 ? r.blend(x, x.abs().compare(VectorOperators.LT, TINY)) : r;
    }

    private static DoubleVector tan(DoubleVector x) {
        DoubleVector q = round(x);
        DoubleVector rh = reduce(x, q);
        DoubleVector rl = reduceError(x, q, rh);
        DoubleVector st = sinTail(rh, rl);
        DoubleVector w = cosHead(rh);
        DoubleVector ct = cosTail(rh, rl, w);
        VectorMask<Double> odd = q.reinterpretAsLongs().and(1L).compare(VectorOperators.NE, 0L).cast(DS);
        // sin r / cos r, or -cos r / sin r: numerator and denominator as normalised sums
        DoubleVector nh0 = rh.blend(w, odd);
        DoubleVector nl0 = st.blend(ct, odd);
        DoubleVector dh0 = w.blend(rh, odd);
        DoubleVector dl0 = ct.blend(st, odd);
        DoubleVector nh = nh0.add(nl0);
        DoubleVector nl = nl0.sub(nh.sub(nh0));
        DoubleVector dh = dh0.add(dl0);
        DoubleVector dl = dl0.sub(dh.sub(dh0));
        DoubleVector y = nh.div(dh);
        DoubleVector residual = y.neg().fma(dh, nh).add(nl).sub(y.mul(dl));
        y = residual.div(dh).add(y);
        return y.blend(y.neg(), odd).blend(x, x.abs().compare(VectorOperators.LT, TINY));
    }
}
