package org.vectorgrad.backend.scalar;

/**
 * The error function {@code erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt} in float64, within
 * 1.05 ulp of the exact value (the largest error measured over 90,000 points checked against
 * 120-bit values is 1.04 ulp, near 1.03, where erfc's own error shows; {@code ErfTest}); float32
 * has its own evaluation in float arithmetic ({@link #erf(float)}), within 1 float ulp. Java has no
 * {@code Math.erf}.
 *
 * <p>Two branches on {@code a = |x|}, the sign restored at the end (erf is odd):
 * <ul>
 *   <li>{@code a < 1}: {@code erf(x) = x + x P(x^2)}, P of degree 13 interpolating
 *       {@code erf(x)/x - 1} at Chebyshev nodes in {@code s = x^2} (error below 2^-68);
 *       the FMA {@code x P + x} rounds once, so subnormal x are as accurate as the rest.</li>
 *   <li>{@code 1 <= a < 6}: {@code erf(a) = 1 - erfc(a)} with
 *       {@code erfc(a) = exp(-a^2) t Q(t - T_MID)}, {@code t = 2/(2 + a)} in [0.25, 2/3]
 *       (the change of variable of Numerical Recipes' erfccheb, which makes {@code erfc(a) e^(a^2) / t}
 *       smooth enough for one polynomial of degree 16, error below 2^-56 relative). {@code a^2} is split
 *       exactly into {@code h + l} with an FMA and {@code exp(-a^2) = exp(-h) (1 - l)}; {@code exp(-h)}
 *       reduces {@code -h = k ln2 + r}, {@code |r| <= ln2/2}, evaluates a degree-12 polynomial for
 *       {@code e^r} and scales by {@code 2^k} through the exponent bits. Only erf, never erfc, is
 *       returned, so erfc's relative error (a few ulp) costs erf at most erfc(1) = 0.16 times as much.</li>
 *   <li>{@code a >= 6} (and infinities): ±1, since {@code erfc(6) < 2^-54}; NaN stays NaN.</li>
 * </ul>
 * The polynomials were fitted by Chebyshev interpolation in 200-bit arithmetic (mpmath) and rounded to
 * double. Only {@code + - * /} and FMA are used, in a fixed order, so the SIMD backend's vector kernel
 * (which reads these coefficients) gives the same bits.
 */
public final class Erf {
    /** Below it the series branch, above it the erfc branch. */
    public static final double SMALL_LIMIT = 1.0;
    /** At and above it erf is ±1 in float64. */
    public static final double ONE_LIMIT = 6.0;
    /** {@code P[i]}: the coefficient of {@code s^i} in {@code erf(x)/x - 1}, {@code s = x^2}. */
    public static final double[] P = {
        0x1.06eba8214db69p-3, -0x1.812746b0379e7p-2, 0x1.ce2f21a042bdep-4, -0x1.b82ce312889bap-6,
        0x1.565bcd0e6502dp-8, -0x1.c02db3feeb579p-11, 0x1.f9a326c233146p-14, -0x1.f4d2561aeafd4p-17,
        0x1.b9e6509b9867dp-20, -0x1.5f6d925a0bc7ap-23, 0x1.fc4356498c2d9p-27, -0x1.4e607b41a6416p-30,
        0x1.7f072188e194dp-34, -0x1.29b9f1b3df556p-38,
    };
    /** The middle of t's range; Q is a polynomial in {@code t - T_MID}. */
    public static final double T_MID = 0x1.d555555555555p-2;
    /** {@code Q[i]}: the coefficient of {@code (t - T_MID)^i} in {@code erfc(a) exp(a^2) / t}. */
    public static final double[] Q = {
        0x1.eeb6bf0e7385bp-2, 0x1.4864302251b9dp-1, 0x1.13f9186f8acd4p-1, 0x1.614e9919421a9p-3,
        -0x1.2f3d272790b10p-3, -0x1.0240c6385776ep-3, 0x1.4497d0787a81cp-4, 0x1.4a5e41f4c33e8p-4,
        -0x1.350fdd3f32f35p-4, -0x1.58f6229aacdf5p-5, 0x1.562b705a9d494p-4, -0x1.f24cde97a312fp-9,
        -0x1.453a14e0a2a8ap-4, 0x1.d1719242e4411p-5, 0x1.5c10645e3883bp-5, -0x1.547c5bd871204p-4,
        0x1.37ef41fcce1d6p-6,
    };
    /** {@code E[i]}: the coefficient of {@code r^i} in {@code e^r}, {@code |r| <= ln2/2}. */
    public static final double[] E = {
        0x1.0000000000000p+0, 0x1.0000000000000p+0, 0x1.0000000000000p-1, 0x1.5555555555562p-3,
        0x1.5555555555559p-5, 0x1.111111110db6bp-7, 0x1.6c16c16c14d70p-10, 0x1.a01a01b805d39p-13,
        0x1.a01a01adc4979p-16, 0x1.71dde7623360dp-19, 0x1.27e4cc136cceep-22, 0x1.af786b6980611p-26,
        0x1.1f8b4c07a830ep-29,
    };
    public static final double LOG2E = 0x1.71547652b82fep+0;
    /** ln 2 = LN2_HI + LN2_LO to about 107 bits. */
    public static final double LN2_HI = 0x1.62e42fefa39efp-1;
    public static final double LN2_LO = 0x1.abc9e3b39803fp-56;
    /** Adding it rounds a double below 2^51 in magnitude to an integer held in the low mantissa bits. */
    public static final double ROUNDER = 0x1.8p52;

