package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;
import static org.vectorgrad.backend.simd.ExpLog.d;
import static org.vectorgrad.backend.simd.ExpLog.f;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * tanh and sigmoid in double lanes, from {@link ExpLog}'s exp steps and IEEE arithmetic only (so the
 * same bits interpreted, under C1 and under C2); float32 tanh and sigmoid in float lanes
 * ({@link #tanh(float[], int, float[], int, int)}, {@link #sigmoid(float[], int, float[], int, int)}).
 *
 * <p>Both are quotients of exp: {@code tanh|x| = v / (v + 2)} with {@code v = expm1(2|x|)}, and
 * {@code sigmoid(x) = 1 / (1 + exp(-x))}. exp is taken as an unevaluated sum (within about 2^-58),
 * the denominator is summed exactly (TwoSum), and the quotient gets one Newton correction, so the
 * result has one rounding plus a few hundredths of an ulp (against mpmath on 5,400 and 5,100 inputs:
 * at most 0.511 ulp for tanh, 0.500 for sigmoid). Arguments are clamped where the result
 * no longer changes (|x| > 19.5: tanh rounds to ±1), so infinities need no special case; NaN propagates.
 *
 * <p>Both run through {@link ExpLog#blocks}: their argument, exp's parts, their quotient, each a loop
 * over arrays.
 */
final class TanhSigmoid {
    /** tanh of anything larger rounds to 1: 2 exp(-39) < 2^-54. */
    private static final double TANH_ONE = 19.5;
    private static final long SIGN_BIT = Long.MIN_VALUE;
    private static final DoubleVector V_ONE = d(1.0);
    private static final DoubleVector V_TWO = d(2.0);
    private static final FloatVector F_ONE = f(1f);
    private static final FloatVector F_ZERO = f(0f);
    private static final FloatVector F_TWO = f(2f);
    /** float32 tanh rounds to 1 beyond; below the small bound, tanh x = x + x^3 (T0 + T1 x^2 + ... + T4 x^8). */
    private static final float TANH_ONE_F = 10f;
    private static final float TANH_SMALL_F = 0.55f;
    private static final FloatVector T0 = f(-0x1.55554ap-2f), T1 = f(0x1.110cf2p-3f), T2 = f(-0x1.b91f92p-5f);
    private static final FloatVector T3 = f(0x1.58f088p-6f), T4 = f(-0x1.996dcap-8f);

    private TanhSigmoid() {
    }

    /**
     * float32 tanh in float lanes. Below {@link #TANH_SMALL_F}, {@code |x| + |x|^3 P(x^2)} (P fitted with
     * float coefficients to 2^-29.7 of the result; the correction is below a tenth of |x|, so its
     * roundings add a few hundredths of an ulp). From there (tanh >= 1/2) {@code 1 - 2/(1 + e)} with
     * {@code e = exp(2|x|) = eh + el} ({@link ExpLog#exp(FloatVector, float[], int)} and its low part), the
     * denominator summed exactly (Fast2Sum), the quotient given one Newton correction and
     * {@code 1 - q} summed exactly: one rounding plus a few hundredths of an ulp. |x| is clamped at 10,
     * where tanh rounds to 1 (2 exp(-20) < 2^-25), so infinities need no special case; the sign is x's
     * (also for -0.0); NaN propagates. Every float32 input checked (README, Accuracy).
     */
    static void tanh(float[] x, int xo, float[] y, int yo, int n) {
        float[] low = new float[FL];
        for (int i = 0; i < n; i += FL) {
            FloatVector v = FloatVector.fromArray(FS, x, xo + i);
            FloatVector a = v.abs().min(TANH_ONE_F);
            FloatVector z = a.mul(a);
            FloatVector p = z.fma(T4, T3).fma(z, T2).fma(z, T1).fma(z, T0);
            FloatVector small = a.mul(z).fma(p, a);
            FloatVector eh = ExpLog.exp(a.add(a), low, 0);
            FloatVector el = FloatVector.fromArray(FS, low, 0);
            FloatVector dh = eh.add(F_ONE);
            FloatVector dl = F_ONE.sub(dh).add(eh).add(el);
            FloatVector q = F_TWO.div(dh);
            FloatVector qc = q.neg().fma(dh, F_TWO).sub(q.mul(dl)).div(dh);
            FloatVector s = F_ONE.sub(q);
            FloatVector large = F_ONE.sub(s).sub(q).sub(qc).add(s);
            FloatVector t = large.blend(small, a.compare(VectorOperators.LT, TANH_SMALL_F));
            t.reinterpretAsInts().or(v.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats().intoArray(y, yo + i);
        }
    }

    /**
     * float32 sigmoid in float lanes: with {@code e = exp(-|x|) = eh + el} ({@link ExpLog#exp(FloatVector,
     * float[], int)}, 0.6 ulp and its low part), {@code 1 / (1 + e)} for x >= 0 and {@code e / (1 + e)}
     * below, the denominator summed exactly (Fast2Sum) and the quotient given one Newton correction
     * from its exact FMA residual: one rounding plus a few hundredths of an ulp while e's low part is
     * normal (x > -70.7), and up to e's own error below, where sigmoid is e (at most 0.77 ulp). Every
     * float32 input checked (README, Accuracy).
     */
    static void sigmoid(float[] x, int xo, float[] y, int yo, int n) {
        float[] low = new float[FL];
        for (int i = 0; i < n; i += FL) {
            FloatVector v = FloatVector.fromArray(FS, x, xo + i);
            FloatVector eh = ExpLog.exp(v.abs().neg(), low, 0);
            FloatVector el = FloatVector.fromArray(FS, low, 0);
            FloatVector dh = eh.add(F_ONE);
            FloatVector dl = F_ONE.sub(dh).add(eh).add(el);
            VectorMask<Float> negative = v.compare(VectorOperators.LT, 0f);
            FloatVector nh = F_ONE.blend(eh, negative);
            FloatVector nl = F_ZERO.blend(el, negative);
            FloatVector q = nh.div(dh);
            FloatVector r = q.neg().fma(dh, nh);
            q.neg().fma(dl, r.add(nl)).div(dh).add(q).intoArray(y, yo + i);
        }
    }

    static void tanh(double[] x, int xo, double[] y, int yo, int n) {
        ExpLog.blocks(x, xo, y, yo, n, TanhSigmoid::twiceAbs, TanhSigmoid::tanhFromParts);
    }

    static void sigmoid(double[] x, int xo, double[] y, int yo, int n) {
        ExpLog.blocks(x, xo, y, yo, n, TanhSigmoid::negated, TanhSigmoid::sigmoidFromParts);
    }

    /** tanh's exp argument: 2 min(|x|, 19.5). */
    private static void twiceAbs(double[] x, int xo, double[] z, int m) {
        for (int j = 0; j < m; j += DL) {
            DoubleVector a = DoubleVector.fromArray(DS, x, xo + j).abs().min(TANH_ONE);
            a.add(a).intoArray(z, j);
        }
    }

    /** sigmoid's exp argument: -x, clamped. */
    private static void negated(double[] x, int xo, double[] z, int m) {
        for (int j = 0; j < m; j += DL) {
            ExpLog.clamp(DoubleVector.fromArray(DS, x, xo + j).neg()).intoArray(z, j);
        }
    }

    private static void tanhFromParts(double[] x, int xo, double[] s1, double[] uh, double[] ul, double[] s2, double[] y, int yo, int m) {
        for (int j = 0; j < m; j += DL) {
            // v = expm1(2|x|) = (2^k - 1) + 2^k uh + 2^k ul, the first two summed exactly (2^k - 1 is
            // exact up to k = 53; beyond, tanh is within 2^-50 of 1 and insensitive to v's last bits)
            DoubleVector p = DoubleVector.fromArray(DS, s1, j).mul(DoubleVector.fromArray(DS, s2, j));
            DoubleVector c = p.sub(V_ONE);
            DoubleVector b = p.mul(DoubleVector.fromArray(DS, uh, j));
            DoubleVector vh = c.add(b);
            DoubleVector vl = ExpLog.sumError(c, b, vh).add(p.mul(DoubleVector.fromArray(DS, ul, j)));
            // v / (v + 2), the denominator summed exactly, the quotient corrected once
            DoubleVector dh = vh.add(V_TWO);
            DoubleVector dl = ExpLog.sumError(vh, V_TWO, dh).add(vl);
            DoubleVector t = vh.div(dh);
            DoubleVector residual = t.neg().fma(dh, vh).add(vl).sub(t.mul(dl));
            t = residual.div(dh).add(t);
            // tanh is odd: x's sign bit (also for -0.0)
            LongVector sign = DoubleVector.fromArray(DS, x, xo + j).reinterpretAsLongs().and(SIGN_BIT);
            t.reinterpretAsLongs().lanewise(VectorOperators.OR, sign).reinterpretAsDoubles().intoArray(y, yo + j);
        }
    }

    private static void sigmoidFromParts(double[] x, int xo, double[] s1, double[] uh, double[] ul, double[] s2, double[] y, int yo, int m) {
        for (int j = 0; j < m; j += DL) {
            DoubleVector u = DoubleVector.fromArray(DS, uh, j);
            DoubleVector eh = u.add(V_ONE);
            DoubleVector el = V_ONE.sub(eh).add(u).add(DoubleVector.fromArray(DS, ul, j));
            // exp(-x) = s + sl; 1 + s summed exactly; 1 / (1 + s + sl) corrected once
            DoubleVector f1 = DoubleVector.fromArray(DS, s1, j);
            DoubleVector f2 = DoubleVector.fromArray(DS, s2, j);
            DoubleVector s = eh.mul(f1).mul(f2);
            DoubleVector dh = s.add(V_ONE);
            DoubleVector dl = ExpLog.sumError(s, V_ONE, dh).add(el.mul(f1).mul(f2));
            DoubleVector r = V_ONE.div(dh);
            DoubleVector residual = r.neg().fma(dh, V_ONE).sub(r.mul(dl));
            // exp(-x) infinite: r is 0 and the residual NaN
            r.fma(residual, r).blend(r, dh.test(VectorOperators.IS_INFINITE)).intoArray(y, yo + j);
        }
    }
}
