package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.FloorDivision;

/**
 * float32 floor division in double lanes gives the reference's bits ({@link FloorDivision}, PyTorch's
 * div_floor_floating step by step) for every kind of operand: quotients near and across integers up to
 * and beyond the lanes' 2^20 limit, zeros of both signs, infinities, NaN, subnormals, divisors of every
 * magnitude, as full vectors, broadcast operands and tails; run often enough for C2 to compile the loop.
 */
class FloorDivideLanesTest {
    private static final int N = 1 << 16;
    private static final float[] SPECIAL = {0f, -0f, 1f, -1f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f, -0.1f, 3f, -3f,
            0x1p24f, 0x1p23f, 0x1.fffffep23f, 0x1p-126f, 0x1.8p-140f, 5f, 1e-30f, 1e30f};

    @Test
    void lanesGiveTheReferenceBits() {
        ElementwiseKernels.F2 k = ElementwiseKernels.binaryF(BinaryOp.FLOOR_DIVIDE);
        float[] c = new float[N];
        for (long seed = 0; seed < 40; seed++) {
            float[][] ab = operands(new SplittableRandom(seed), (int) (seed % 5));
            float[] a = ab[0];
            float[] b = ab[1];
            int n = N - (int) (seed % 13);   // tails of every length below a vector
            ElementwiseKernels.run(k, a, 0, 1, b, 0, 1, c, 0, n);
            for (int i = 0; i < n; i++) {
                assertBits(a[i], b[i], c[i]);
            }
            int at = (int) (seed * 977 % N);
            ElementwiseKernels.run(k, a, 0, 1, b, at, 0, c, 0, n);   // a row over one divisor
            for (int i = 0; i < n; i++) {
                assertBits(a[i], b[at], c[i]);
            }
            ElementwiseKernels.run(k, a, at, 0, b, 0, 1, c, 0, n);   // one dividend over a row
            for (int i = 0; i < n; i++) {
                assertBits(a[at], b[i], c[i]);
            }
        }
    }

    @Test
    void valuesPyTorchPrints() {
        // torch.tensor(a).floor_divide(torch.tensor(b)) printed by PyTorch 1.13, float32
        float[] a = {5f, -5f, 7f, -7f, -0f, 0f, 1f, -1f, 2f, 0f, -2f, 1e20f, 3f, -3f, 3f, 3f};
        float[] b = {0.1f, 0.1f, -2f, -2f, 3f, -3f, 0f, 0f, Float.POSITIVE_INFINITY, 0f, Float.POSITIVE_INFINITY, 3f, 2f, 2f, -2f, 1.5f};
        float[] want = {49f, -50f, -4f, 3f, -0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, Float.NaN, -1f,
                (float) 3.3333333268354826e19, 1f, -2f, -2f, 2f};
        float[] c = new float[a.length];
        ElementwiseKernels.run(ElementwiseKernels.binaryF(BinaryOp.FLOOR_DIVIDE), a, 0, 1, b, 0, 1, c, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Float.floatToIntBits(want[i]), Float.floatToIntBits(c[i]), a[i] + " // " + b[i]);
        }
    }

    private static void assertBits(float a, float b, float got) {
        float want = FloorDivision.of(a, b);
        if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(got)) {
            assertEquals(want, got, a + " // " + b + " (bits " + Integer.toHexString(Float.floatToRawIntBits(a)) + ", "
                    + Integer.toHexString(Float.floatToRawIntBits(b)) + ")");
            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), a + " // " + b);
        }
    }

    /** Operand pairs of one kind: 0 any bits, 1 quotients near integers, 2 near multiples by one ulp, 3 huge quotients, 4 specials mixed in. */
    private static float[][] operands(SplittableRandom r, int kind) {
        float[] a = new float[N];
        float[] b = new float[N];
        for (int i = 0; i < N; i++) {
            float y = switch (kind) {
                case 0 -> Float.intBitsToFloat(r.nextInt());
                case 3 -> Float.intBitsToFloat(r.nextInt()) * 1e-20f;
                default -> (float) (r.nextDouble(-8, 8) * Math.pow(2, r.nextInt(-140, 100)));
            };
            float q = (float) Math.scalb(r.nextDouble(-2, 2), r.nextInt(0, 27));
            float x = switch (kind) {
                case 0 -> Float.intBitsToFloat(r.nextInt());
                case 1 -> (float) (Math.rint(q) * y) + (float) (r.nextDouble(-2, 2) * y);
                case 2 -> {
                    float m = (float) Math.rint(q) * y;
                    yield r.nextBoolean() ? Math.nextUp(m) : r.nextBoolean() ? Math.nextDown(m) : m;
                }
                case 3 -> Float.intBitsToFloat(r.nextInt());
                default -> r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : q * y;
            };
            if (kind == 4 && r.nextInt(4) == 0) {
                y = SPECIAL[r.nextInt(SPECIAL.length)];
            }
            a[i] = x;
            b[i] = y;
        }
        return new float[][] {a, b};
    }
}
