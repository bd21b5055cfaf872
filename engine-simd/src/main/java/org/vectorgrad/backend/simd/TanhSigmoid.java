package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ExpLog.d;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;

/**
 * tanh and sigmoid in double lanes, from {@link ExpLog}'s exp steps and IEEE arithmetic only (so the
 * same bits interpreted, under C1 and under C2); float32 is computed in double lanes and rounded once.
 *
 * <p>Both are quotients of exp: {@code tanh|x| = v / (v + 2)} with {@code v = expm1(2|x|)}, and
 * {@code sigmoid(x) = 1 / (1 + exp(-x))}. exp is taken as an unevaluated sum (within about 2^-58),
 * the denominator is summed exactly (TwoSum), and the quotient gets one Newton correction, so the
 * result has one rounding plus a few hundredths of an ulp. Arguments are clamped where the result
 * no longer changes (|x| > 19.5: tanh rounds to ±1), so infinities need no special case; NaN propagates.
 */
final class TanhSigmoid {
    /** tanh of anything larger rounds to 1: 2 exp(-39) < 2^-54. */
    private static final double TANH_ONE = 19.5;
    private static final long SIGN_BIT = Long.MIN_VALUE;

    private TanhSigmoid() {
    }

    static void tanh(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) tanh(DoubleVector.fromArray(DS, x, xo + i)).intoArray(y, yo + i); }
    static void sigmoid(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) sigmoid(DoubleVector.fromArray(DS, x, xo + i)).intoArray(y, yo + i); }
    static void tanh(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) ElementwiseKernels.narrow(tanh(ElementwiseKernels.widen(x, xo + i)), y, yo + i); }
    static void sigmoid(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) ElementwiseKernels.narrow(sigmoid(ElementwiseKernels.widen(x, xo + i)), y, yo + i); }

    static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs().min(TANH_ONE);
        DoubleVector z = a.add(a);
        DoubleVector q = ExpLog.round(z);
        DoubleVector r = ExpLog.reduce(z, q);
        DoubleVector rc = ExpLog.reduceError(z, q, r);
        DoubleVector uh = ExpLog.expm1(r, rc);
        DoubleVector ul = ExpLog.expm1Error(r, rc, uh);
        // v = expm1(z) = (2^k - 1) + 2^k uh + 2^k ul, the first two summed exactly (2^k - 1 is exact up
        // to k = 53; beyond, tanh is within 2^-50 of 1 and insensitive to v's last bits)
        DoubleVector p = ExpLog.scale(d(1.0), q);
        DoubleVector c = p.sub(1.0);
        DoubleVector b = p.mul(uh);
        DoubleVector vh = c.add(b);
        DoubleVector vl = ExpLog.sumError(c, b, vh).add(p.mul(ul));
        DoubleVector two = d(2.0);
        DoubleVector dh = vh.add(two);
        DoubleVector dl = ExpLog.sumError(vh, two, dh).add(vl);
        DoubleVector y = vh.div(dh);
        DoubleVector residual = y.neg().fma(dh, vh).add(vl).sub(y.mul(dl));
        y = residual.div(dh).add(y);
        // tanh is odd: x's sign bit (also for -0.0)
        return y.reinterpretAsLongs().lanewise(VectorOperators.OR, x.reinterpretAsLongs().and(SIGN_BIT)).reinterpretAsDoubles();
    }

    static DoubleVector sigmoid(DoubleVector x) {
        DoubleVector z = ExpLog.clamp(x.neg());
        DoubleVector q = ExpLog.round(z);
        DoubleVector r = ExpLog.reduce(z, q);
        DoubleVector rc = ExpLog.reduceError(z, q, r);
        DoubleVector uh = ExpLog.expm1(r, rc);
        DoubleVector ul = ExpLog.expm1Error(r, rc, uh);
        DoubleVector one = d(1.0);
        DoubleVector eh = uh.add(one);
        DoubleVector el = one.sub(eh).add(uh).add(ul);
        // exp(-x) = s + sl; 1 + s summed exactly
        DoubleVector s = ExpLog.scale(eh, q);
        DoubleVector dh = s.add(one);
        DoubleVector dl = ExpLog.sumError(s, one, dh).add(ExpLog.scale(el, q));
        DoubleVector y = one.div(dh);
        DoubleVector residual = y.neg().fma(dh, one).sub(y.mul(dl));
        // exp(-x) infinite: y is 0 and the residual NaN
        return y.fma(residual, y).blend(y, dh.test(VectorOperators.IS_INFINITE));
    }
}