    private Erf() {
    }

    /** {@code erf(x)} in float64. */
    public static double erf(double x) {
        double a = Math.abs(x);
        if (a < SMALL_LIMIT) {
            double s = x * x;
            return Math.fma(x, horner(P, s), x);
        }
        if (!(a < ONE_LIMIT)) {
            return a == a ? Math.copySign(1.0, x) : x;
        }
        return Math.copySign(1 - erfc(a), x);
    }

    // ---------------------------------------------------------------- float32

    /** float32: below it the series branch, above it the erfc branch; |x| is clamped at 4 (erf rounds to ±1 from 3.92). */
    public static final float SMALL_LIMIT_F = 1f;
    public static final float CLAMP_F = 4f;
    /** {@code erf(x)/x - 1 = PF(x^2)} on |x| < 1, float coefficients, to 2^-29.4 of erf. */
    public static final float[] PF = {0x1.06eba8p-3f, -0x1.81273ep-2f, 0x1.ce2ce6p-4f, -0x1.b7f71ap-6f, 0x1.53f224p-8f,
        -0x1.a3515ep-11f, 0x1.4771fcp-14f};
    /** {@code erfc(a) exp(a^2) = RF(u)}, {@code u = 2/(2 + a) - 1/2}, on [1, 4], float coefficients, to 2^-33.5 of erf. */
    public static final float[] RF = {0x1.058672p-2f, 0x1.b5703p-1f, 0x1.eee98ep-1f, 0x1.43a29cp-1f, 0x1.dbe388p-5f,
        -0x1.0570b0p-2f, 0x1.c73f10p-2f, -0x1.38be8ep+1f, 0x1.271c0ep+2f};
    /** exp's steps in float (those of the SIMD backend's float32 exp): ln 2 = LN2_HI_F + LN2_LO_F, Taylor 1/2! .. 1/8!. */
    public static final float LOG2E_F = 0x1.715476p0f;
    public static final float LN2_HI_F = 0x1.62e43p-1f;
    public static final float LN2_LO_F = (float) (0x1.62e42fefa39efp-1 - 0x1.62e43p-1);
    public static final float ROUNDER_F = 0x1.8p23f;
    public static final float[] EXP_F = {1f / 2, 1f / 6, 1f / 24, 1f / 120, 1f / 720, 1f / 5040, 1f / 40320};

