package org.vectorgrad.backend;

/**
 * The Box-Muller step of PyTorch 1.13's vectorised {@code normal_} kernel: 16 uniforms in [0, 1) become 16
 * normals in place, element {@code j} and {@code j + 8} sharing one pair ({@code u1 = 1 - d[j]} sets the
 * radius, {@code u2 = d[j + 8]} the angle; cosine goes to {@code j}, sine to {@code j + 8}).
 *
 * <p>float32 copies, operation for operation, the AVX2 build PyTorch runs on x86-64: {@code log256_ps} and
 * {@code sincos256_ps} of {@code avx_mathfun.h} (Cephes polynomials in float arithmetic). GCC compiles that
 * header with {@code -mfma} and contracts each multiply whose only use is an add into a fused multiply-add,
 * so every {@code Math.fma} below stands where the compiled code has one; with plain {@code a * b + c}
 * instead, about 1% of outputs differ in the last bit. float64 uses the scalar kernel with the platform
 * {@code log}/{@code sin}/{@code cos}; Java's differ from glibc's in the last bit for about 0.2% of inputs.
 *
 * <p>The float32 step is the reference for {@link Backend#normalBlocks}: the scalar backend runs it, the
 * SIMD backend runs the same operations on eight lanes and must give the same bits.
 *
 * <pre>{@code
 * float[] d = {...16 uniforms in [0, 1)...};
 * BoxMuller.blocks(d, 0, 1, 0f, 1f);             // d now holds 16 standard normals
 * }</pre>
 */
public final class BoxMuller {
    /** Elements a block turns into normals. */
    public static final int BLOCK = 16;
    private static final int HALF = BLOCK / 2;

    private BoxMuller() {
    }

    /** {@link #block(float[], int, float, float)} on {@code blocks} consecutive blocks from {@code offset}. */
    public static void blocks(float[] d, int offset, int blocks, float mean, float std) {
        for (int b = 0; b < blocks; b++) {
            block(d, offset + b * BLOCK, mean, std);
        }
    }

    /** One block of 16 float32 uniforms at {@code at} becomes normals times {@code std} plus {@code mean}. */
    public static void block(float[] d, int at, float mean, float std) {
        for (int j = at; j < at + HALF; j++) {
            float radius = (float) Math.sqrt(-2f * log(1f - d[j]));
            long sinCos = sinCos(TWO_PI_F * d[j + HALF]);
            d[j] = Math.fma(radius * Float.intBitsToFloat((int) sinCos), std, mean);
            d[j + HALF] = Math.fma(radius * Float.intBitsToFloat((int) (sinCos >>> 32)), std, mean);
        }
    }

    /** {@link #block(double[], int, double, double)} on {@code blocks} consecutive blocks from {@code offset}. */
    public static void blocks(double[] d, int offset, int blocks, double mean, double std) {
        for (int b = 0; b < blocks; b++) {
            block(d, offset + b * BLOCK, mean, std);
        }
    }

    /** The float64 block: double math with Java's {@code log}, {@code sin} and {@code cos}. */
    public static void block(double[] d, int at, double mean, double std) {
        for (int j = at; j < at + HALF; j++) {
            double radius = Math.sqrt(-2 * Math.log(1 - d[j]));
            double theta = 2.0 * Math.PI * d[j + HALF];
            d[j] = Math.fma(radius * Math.cos(theta), std, mean);
            d[j + HALF] = Math.fma(radius * Math.sin(theta), std, mean);
        }
    }

    // ---- avx_mathfun.h, one lane. Constants are the header's double literals rounded to float; public for the
    // ---- SIMD backend's lanes, which must use the very same ones.

