package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.BinaryOp;

/**
 * float32 pow ({@link ElementwiseKernels#powF}) against the exact value: Math.pow of the widened
 * arguments (within 1 double ulp, 2^-29 of a float ulp), the error measured in ulps of the float result
 * (2^-149 among subnormals). Pairs are drawn so that most results are finite and nonzero (|b log|a||
 * below 104), every float exponent of a and many of b; negative bases with integral exponents; an
 * exponent broadcast against a row. {@code -DpowAccuracy.pairs=N} runs a denser sample (the README's
 * figure); the default run checks 2^20 pairs.
 */
class PowAccuracyTest {
    private static final int PAIRS = Integer.getInteger("powAccuracy.pairs", 1 << 20);
    /** The kernel rounds once a value within about 2^-36 of the exact one. */
    private static final double BOUND = 0.501;

    @Test
    void randomPairsAreWithinHalfAnUlpAndALittleOfTheExactValue() {
        SplittableRandom r = new SplittableRandom(15);
        int chunk = 1 << 16;
        float[] a = new float[chunk];
        float[] b = new float[chunk];
        float[] c = new float[chunk];
        Worst worst = new Worst();
        for (int done = 0; done < PAIRS; done += chunk) {
            for (int i = 0; i < chunk; i++) {
                a[i] = Float.intBitsToFloat(r.nextInt(0x7f800000));   // any positive finite float, subnormals too
                double l = Math.abs(Math.log(a[i]));
                b[i] = switch (i % 4) {
                    case 0 -> (float) r.nextDouble(-104 / Math.max(l, 1e-30), 104 / Math.max(l, 1e-30));
                    case 1 -> (float) r.nextDouble(-8, 8);
                    case 2 -> (float) r.nextInt(-40, 40);
                    default -> Float.intBitsToFloat(r.nextInt(0x7f800000)) * (r.nextBoolean() ? 1 : -1);
                };
                if (i % 4 == 2 && r.nextBoolean()) {
                    a[i] = -a[i];   // integral exponent: C's sign rule
                }
            }
            ElementwiseKernels.run(ElementwiseKernels.binaryF(BinaryOp.POW), a, 0, 1, b, 0, 1, c, 0, chunk);
            for (int i = 0; i < chunk; i++) {
                worst.add(a[i], b[i], c[i]);
            }
        }
        System.out.println(worst.describe("random pairs"));
        assertTrue(worst.max <= BOUND, worst.describe("random pairs"));
    }

    @Test
    void everySixtyFourthFloatInOneToFourToBroadcastExponents() {
        int n = (Float.floatToIntBits(4f) - Float.floatToIntBits(1f)) / 64;
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(Float.floatToIntBits(1f) + 64 * i + (i & 63));
        }
        float[] c = new float[n];
        Worst worst = new Worst();
        for (float e : new float[] {2.5f, -1.5f, 0.3333333f, 7.1f, -75.2f, 63.99f, 1e-3f, 1.0000001f}) {
            ElementwiseKernels.run(ElementwiseKernels.binaryF(BinaryOp.POW), a, 0, 1, new float[] {e}, 0, 0, c, 0, n);
            for (int i = 0; i < n; i++) {
                worst.add(a[i], e, c[i]);
            }
        }
        System.out.println(worst.describe("[1, 4) to broadcast exponents"));
        assertTrue(worst.max <= BOUND, worst.describe("[1, 4) to broadcast exponents"));
    }

    @Test
    void knownValues() {
        // PyTorch 1.13, torch.tensor(a).pow(torch.tensor(b)), printed with numpy.float32
        float[] a = {2f, 10f, 0.5f, 3f, -2f, 1e-20f, 0f, -0f, Float.POSITIVE_INFINITY, -1f, Float.NaN, 1f};
        float[] b = {2.5f, -1.5f, 0.3333333f, 7.1f, 3f, 0.5f, -1f, -3f, -0.5f, Float.NEGATIVE_INFINITY, 0f, Float.NaN};
        float[] want = {5.656854f, 0.031622775f, 0.7937005f, 2440.9612f, -8f, 1e-10f, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, 0f, 1f, 1f, 1f};
        float[] c = new float[a.length];
        ElementwiseKernels.run(ElementwiseKernels.binaryF(BinaryOp.POW), a, 0, 1, b, 0, 1, c, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(want[i], c[i], "pow(" + a[i] + ", " + b[i] + ")");
        }
    }

    /** The largest error seen, in float ulps of the exact value. */
    private static final class Worst {
        double max;
        float atA;
        float atB;
        long count;

        void add(float a, float b, float got) {
            double exact = Math.pow(a, b);
            count++;
            if (Double.isNaN(exact) || Double.isInfinite(exact) || Math.abs(exact) > Float.MAX_VALUE) {
                if (Float.floatToIntBits(got) != Float.floatToIntBits((float) exact)) {
                    max = Double.POSITIVE_INFINITY;
                    atA = a;
                    atB = b;
                }
                return;
            }
            double err = Math.abs(got - exact) / Math.scalb(1.0, Math.max(Math.getExponent(exact), Float.MIN_EXPONENT) - 23);
            if (err > max) {
                max = err;
                atA = a;
                atB = b;
            }
        }

        String describe(String what) {
            return String.format(Locale.ROOT, "float32 pow, %s: %d pairs, max error %.4f ulp at pow(%s, %s)", what, count, max,
                    Float.toString(atA), Float.toString(atB));
        }
    }
}