    /**
     * {@code erf(x)} in float32, in float arithmetic (the SIMD backend's float lanes take the same steps,
     * so both give the same bits), within 1 ulp of the exact value (every float checked).
     * {@code a = min(|x|, 4)}, the sign restored at the end:
     * <ul>
     *   <li>{@code a < 1}: {@code a + a PF(a^2)}, one FMA.</li>
     *   <li>{@code a >= 1}: {@code 1 - E}, {@code E = exp(-a^2) RF(u)} held as an unevaluated sum:
     *       {@code a^2 = h + l} exactly (FMA), {@code exp(-h)} as the float32 exp's head and low part
     *       (Cody-Waite reduction, Taylor, Fast2Sum of 1 + r) times {@code 1 - l}, {@code u} to about
     *       2^-30 (a + 2 is not always a float: summed exactly, the quotient corrected once), {@code RF}'s last
     *       addition and the product kept with their errors, and {@code 1 - Eh} summed exactly: one
     *       rounding plus a few hundredths of an ulp.</li>
     * </ul>
     */
    public static float erf(float x) {
        float a = Math.min(Math.abs(x), CLAMP_F);
        float r;
        if (a < SMALL_LIMIT_F) {
            r = Math.fma(a, hornerF(PF, 0, a * a), a);
        } else {
            float h = a * a;
            float l = Math.fma(a, a, -h);
            float q = Math.fma(-h, LOG2E_F, ROUNDER_F);
            float k = q - ROUNDER_F;
            float rh = Math.fma(k, -LN2_HI_F, -h);
            float t = k * -LN2_LO_F;
            float hi = rh + 1f;
            float sumError = 1f - hi + rh;
            float rr = rh + t;
            float r2 = Math.fma(rh, rh, rh * t * 2f);
            float rest = Math.fma(r2, hornerF(EXP_F, 0, rr), t + sumError);
            float sum = hi + rest;
            float scale = Float.intBitsToFloat((Float.floatToRawIntBits(q) - Float.floatToRawIntBits(ROUNDER_F) + 127) << 23);
            float eh = sum * scale;
            float el = Math.fma(-eh, l, (hi - sum + rest) * scale);
            // u = (2 - a) / (2 (a + 2)): 2 - a is exact, a + 2 summed exactly (TwoSum), the quotient corrected once
            float n = 2f - a;
            float dh = a + 2f;
            float bb = dh - a;
            float dl = a - (dh - bb) + (2f - bb);
            float qu = n / dh;
            float u = 0.5f * (qu + (Math.fma(-qu, dh, n) - qu * dl) / dh);
            float v = u * hornerF(RF, 1, u);
            float rhead = RF[0] + v;
            float rlow = RF[0] - rhead + v;
            float bigE = eh * rhead;
            float smallE = Math.fma(eh, rhead, -bigE) + Math.fma(eh, rlow, el * rhead);
            float s = 1f - bigE;
            r = s + (1f - s - bigE - smallE);
        }
        return Math.copySign(r, x);
    }

    /** {@code c[from] + v c[from + 1] + ...} by Horner with FMA, from the last coefficient. */
    private static float hornerF(float[] c, int from, float v) {
        float acc = c[c.length - 1];
        for (int i = c.length - 2; i >= from; i--) {
            acc = Math.fma(acc, v, c[i]);
        }
        return acc;
    }

    /** {@code erfc(a)} for {@code 1 <= a < 6}, in the order the vector kernel follows. */
    private static double erfc(double a) {
        double h = a * a;
        double l = Math.fma(a, a, -h);
        double z = -h * LOG2E + ROUNDER;
        double k = z - ROUNDER;
        double r = Math.fma(k, -LN2_HI, -h);
        r = Math.fma(k, -LN2_LO, r);
        long scaleBits = (Double.doubleToRawLongBits(z) - Double.doubleToRawLongBits(ROUNDER) + 1023) << 52;
        double e = horner(E, r) * Double.longBitsToDouble(scaleBits);
        e = Math.fma(-e, l, e);
        double t = 2 / (2 + a);
        return e * t * horner(Q, t - T_MID);
    }

    private static double horner(double[] c, double v) {
        double acc = c[c.length - 1];
        for (int i = c.length - 2; i >= 0; i--) {
            acc = Math.fma(acc, v, c[i]);
        }
        return acc;
    }
}
