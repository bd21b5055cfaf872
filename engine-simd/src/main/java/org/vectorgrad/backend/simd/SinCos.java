package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * float32 sine, cosine and tangent, within 1 ulp of the correctly rounded result for every float.
 *
 * <p><b>Float lanes</b>, for elements with {@code |x| <= 8192} (and NaN):
 * <ol>
 *   <li>Reduction by pi/2 of {@code a = |x|}: {@code a = k*pi/2 + r}, {@code |r| <= pi/4}, with
 *       {@code k = rint(a*2/pi)} from adding the 1.5*2^23 rounding constant (whose low mantissa bits
 *       are then k mod 4), and pi/2 split into three floats P1 + P2 + P3 (76 bits). {@code a - k*P1}
 *       is exact (one FMA: the result is a multiple of 2^-23 below 1 in magnitude); {@code k*P2} and
 *       the subtraction are made exact with an FMA product error and a TwoSum, so r is the unevaluated
 *       sum {@code hi + lo}, with an absolute error below 2^-59. Over all floats below 2^14 the closest
 *       to a nonzero multiple of pi/2 is 252.89821, 2^-27.8 away, so r has a relative error below 2^-31.</li>
 *   <li>Two polynomials on {@code |r| <= pi/4}, {@code t = hi^2}, fitted (minimax, float coefficients)
 *       to relative errors 2^-32.5 and 2^-33: {@code sin r = hi + (lo + hi t S(t))}, where the correction
 *       is at most 8% of the result, and {@code cos r = w + (((1 - w) - t/2) - hi lo + t^2 C(t))} with
 *       {@code w = 1 - t/2} rounded, whose rounding error is recovered exactly.</li>
 *   <li>The quadrant: k mod 4 picks sin r, cos r, -sin r, -cos r (cosine uses k + 1); sine takes the
 *       sign of x, which also keeps sin(-0.0) = -0.0. Tangent is {@code sin r / cos r} for even k and
 *       {@code -cos r / sin r} for odd k, each as a normalised sum (Fast2Sum), the heads divided and the
 *       quotient corrected once from the division's exact FMA remainder and both tails (a relative error near 2^-30 before its rounding),
 *       with the sign of x.</li>
 * </ol>
 * The result is one rounding (0.5 ulp) plus a few tenths of an ulp from the correction terms, so
 * within 1 ulp of the correctly rounded float; an exhaustive check of all 2^32 inputs confirms it
 * (at most 0.835 ulp from the exact value; {@code mvn -Pexhaustive}, module property-tests).
 *
 * <p><b>Double lanes</b>, for larger elements and infinities, replacing only their own lanes so that
 * a result never depends on its neighbours (vectors holding one take a slower path): each float is
 * widened to double, reduced by pi with two FMAs (pi = PI_1 + PI_2, 107 bits; the reduction's error stays
 * below 2^-77 while {@code |x| <= 2^30}), and one odd polynomial of degree 11 fitted on
 * {@code |r| <= 1.001 pi/2} to 2^-35 gives a double within 2^-34 of the exact value, rounded once to
 * float. Lanes beyond 2^30 and infinities are recomputed with {@link Math#sin}/{@link Math#cos} in
 * double (1 double ulp). NaN and ±inf give NaN. Tangent's large lanes take {@link SinCosTan}'s float64
 * kernel, rounded once.
 *
 * <p>Only IEEE float/double arithmetic and FMA (exactly specified in Java) are used, so results are the
 * same on every platform, unlike the Vector API's SIN/COS, which call platform libraries (SVML on
 * x86-64). Any-length entry points for tests: {@code ElementwiseKernels.unary(UnaryOp.SIN, ...)}.
 */
final class SinCos {
    /** Elements beyond this take the double lanes. */
    private static final float FLOAT_LANES_LIMIT = 0x1p13f;
    private static final float TWO_OVER_PI = 0x1.45f306p-1f;
    /** Adding it rounds a float below 2^22 to an integer held in the low mantissa bits. */
    private static final float ROUNDER_F = 0x1.8p23f;
    private static final int SIGN_BIT = 0x80000000;
    /** pi/2 = P1 - NP2 - NP3 to 2^-76. */
    private static final float P1 = 0x1.921fb6p0f;
    private static final float NP2 = 0x1.777a5cp-25f;
    private static final float NP3 = 0x1.ee59dap-50f;
    /** sin r = r + r^3 (S0 + S1 t + S2 t^2 + S3 t^3), t = r^2, |r| <= pi/4. */
    private static final float S0 = -0x1.555556p-3f;
    private static final float S1 = 0x1.111174p-7f;
    private static final float S2 = -0x1.a05972p-13f;
    private static final float S3 = 0x1.7c3b7ep-19f;
    /** cos r = 1 - t/2 + t^2 (Q0 + Q1 t + Q2 t^2). */
    private static final float Q0 = 0x1.55554ap-5f;
    private static final float Q1 = -0x1.6c0c2ap-10f;
    private static final float Q2 = 0x1.99e904p-16f;

