package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link FloorDivide#fmod(float, float)} against Java's {@code %}, which is C's fmod, bit for bit. */
class FloorDivideTest {
    private static void same(float a, float b) {
        assertEquals(Float.floatToRawIntBits(a % b), Float.floatToRawIntBits(FloorDivide.fmod(a, b)), a + " fmod " + b);
    }

    @Test
    void randomBitPatternsGiveJavasRemainder() {
        SplittableRandom r = new SplittableRandom(15);
        for (int i = 0; i < 2_000_000; i++) {
            same(Float.intBitsToFloat(r.nextInt()), Float.intBitsToFloat(r.nextInt()));
        }
    }

    /** Quotients within rounding of an integer, where trunc(a / b) in double can be one off. */
    @Test
    void nearIntegerQuotientsGiveJavasRemainder() {
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 2_000_000; i++) {
            float b = (float) (r.nextDouble(-4, 4) * Math.scalb(1.0, r.nextInt(-30, 30)));
            long q = r.nextLong(1, 1L << r.nextInt(1, 26));
            float a = (float) (q * (double) b);
            float below = Math.nextDown(Math.nextDown(a));
            for (int k = 0; k < 5; k++, below = Math.nextUp(below)) {
                same(below, b);
                same(-below, b);
                same(below, -b);
            }
        }
    }

    @Test
    void specialValuesGiveJavasRemainder() {
        float[] v = {0f, -0f, 1f, -1f, 0.1f, 5f, -5f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 0x1p24f, 0x1p24f + 2, 3e-39f, 16777215f};
        for (float a : v) {
            for (float b : v) {
                same(a, b);
            }
        }
    }

    @Test
    void floorDivisionFollowsPyTorch() {
        // torch.tensor([5.0, -5.0, 7.5, -7.5]) // torch.tensor([0.1, 2.0, -2.0, 0.0]) in float32
        assertEquals(49f, FloorDivide.of(5f, 0.1f));
        assertEquals(-3f, FloorDivide.of(-5f, 2f));
        assertEquals(-4f, FloorDivide.of(7.5f, -2f));
        assertEquals(Float.NEGATIVE_INFINITY, FloorDivide.of(-7.5f, 0f));
    }
}