    public static final float TWO_PI_F = (float) (2.0 * Math.PI);
    public static final float SQRT_HALF = (float) 0.707106781186547524;
    public static final float LOG_P0 = (float) 7.0376836292E-2;
    public static final float LOG_P1 = (float) -1.1514610310E-1;
    public static final float LOG_P2 = (float) 1.1676998740E-1;
    public static final float LOG_P3 = (float) -1.2420140846E-1;
    public static final float LOG_P4 = (float) 1.4249322787E-1;
    public static final float LOG_P5 = (float) -1.6668057665E-1;
    public static final float LOG_P6 = (float) 2.0000714765E-1;
    public static final float LOG_P7 = (float) -2.4999993993E-1;
    public static final float LOG_P8 = (float) 3.3333331174E-1;
    public static final float LOG_Q1 = (float) -2.12194440e-4;
    public static final float LOG_Q2 = 0.693359375f;

    /** {@code log256_ps}: natural log, NaN for {@code x <= 0}, denormals treated as the smallest normal. */
    static float log(float x) {
        if (!(x > 0f)) {
            return Float.NaN;
        }
        int bits = Float.floatToRawIntBits(Math.max(x, Float.MIN_NORMAL));
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        float m = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));   // in [0.5, 1)
        boolean small = m < SQRT_HALF;
        e -= small ? 1f : 0f;
        m = (m - 1f) + (small ? m : 0f);
        float z = m * m;
        float y = Math.fma(LOG_P0, m, LOG_P1);
        y = Math.fma(y, m, LOG_P2);
        y = Math.fma(y, m, LOG_P3);
        y = Math.fma(y, m, LOG_P4);
        y = Math.fma(y, m, LOG_P5);
        y = Math.fma(y, m, LOG_P6);
        y = Math.fma(y, m, LOG_P7);
        y = Math.fma(y, m, LOG_P8);
        y = Math.fma(y * m, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        return Math.fma(e, LOG_Q2, m + y);
    }

    public static final float MINUS_DP1 = -0.78515625f;
    public static final float MINUS_DP2 = (float) -2.4187564849853515625e-4;
    public static final float MINUS_DP3 = (float) -3.77489497744594108e-8;
    public static final float SIN_P0 = (float) -1.9515295891E-4;
    public static final float SIN_P1 = (float) 8.3321608736E-3;
    public static final float SIN_P2 = (float) -1.6666654611E-1;
    public static final float COS_P0 = (float) 2.443315711809948E-005;
    public static final float COS_P1 = (float) -1.388731625493765E-003;
    public static final float COS_P2 = (float) 4.166664568298827E-002;
    public static final float FOUR_OVER_PI = (float) 1.27323954473516;

    /** {@code sincos256_ps}: the bits of sin(x) in the high half, of cos(x) in the low half. */
    static long sinCos(float x) {
        int sinSign = Float.floatToRawIntBits(x) & 0x80000000;
        x = Math.abs(x);
        int octant = ((int) (x * FOUR_OVER_PI) + 1) & ~1;       // (j + 1) & ~1, cvttps truncation
        float y = octant;
        sinSign ^= (octant & 4) << 29;
        int cosSign = (~(octant - 2) & 4) << 29;
        boolean sinUsesSinPoly = (octant & 2) == 0;

        // Cody-Waite reduction: x - y * pi/4 in three pieces (fused or not, the same for angles in [0, 2pi))
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);

        float z = x * x;
        float cosPoly = Math.fma(Math.fma(COS_P0, z, COS_P1), z, COS_P2) * z;
        cosPoly = Math.fma(cosPoly, z, -(z * 0.5f)) + 1f;
        float sinPoly = Math.fma(Math.fma(SIN_P0, z, SIN_P1), z, SIN_P2) * z;
        sinPoly = Math.fma(sinPoly, x, x);

        // The header selects with masks and then adds the unselected polynomial minus itself (a zero);
        // the additions are kept because they turn a -0 into +0 exactly as the vector code does.
        float sinPart = sinUsesSinPoly ? sinPoly : 0f;
        float cosPart = sinUsesSinPoly ? 0f : cosPoly;
        float sin = cosPart + sinPart;
        float cos = (cosPoly - cosPart) + (sinPoly - sinPart);
        int sinBits = Float.floatToRawIntBits(sin) ^ sinSign;
        int cosBits = Float.floatToRawIntBits(cos) ^ cosSign;
        return ((long) sinBits << 32) | (cosBits & 0xffffffffL);
    }
}