    private static final double ONE_OVER_PI = 0x1.45f306dc9c883p-2;
    /** pi = PI_1 + PI_2 to about 107 bits. */
    private static final double PI_1 = 0x1.921fb54442d18p+1;
    private static final double PI_2 = 0x1.1a62633145c07p-53;
    /** Adding it rounds a double below 2^51 to an integer held in the low mantissa bits. */
    private static final double ROUNDER = 0x1.8p52;
    /** Beyond this the double reduction's error bound no longer holds; such lanes use Math.sin/cos. */
    private static final float REDUCTION_LIMIT = 0x1p30f;
    private static final double C0 = -0x1.555555493bc2bp-3;
    private static final double C1 = 0x1.11110cb8f800dp-7;
    private static final double C2 = -0x1.a017faa8ac34fp-13;
    private static final double C3 = 0x1.717463ef07ecfp-19;
    private static final double C4 = -0x1.9ab99118d6aa0p-26;

    private SinCos() {
    }

    private static final int SIN = 0;
    private static final int COS = 1;
    private static final int TAN = 2;

    /** {@code y[yo + i] = sin(x[xo + i])}; n is a multiple of the float lane count. */
    static void sin(float[] x, int xo, float[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, SIN);
    }

    /** {@code y[yo + i] = cos(x[xo + i])}; n is a multiple of the float lane count. */
    static void cos(float[] x, int xo, float[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, COS);
    }

    /** {@code y[yo + i] = tan(x[xo + i])}; n is a multiple of the float lane count. */
    static void tan(float[] x, int xo, float[] y, int yo, int n) {
        kernel(x, xo, y, yo, n, TAN);
    }

    /**
     * One loop for the three ({@code fn}): cosine's quadrant gets +1 and drops x's sign; tangent divides
     * the two as unevaluated sums. The float-lane body
     * stays in this loop: as a method of its own it is too big for C2 to inline, and its vectors
     * would then be boxed on every call (3x slower).
     */
    private static void kernel(float[] x, int xo, float[] y, int yo, int n, int fn) {
        for (int i = 0; i < n; i += FL) {
            FloatVector v = FloatVector.fromArray(FS, x, xo + i);
            FloatVector a = v.abs();
            FloatVector q = a.fma(TWO_OVER_PI, ROUNDER_F);
            FloatVector k = q.sub(ROUNDER_F);
            FloatVector r1 = k.fma(f(-P1), a);
            FloatVector p = k.mul(NP2);
            FloatVector pe = k.fma(f(NP2), p.neg());
            FloatVector hi = r1.add(p);
            FloatVector bb = hi.sub(r1);
            FloatVector e = r1.sub(hi.sub(bb)).add(p.sub(bb));
            FloatVector lo = k.fma(f(NP3), e.add(pe));
            FloatVector t = hi.mul(hi);

            // sin r = hi + sinTail, cos r = w + cosTail
            FloatVector s = t.fma(S3, S2).fma(t, f(S1)).fma(t, f(S0));
            FloatVector sinTail = hi.mul(t).fma(s, lo);

            FloatVector w = t.fma(-0.5f, 1f);
            FloatVector tail = t.fma(f(-0.5f), f(1f).sub(w));
            FloatVector c = t.fma(Q2, Q1).fma(t, f(Q0));
            FloatVector cosTail = t.mul(t).fma(c, hi.neg().fma(lo, tail));

            IntVector quadrant = q.reinterpretAsInts().add(fn == COS ? 1 : 0);
            VectorMask<Float> odd = quadrant.and(1).compare(VectorOperators.NE, 0).cast(FS);
            FloatVector r;
            if (fn == TAN) {
                // sin r / cos r, or -cos r / sin r: the quotient of the heads, corrected once from its
                // exact FMA remainder and the tails; x's sign (tan is odd)
                FloatVector nh0 = hi.blend(w, odd);
                FloatVector nl0 = sinTail.blend(cosTail, odd);
                FloatVector dh0 = w.blend(hi, odd);
                FloatVector dl0 = cosTail.blend(sinTail, odd);
                // normalised (Fast2Sum), so the tails are below an ulp and one correction suffices
                FloatVector nh = nh0.add(nl0);
                FloatVector nl = nl0.sub(nh.sub(nh0));
                FloatVector dh = dh0.add(dl0);
                FloatVector dl = dl0.sub(dh.sub(dh0));
                FloatVector quotient = nh.div(dh);
                FloatVector remainder = quotient.neg().fma(dh, nh).add(nl).sub(quotient.mul(dl));
                quotient = remainder.div(dh).add(quotient);
                r = quotient.blend(quotient.neg(), odd);
                r = r.reinterpretAsInts().lanewise(VectorOperators.XOR, v.reinterpretAsInts().and(SIGN_BIT)).reinterpretAsFloats();
            } else {
                r = hi.add(sinTail).blend(w.add(cosTail), odd);
                IntVector sign = quadrant.and(2).lanewise(VectorOperators.LSHL, 30)
                        .lanewise(VectorOperators.XOR, v.reinterpretAsInts().and(fn == SIN ? SIGN_BIT : 0));
                r = r.reinterpretAsInts().lanewise(VectorOperators.XOR, sign).reinterpretAsFloats();
            }
            if (a.compare(VectorOperators.GT, FLOAT_LANES_LIMIT).anyTrue()) {
                // Only through arrays: a vector handed to a method C2 does not inline would be boxed
                // on every iteration, not just on this rare path.
                float[] lanes = new float[FL];
                r.intoArray(lanes, 0);
                replaceLargeLanes(x, xo + i, lanes, fn);
                System.arraycopy(lanes, 0, y, yo + i, FL);
            } else {
                r.intoArray(y, yo + i);
            }
        }
    }

