package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp and log in double lanes from IEEE add, multiply, divide and FMA only, so a result is the same
 * whether the kernel runs interpreted, under C1 or compiled by C2 (the Vector API's {@code EXP} and
 * {@code LOG} compute with java.lang.Math until C2 compiles them, then with a native vector library,
 * and the two differ in the last bit). float32 is computed in double lanes and rounded once.
 *
 * <p><b>exp</b>: {@code x = k ln2 + r}, {@code |r| <= ln2/2}, k from the 1.5*2^52 rounding constant;
 * {@code x - k*LN2_HI} is exact (one FMA; LN2_HI is ln 2 rounded, the result a multiple of 2^-54
 * below 1/2), and {@code r = rh - k*LN2_LO} is kept as {@code r + rc}. {@code expm1(r) = r + r^2/2 +
 * r^3 P(r)} (P fitted on |r| <= 0.348 to 2^-56.7) is held as an unevaluated sum {@code uh + ul}, with
 * r^2's rounding error recovered by an FMA, so that {@code 1 + uh + ul} is within about 2^-58 of
 * exp(r) before its one rounding: results are within 0.52 ulp of exp(x) (measured). The scale 2^k
 * is applied as two factors {@code 2^(k/2)} so that overflow to infinity and gradual underflow to
 * subnormals come out of the same arithmetic; arguments are clamped to [-746, 710] first (beyond,
 * exp is 0 or infinite anyway), and NaN propagates.
 *
 * <p><b>log</b>: {@code x = 2^e m}, {@code m in [sqrt(1/2), sqrt 2)} by integer arithmetic on the
 * bits (subnormals scaled by 2^54 first), {@code f = m - 1} exact, {@code s = f/(2+f)},
 * {@code log(1+f) = f - f^2/2 + s (f^2/2 + z Q(z))}, {@code z = s^2} (Q fitted on z <= 0.0295 to
 * 2^-58.7), with {@code f - f^2/2} summed exactly and {@code e ln2} split so that {@code e*LN2_HI40}
 * is exact. Zero, negative, infinite and NaN arguments get C's values by blends.
 *
 * <p>The steps of exp are separate small methods ({@link #round}, {@link #reduce}, {@link #expm1},
 * ...) because {@link TanhSigmoid} needs expm1 as an unevaluated sum, not rounded; each is small
 * enough for C2 to inline, so no vector is boxed.
 */
final class ExpLog {
    private static final double LOG2E = 0x1.71547652b82fep0;
    /** ln 2 = LN2_HI + LN2_LO to 2^-110. */
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** ln 2 with 40 significant bits (e * LN2_HI40 is exact for every exponent) and the rest. */
    private static final double LN2_HI40 = 0x1.62e42fefa2000p-1;
    private static final double LN2_LO40 = 0x1.9ef35793c7673p-41;
    /** Adding it rounds a double below 2^51 to an integer held in the low mantissa bits. */
    static final double ROUNDER = 0x1.8p52;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    /** exp is 0 below (2^-1075 and less) and infinite above; clamping keeps k within two normal scale factors. */
    private static final double EXP_MIN = -746;
    private static final double EXP_MAX = 710;
    /** expm1(r) = r + r^2/2 + r^3 (P0 + P1 r + ... + P9 r^9), |r| <= 0.348. */
    private static final double P0 = 0x1.5555555555556p-3;
    private static final double P1 = 0x1.5555555555555p-5;
    private static final double P2 = 0x1.1111111110988p-7;
    private static final double P3 = 0x1.6c16c16c167c8p-10;
    private static final double P4 = 0x1.a01a01a7e60e9p-13;
    private static final double P5 = 0x1.a01a01a48e697p-16;
    private static final double P6 = 0x1.71de0d2aea3c8p-19;
    private static final double P7 = 0x1.27e4e1a968c8fp-22;
    private static final double P8 = 0x1.af39e17b2cb2ep-26;
    private static final double P9 = 0x1.1f67919f9769ap-29;
    /** log(1+f) = 2s + s z (Q0 + Q1 z + ... + Q7 z^7), s = f/(2+f), z = s^2 <= 0.0295. */
    private static final double Q0 = 0x1.5555555555555p-1;
    private static final double Q1 = 0x1.9999999999a39p-2;
    private static final double Q2 = 0x1.2492492476a1ap-2;
    private static final double Q3 = 0x1.c71c7201a55d7p-3;
    private static final double Q4 = 0x1.745cf8e4bba1bp-3;
    private static final double Q5 = 0x1.3b1c3c1c81c8fp-3;
    private static final double Q6 = 0x1.0fbde0f4ad17bp-3;
    private static final double Q7 = 0x1.0c0aff044a970p-3;
    private static final long SQRT_HALF_BITS = Double.doubleToRawLongBits(0x1.6a09e667f3bcdp-1);
    private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);
    private static final long MANTISSA = (1L << 52) - 1;

    private ExpLog() {
    }

    // ---------------------------------------------------------------- kernels (n a multiple of the lane count)

    static void exp(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) exp(DoubleVector.fromArray(DS, x, xo + i)).intoArray(y, yo + i); }
    static void log(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) log(DoubleVector.fromArray(DS, x, xo + i)).intoArray(y, yo + i); }
    static void exp(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) ElementwiseKernels.narrow(exp(ElementwiseKernels.widen(x, xo + i)), y, yo + i); }
    static void log(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) ElementwiseKernels.narrow(log(ElementwiseKernels.widen(x, xo + i)), y, yo + i); }

    // ---------------------------------------------------------------- exp

    static DoubleVector exp(DoubleVector x) {
        DoubleVector z = clamp(x);
        DoubleVector q = round(z);
        DoubleVector r = reduce(z, q);
        DoubleVector rc = reduceError(z, q, r);
        DoubleVector uh = expm1(r, rc);
        DoubleVector ul = expm1Error(r, rc, uh);
        DoubleVector e = uh.add(1.0);
        return scale(e.add(d(1.0).sub(e).add(uh).add(ul)), q);
    }

    /** x within [-746, 710], where exp's result is already 0 or infinite; NaN stays NaN. */
    static DoubleVector clamp(DoubleVector x) {
        return x.max(EXP_MIN).min(EXP_MAX);
    }

    /** {@code 1.5*2^52 + rint(x / ln2)}: k in the low mantissa bits. */
    static DoubleVector round(DoubleVector x) {
        return x.fma(d(LOG2E), d(ROUNDER));
    }

    /** {@code r = x - k ln2} rounded: the exact {@code x - k*LN2_HI} minus {@code k*LN2_LO}. */
    static DoubleVector reduce(DoubleVector x, DoubleVector q) {
        DoubleVector k = q.sub(ROUNDER);
        return k.fma(d(-LN2_HI), x).add(k.mul(-LN2_LO));
    }

    /** What {@link #reduce} lost by rounding: {@code x - k ln2 = r + reduceError} to about 2^-105. */
    static DoubleVector reduceError(DoubleVector x, DoubleVector q, DoubleVector r) {
        DoubleVector k = q.sub(ROUNDER);
        DoubleVector t = k.mul(-LN2_LO);
        return t.sub(r.sub(k.fma(d(-LN2_HI), x)));
    }

    /** {@code expm1(r + rc)} rounded, {@code |r| <= 0.348}. */
    static DoubleVector expm1(DoubleVector r, DoubleVector rc) {
        DoubleVector head = expm1Head(r);
        return head.add(expm1Tail(r, rc, head));
    }

    /** {@code expm1(r + rc) - u} for u = {@link #expm1}(r, rc), to about 2^-58 |u|. */
    static DoubleVector expm1Error(DoubleVector r, DoubleVector rc, DoubleVector u) {
        DoubleVector head = expm1Head(r);
        return expm1Tail(r, rc, head).sub(u.sub(head));
    }

    /** {@code r + r^2/2} rounded. */
    private static DoubleVector expm1Head(DoubleVector r) {
        return r.mul(r).fma(d(0.5), r);
    }

    /** {@code expm1(r + rc) - head}: Fast2Sum's error, r^2's rounding error, r^3 P(r), rc exp(r). */
    private static DoubleVector expm1Tail(DoubleVector r, DoubleVector rc, DoubleVector head) {
        DoubleVector r2 = r.mul(r);
        DoubleVector half = r2.mul(0.5);
        DoubleVector sumError = half.sub(head.sub(r));
        DoubleVector p = r.fma(d(P9), d(P8)).fma(r, d(P7)).fma(r, d(P6)).fma(r, d(P5)).fma(r, d(P4))
                .fma(r, d(P3)).fma(r, d(P2)).fma(r, d(P1)).fma(r, d(P0));
        DoubleVector small = r.fma(r, r2.neg()).fma(d(0.5), rc.fma(r, rc));
        return r2.mul(r).fma(p, small).add(sumError);
    }

    /**
     * {@code v * 2^k} for k held by {@link #round}'s result q ({@code -1076 <= k <= 1024}), as two
     * factors {@code 2^floor(k/2)} and {@code 2^(k - floor(k/2))}, both normal: exact while the product
     * is normal, one rounding into the subnormals, infinity beyond the largest double.
     */
    static DoubleVector scale(DoubleVector v, DoubleVector q) {
        // floor(k/2) = rint(k/2 - 1/4), again held in the low mantissa bits
        DoubleVector q1 = q.sub(ROUNDER).fma(d(0.5), d(-0.25)).add(ROUNDER);
        LongVector b = q.reinterpretAsLongs();
        LongVector b1 = q1.reinterpretAsLongs();
        DoubleVector s1 = b1.add(1023 - ROUNDER_BITS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = b.sub(b1).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return v.mul(s1).mul(s2);
    }

    // ---------------------------------------------------------------- log

    static DoubleVector log(DoubleVector x) {
        VectorMask<Double> subnormal = x.compare(VectorOperators.LT, Double.MIN_NORMAL);
        LongVector u = x.blend(x.mul(0x1p54), subnormal).reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
        DoubleVector e = u.lanewise(VectorOperators.LSHR, 52).add(ROUNDER_BITS - 1023).reinterpretAsDoubles().sub(ROUNDER);
        e = e.blend(e.sub(54), subnormal);
        DoubleVector f = u.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector qz = z.fma(d(Q7), d(Q6)).fma(z, d(Q5)).fma(z, d(Q4)).fma(z, d(Q3)).fma(z, d(Q2))
                .fma(z, d(Q1)).fma(z, d(Q0)).mul(z);
        DoubleVector f2 = f.mul(f);
        DoubleVector half = f2.mul(0.5);
        DoubleVector halfError = f.fma(f, f2.neg()).mul(0.5);
        DoubleVector head = f.sub(half);
        DoubleVector headError = f.sub(head).sub(half);
        DoubleVector rest = s.fma(half.add(qz), headError.sub(halfError)).add(e.mul(LN2_LO40));
        DoubleVector eh = e.mul(LN2_HI40);
        DoubleVector sum = eh.add(head);
        DoubleVector r = sum.add(eh.sub(sum).add(head).add(rest));
        return r.blend(Double.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0.0))
                .blend(Double.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                .blend(Double.NaN, x.compare(VectorOperators.LT, 0.0).or(x.compare(VectorOperators.NE, x)));
    }

    /** The rounding error of {@code s = a + b} (TwoSum: exact for any magnitudes). */
    static DoubleVector sumError(DoubleVector a, DoubleVector b, DoubleVector s) {
        DoubleVector bb = s.sub(a);
        return a.sub(s.sub(bb)).add(b.sub(bb));
    }

    static DoubleVector d(double v) {
        return DoubleVector.broadcast(DS, v);
    }
}
