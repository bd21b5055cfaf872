package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp and log in double lanes from IEEE add, multiply, divide and FMA only, so a result is the same
 * whether the kernel runs interpreted, under C1 or compiled by C2 (the Vector API's {@code EXP} and
 * {@code LOG} compute with java.lang.Math until C2 compiles them, then with a native vector library,
 * and the two differ in the last bit). float32 exp and log run in float lanes (below).
 *
 * <p><b>exp</b>: {@code x = k ln2 + r}, {@code |r| <= ln2/2}, k from the 1.5*2^52 rounding constant;
 * {@code x - k*LN2_HI} is exact (one FMA; LN2_HI is ln 2 rounded, the result a multiple of 2^-54
 * below 1/2), and {@code r = rh - k*LN2_LO} is kept as {@code r + rc}. {@code expm1(r) = r + r^2/2 +
 * r^3 P(r)} (P fitted on |r| <= 0.348 to 2^-56.7) is held as an unevaluated sum {@code uh + ul}, with
 * r^2's rounding error recovered by an FMA, so that {@code 1 + uh + ul} is within about 2^-58 of
 * exp(r) before its one rounding: within 0.515 ulp of exp(x) on 5,700 inputs checked against mpmath
 * (half of them where the result differs from StrictMath's), 0.72 where the result is subnormal
 * (rounded twice). The scale 2^k is applied as two factors {@code 2^(k/2)} so that overflow to
 * infinity and gradual underflow to subnormals come out of the same arithmetic; arguments are
 * clamped to [-746, 710] first (beyond, exp is 0 or infinite anyway), and NaN propagates.
 *
 * <p><b>float32 exp</b>, in float lanes (twice the lanes of double, no conversions): {@code x = k ln2 + rh + t}
 * with {@code rh = x - k*LN2_HI_F} exact (one FMA: rh is a multiple of 2^-25 below 1/2, or x itself when
 * k = 0) and {@code t = -k*LN2_LO_F} (|t| < 2^-21); {@code exp(r) = 1 + rh + t + r^2 P(r)}, r = rh + t,
 * to 2^-32 (P: Taylor to r^6/8!, |r| <= 0.347), where {@code 1 + rh} is split exactly into a rounded
 * sum and its error (Fast2Sum) and only the small rest {@code r^2 P + t + error} carries float
 * rounding (it is below 0.08, its own ulp at most 2^-27). Before the one rounding of the final sum the
 * value is within about 0.2 ulp of exp(x), so the result is the correctly rounded value or its
 * neighbour, checked on every float32 input (README, Accuracy). The scale 2^k is two normal factors as
 * in double, so subnormal results round once more (still within 1 ulp) and overflow gives infinity;
 * a vector whose lanes all have |x| <= 87 (results normal) takes one factor, exact as the two are,
 * so the same bits for 6 fewer operations.
 *
 * <p><b>log</b>: {@code x = 2^e m}, {@code m in [sqrt(1/2), sqrt 2)} by integer arithmetic on the
 * bits (subnormals scaled by 2^54 first), {@code f = m - 1} exact, {@code s = f/(2+f)},
 * {@code log(1+f) = f - f^2/2 + s (f^2/2 + z Q(z))}, {@code z = s^2} (Q fitted on z <= 0.0295 to
 * 2^-58.7), with {@code f - f^2/2} summed exactly and {@code e ln2} split so that {@code e*LN2_HI40}
 * is exact: within 0.573 ulp on 5,900 inputs checked against mpmath. Zero, negative, infinite and
 * NaN arguments get C's values by blends.
 *
 * <p>exp's reduction and polynomial are one array loop, {@link #expm1Parts}, which exp, {@link
 * TanhSigmoid}'s tanh and sigmoid (they need expm1 as an unevaluated sum, not rounded) and float32
 * pow run over blocks of {@link #BLOCK} elements: no vector crosses a method boundary, where C2
 * would box it unless it inlines the method, and it does not inline methods this size reliably.
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

    private static final DoubleVector V_LOG2E = d(LOG2E);
    private static final DoubleVector V_ROUNDER = d(ROUNDER);
    private static final DoubleVector V_NLN2_HI = d(-LN2_HI);
    private static final DoubleVector V_NLN2_LO = d(-LN2_LO);
    private static final DoubleVector V_HALF = d(0.5);
    private static final DoubleVector V_ONE = d(1.0);
    private static final DoubleVector V_MINUS_QUARTER = d(-0.25);
    private static final DoubleVector VP0 = d(P0), VP1 = d(P1), VP2 = d(P2), VP3 = d(P3), VP4 = d(P4);
    private static final DoubleVector VP5 = d(P5), VP6 = d(P6), VP7 = d(P7), VP8 = d(P8), VP9 = d(P9);
    private static final DoubleVector VQ0 = d(Q0), VQ1 = d(Q1), VQ2 = d(Q2), VQ3 = d(Q3);
    private static final DoubleVector VQ4 = d(Q4), VQ5 = d(Q5), VQ6 = d(Q6), VQ7 = d(Q7);
    /** float32 exp: ln 2 = LN2_HI_F + LN2_LO_F (each a float), 2^23 + 2^22 rounds to integers, clamps. */
    private static final float LN2_HI_F = 0x1.62e43p-1f;
    private static final float LN2_LO_F = (float) (0x1.62e42fefa39efp-1 - 0x1.62e43p-1);
    private static final float ROUNDER_F = 0x1.8p23f;
    private static final int ROUNDER_F_BITS = Float.floatToRawIntBits(ROUNDER_F);
    /** exp(-104) rounds to 0 and exp(89) overflows; k then stays within [-150, 128], two normal factors. */
    private static final float EXP_MIN_F = -104f;
    private static final float EXP_MAX_F = 89f;
    /** For |x| <= 87 exp(x) is normal (exp(-87) > 2^-126) and 2^k one normal factor (|k| <= 126). */
    private static final float ONE_FACTOR_F = 87f;
    private static final FloatVector VF_LOG2E = f((float) LOG2E);
    private static final FloatVector VF_ROUNDER = f(ROUNDER_F);
    private static final FloatVector VF_NLN2_HI = f(-LN2_HI_F);
    private static final FloatVector VF_NLN2_LO = f(-LN2_LO_F);
    private static final FloatVector VF_ONE = f(1f);
    /** (exp(r) - 1 - r) / r^2 = 1/2! + r/3! + ... + r^6/8! (Taylor; the next term is below 2^-33). */
    private static final FloatVector VF0 = f(1f / 2), VF1 = f(1f / 6), VF2 = f(1f / 24), VF3 = f(1f / 120);
    private static final FloatVector VF4 = f(1f / 720), VF5 = f(1f / 5040), VF6 = f(1f / 40320);
    /** float32 log: ln 2 = LN2_HI_LOG_F (16 bits, so e * it is exact) + LN2_LO_LOG_F; Q(z) = VL0 + VL1 z + ... + VL3 z^3. */
    private static final float LN2_HI_LOG_F = 0x1.62e4p-1f;
    private static final float LN2_LO_LOG_F = (float) (0x1.62e42fefa39efp-1 - 0x1.62e4p-1);
    private static final int SQRT_HALF_BITS_F = Float.floatToRawIntBits(0x1.6a09e6p-1f);
    private static final int ONE_BITS_F = Float.floatToRawIntBits(1f);
    private static final int MANTISSA_F = (1 << 23) - 1;
    private static final FloatVector VL0 = f(0x1.555554p-1f), VL1 = f(0x1.999c26p-2f), VL2 = f(0x1.23d3cep-2f);
    private static final FloatVector VL3 = f(0x1.f1413ap-3f);
    /** Elements per block of the multi-pass kernels: their scratch arrays stay in L1. */
    static final int BLOCK = 256;

    private ExpLog() {
    }

    // ---------------------------------------------------------------- kernels (n a multiple of the lane count; y may be x)

    static void exp(float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += FL) {
            exp(FloatVector.fromArray(FS, x, xo + i)).intoArray(y, yo + i);
        }
    }

    /**
     * float32 log in float lanes, as float64's {@link #log(double[], int, double[], int, int)} below with
     * float steps: {@code x = 2^e m}, {@code m in [sqrt(1/2), sqrt 2)} (subnormals scaled by 2^25 first),
     * {@code f = m - 1} exact, {@code log(1+f) = f - f^2/2 + s (f^2/2 + z Q(z))}, {@code s = f/(2+f)},
     * {@code z = s^2}, Q with float coefficients to 2^-35 of the result; {@code f - f^2/2} and
     * {@code e ln2_hi + head} are summed exactly ({@code e * LN2_HI_LOG_F} is exact: 16 bits times at most
     * 8), so the small rest carries the float roundings: one rounding plus a few hundredths of an ulp.
     * Every float32 input checked (README, Accuracy).
     */
    static void log(float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += FL) {
            FloatVector v = FloatVector.fromArray(FS, x, xo + i);
            VectorMask<Float> subnormal = v.compare(VectorOperators.LT, Float.MIN_NORMAL);
            IntVector u = v.blend(v.mul(0x1p25f), subnormal).reinterpretAsInts().add(ONE_BITS_F - SQRT_HALF_BITS_F);
            FloatVector e = u.lanewise(VectorOperators.LSHR, 23).sub(127).convert(VectorOperators.I2F, 0).reinterpretAsFloats();
            e = e.blend(e.sub(25f), subnormal);
            FloatVector f = u.and(MANTISSA_F).add(SQRT_HALF_BITS_F).reinterpretAsFloats().sub(VF_ONE);
            FloatVector s = f.div(f.add(2f));
            FloatVector z = s.mul(s);
            FloatVector qz = z.fma(VL3, VL2).fma(z, VL1).fma(z, VL0).mul(z);
            FloatVector f2 = f.mul(f);
            FloatVector half = f2.mul(0.5f);
            FloatVector halfError = f.fma(f, f2.neg()).mul(0.5f);
            FloatVector head = f.sub(half);
            FloatVector headError = f.sub(head).sub(half);
            FloatVector rest = s.fma(half.add(qz), headError.sub(halfError)).add(e.mul(LN2_LO_LOG_F));
            FloatVector eh = e.mul(LN2_HI_LOG_F);
            FloatVector sum = eh.add(head);
            FloatVector r = sum.add(eh.sub(sum).add(head).add(rest));
            r.blend(Float.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0f))
                    .blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                    .blend(Float.NaN, v.compare(VectorOperators.LT, 0f).or(v.compare(VectorOperators.NE, v)))
                    .intoArray(y, yo + i);
        }
    }

    static void exp(double[] x, int xo, double[] y, int yo, int n) {
        blocks(x, xo, y, yo, n, ExpLog::clamped, ExpLog::scaled);
    }

    /** Writes a block's exp arguments: {@code z[j]} from {@code x[xo + j]}, j < m. */
    @FunctionalInterface
    interface Arguments {
        void write(double[] x, int xo, double[] z, int m);
    }

    /** Writes a block's results {@code y[yo + j]}, j < m, from {@link #expm1Parts}' (and x, which y may be). */
    @FunctionalInterface
    interface Results {
        void write(double[] x, int xo, double[] s1, double[] uh, double[] ul, double[] s2, double[] y, int yo, int m);
    }

    /**
     * A map built on exp, a block of {@link #BLOCK} elements at a time in three loops through scratch
     * arrays that stay in L1: the arguments, {@link #expm1Parts}, the results. One loop holding all
     * three is too large for C2 to compile without boxing its vectors.
     */
    static void blocks(double[] x, int xo, double[] y, int yo, int n, Arguments arguments, Results results) {
        int size = Math.min(n, BLOCK);
        double[] z = new double[size];
        double[] uh = new double[size];
        double[] ul = new double[size];
        double[] s2 = new double[size];
        for (int i = 0; i < n; i += BLOCK) {
            int m = Math.min(BLOCK, n - i);
            arguments.write(x, xo + i, z, m);
            expm1Parts(z, uh, ul, s2, m);
            results.write(x, xo + i, z, uh, ul, s2, y, yo + i, m);
        }
    }

    private static void clamped(double[] x, int xo, double[] z, int m) {
        for (int j = 0; j < m; j += DL) {
            clamp(DoubleVector.fromArray(DS, x, xo + j)).intoArray(z, j);
        }
    }

    /** {@code (1 + uh + ul) 2^k}, the sum rounded once. */
    private static void scaled(double[] x, int xo, double[] s1, double[] uh, double[] ul, double[] s2, double[] y, int yo, int m) {
        for (int j = 0; j < m; j += DL) {
            DoubleVector u = DoubleVector.fromArray(DS, uh, j);
            DoubleVector e = u.add(V_ONE);
            DoubleVector el = V_ONE.sub(e).add(u).add(DoubleVector.fromArray(DS, ul, j));
            e.add(el).mul(DoubleVector.fromArray(DS, s1, j)).mul(DoubleVector.fromArray(DS, s2, j)).intoArray(y, yo + j);
        }
    }

    /**
     * For {@code i < n} (a multiple of the lane count), z = z[i] within [-746, 710]: {@code z = k ln2 + r}
     * with {@code expm1(r) = uh[i] + ul[i]} to about 2^-58 |expm1(r)|, and {@code 2^k = z[i] * s2[i]}
     * on return: two normal factors {@code 2^floor(k/2)} and {@code 2^(k - floor(k/2))}, so that
     * {@code v * z[i] * s2[i]} is exact while normal, rounds once into the subnormals and overflows
     * to infinity. Arrays only, and one loop with no calls: vectors handed to a method C2 does not
     * inline would be boxed.
     */
    static void expm1Parts(double[] z, double[] uh, double[] ul, double[] s2, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector x = DoubleVector.fromArray(DS, z, i);
            DoubleVector q = x.fma(V_LOG2E, V_ROUNDER);
            DoubleVector k = q.sub(V_ROUNDER);
            // x - k*LN2_HI is exact; r + rc = x - k ln2
            DoubleVector rh = k.fma(V_NLN2_HI, x);
            DoubleVector t = k.mul(V_NLN2_LO);
            DoubleVector r = rh.add(t);
            DoubleVector rc = t.sub(r.sub(rh));
            // expm1(r + rc) = head + tail: head = r + r^2/2 rounded; tail = Fast2Sum's error, r^2's
            // rounding error, r^3 P(r) and rc exp(r)
            DoubleVector r2 = r.mul(r);
            DoubleVector head = r2.fma(V_HALF, r);
            DoubleVector sumError = r2.mul(V_HALF).sub(head.sub(r));
            DoubleVector p = r.fma(VP9, VP8).fma(r, VP7).fma(r, VP6).fma(r, VP5).fma(r, VP4)
                    .fma(r, VP3).fma(r, VP2).fma(r, VP1).fma(r, VP0);
            DoubleVector small = r.fma(r, r2.neg()).fma(V_HALF, rc.fma(r, rc));
            DoubleVector tail = r2.mul(r).fma(p, small).add(sumError);
            DoubleVector u = head.add(tail);
            u.intoArray(uh, i);
            tail.sub(u.sub(head)).intoArray(ul, i);
            // floor(k/2) = rint(k/2 - 1/4), held in the low mantissa bits like k
            DoubleVector q1 = k.fma(V_HALF, V_MINUS_QUARTER).add(V_ROUNDER);
            LongVector b = q.reinterpretAsLongs();
            LongVector b1 = q1.reinterpretAsLongs();
            b1.add(1023 - ROUNDER_BITS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles().intoArray(z, i);
            b.sub(b1).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles().intoArray(s2, i);
        }
    }

    /** exp's argument clamped to [-746, 710], where the result is already 0 or infinite; NaN stays NaN. */
    static DoubleVector clamp(DoubleVector x) {
        return x.max(EXP_MIN).min(EXP_MAX);
    }

    // ---------------------------------------------------------------- float32 exp

    /** float32 exp of one vector (class comment); small enough for C2 to inline into any loop. */
    static FloatVector exp(FloatVector v) {
        return exp(v, null, 0);
    }

    /**
     * As {@link #exp(FloatVector)}, and when {@code low} is not null, the rounding error of the sum
     * before its rounding, scaled alike, into {@code low[at]}: head + low is exp(v) to about 2^-45
     * relative while the result is normal (sigmoid's and tanh's quotients need it). Where every lane
     * has |x| <= 87 (exp(x) normal, |k| <= 126) 2^k is one normal factor, with the bits of the two
     * factors that other vectors (overflow, subnormal results, NaN) take: both products are exact
     * while normal, and the low part's one rounding into the subnormals is the same (every float32
     * input through exp, tanh and sigmoid checked against the two-factor form: the same bits).
     */
    static FloatVector exp(FloatVector v, float[] low, int at) {
        if (v.abs().compare(VectorOperators.LE, ONE_FACTOR_F).allTrue()) {
            FloatVector q = v.fma(VF_LOG2E, VF_ROUNDER);
            FloatVector scale = q.reinterpretAsInts().add(127 - ROUNDER_F_BITS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector sum = expOfRest(v, q, low, at);
            if (low != null) {
                FloatVector.fromArray(FS, low, at).mul(scale).intoArray(low, at);
            }
            return sum.mul(scale);
        }
        FloatVector x = v.max(EXP_MIN_F).min(EXP_MAX_F);
        FloatVector q = x.fma(VF_LOG2E, VF_ROUNDER);
        FloatVector sum = expOfRest(x, q, low, at);
        IntVector kb = q.reinterpretAsInts().sub(ROUNDER_F_BITS);
        IntVector k1 = kb.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = kb.sub(k1).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        if (low != null) {
            FloatVector.fromArray(FS, low, at).mul(s1).mul(s2).intoArray(low, at);
        }
        return sum.mul(s1).mul(s2);
    }

    /**
     * exp(r) for {@code x = k ln2 + r} ({@code q = x log2(e) + ROUNDER_F}, whose low bits hold k),
     * rounded once, before the scale 2^k; when {@code low} is not null the sum's rounding error, not
     * scaled, into {@code low[at]}.
     */
    private static FloatVector expOfRest(FloatVector x, FloatVector q, float[] low, int at) {
        FloatVector k = q.sub(VF_ROUNDER);
        FloatVector rh = k.fma(VF_NLN2_HI, x);
        FloatVector t = k.mul(VF_NLN2_LO);
        FloatVector hi = rh.add(VF_ONE);
        FloatVector sumError = VF_ONE.sub(hi).add(rh);
        // r^2 = rh^2 + 2 rh t to 2^-24 relative (t^2 < 2^-43); P at r = rh + t rounded (P' < 1/5)
        FloatVector r = rh.add(t);
        FloatVector r2 = rh.fma(rh, rh.mul(t).mul(2f));
        FloatVector p = r.fma(VF6, VF5).fma(r, VF4).fma(r, VF3).fma(r, VF2).fma(r, VF1).fma(r, VF0);
        FloatVector rest = r2.fma(p, t.add(sumError));
        FloatVector sum = hi.add(rest);
        if (low != null) {
            hi.sub(sum).add(rest).intoArray(low, at);
        }
        return sum;
    }

    // ---------------------------------------------------------------- log

    static void log(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
            VectorMask<Double> subnormal = v.compare(VectorOperators.LT, Double.MIN_NORMAL);
            LongVector u = v.blend(v.mul(0x1p54), subnormal).reinterpretAsLongs().add(ONE_BITS - SQRT_HALF_BITS);
            DoubleVector e = u.lanewise(VectorOperators.LSHR, 52).add(ROUNDER_BITS - 1023).reinterpretAsDoubles().sub(V_ROUNDER);
            e = e.blend(e.sub(54), subnormal);
            DoubleVector f = u.and(MANTISSA).add(SQRT_HALF_BITS).reinterpretAsDoubles().sub(V_ONE);
            // e ln2 + log(1 + f) = e ln2 + f - f^2/2 + s (f^2/2 + z Q(z)), f - f^2/2 and e ln2 + head summed exactly
            DoubleVector s = f.div(f.add(2.0));
            DoubleVector z = s.mul(s);
            DoubleVector qz = z.fma(VQ7, VQ6).fma(z, VQ5).fma(z, VQ4).fma(z, VQ3).fma(z, VQ2)
                    .fma(z, VQ1).fma(z, VQ0).mul(z);
            DoubleVector f2 = f.mul(f);
            DoubleVector half = f2.mul(V_HALF);
            DoubleVector halfError = f.fma(f, f2.neg()).mul(V_HALF);
            DoubleVector head = f.sub(half);
            DoubleVector headError = f.sub(head).sub(half);
            DoubleVector rest = s.fma(half.add(qz), headError.sub(halfError)).add(e.mul(LN2_LO40));
            DoubleVector eh = e.mul(LN2_HI40);
            DoubleVector sum = eh.add(head);
            DoubleVector r = sum.add(eh.sub(sum).add(head).add(rest));
            r.blend(Double.NEGATIVE_INFINITY, v.compare(VectorOperators.EQ, 0.0))
                    .blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.POSITIVE_INFINITY))
                    .blend(Double.NaN, v.compare(VectorOperators.LT, 0.0).or(v.compare(VectorOperators.NE, v)))
                    .intoArray(y, yo + i);
        }
    }

    /** The rounding error of {@code s = a + b} (TwoSum: exact for any magnitudes). */
    static DoubleVector sumError(DoubleVector a, DoubleVector b, DoubleVector s) {
        DoubleVector bb = s.sub(a);
        return a.sub(s.sub(bb)).add(b.sub(bb));
    }

    static DoubleVector d(double v) {
        return DoubleVector.broadcast(DS, v);
    }

    static FloatVector f(float v) {
        return FloatVector.broadcast(FS, v);
    }
}