    private static FloatVector f(float v) {
        return FloatVector.broadcast(FS, v);
    }

    /**
     * Overwrites {@code lanes[j]} with f(x[xo + j]) evaluated in double lanes where
     * {@code |x[xo + j]| > 8192} (infinities included); the other lanes keep their float-lane results, so an
     * element's result never depends on its neighbours.
     */
    private static void replaceLargeLanes(float[] x, int xo, float[] lanes, int fn) {
        if (fn == TAN) {
            double[] wide = new double[FL];
            for (int j = 0; j < FL; j++) {
                wide[j] = x[xo + j];
            }
            SinCosTan.tan(wide, 0, wide, 0, FL);
            for (int j = 0; j < FL; j++) {
                if (Math.abs(x[xo + j]) > FLOAT_LANES_LIMIT) {
                    lanes[j] = (float) wide[j];
                }
            }
            return;
        }
        int cos = fn;
        float[] wide = new float[FL];
        double half = 0.5 * cos;
        for (int j = 0; j < FL; j += DL) {
            DoubleVector w = ElementwiseKernels.widen(x, xo + j);
            DoubleVector t = w.fma(ONE_OVER_PI, -half).add(ROUNDER);
            DoubleVector mh = t.sub(ROUNDER).add(half).neg();
            DoubleVector r = mh.fma(d(PI_1), w);
            r = mh.fma(d(PI_2), r);
            DoubleVector r2 = r.mul(r);
            DoubleVector p = r2.fma(C4, C3);
            p = r2.fma(p, d(C2));
            p = r2.fma(p, d(C1));
            p = r2.fma(p, d(C0));
            p = r2.fma(p, d(1.0)).mul(r);
            LongVector sign = t.reinterpretAsLongs().add(cos).and(1L).lanewise(VectorOperators.LSHL, 63);
            ElementwiseKernels.narrow(p.reinterpretAsLongs().lanewise(VectorOperators.XOR, sign).reinterpretAsDoubles(), wide, j);
        }
        for (int j = 0; j < FL; j++) {
            float v = x[xo + j];
            if (Math.abs(v) > FLOAT_LANES_LIMIT) {
                lanes[j] = Math.abs(v) <= REDUCTION_LIMIT ? wide[j] : (float) (cos == 0 ? Math.sin(v) : Math.cos(v));
            }
        }
    }

    private static DoubleVector d(double v) {
        return DoubleVector.broadcast(ElementwiseKernels.DS, v);
    }
}
