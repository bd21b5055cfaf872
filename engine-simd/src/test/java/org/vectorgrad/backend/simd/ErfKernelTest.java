package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.UnaryOp;
import org.vectorgrad.backend.scalar.Erf;

/**
 * The vector erf gives the scalar backend's bits ({@link Erf}, whose accuracy its own test checks) for
 * every element, in both branches, vectors mixing them, special values and row tails.
 */
class ErfKernelTest {
    private static final double[] SPECIAL = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_NORMAL, 1e-300, 0.5, 0.999999,
        1.0, -1.0, 1.0000001, 2.5, -3.9, 5.999999, 6.0, -6.0, 27.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NaN};

    private static double[] inputs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i < SPECIAL.length ? SPECIAL[i] : switch (i % 4) {
                case 0 -> r.nextDouble(-7, 7);
                case 1 -> r.nextDouble(-1.2, 1.2);
                case 2 -> r.nextGaussian();
                default -> Math.scalb(r.nextDouble(-1, 1), -r.nextInt(1070));
            };
        }
        return x;
    }

    @Test
    void float64LanesGiveTheScalarBits() {
        for (int n : new int[] {1, 3, 7, 20, 1001, 20_000}) {
            double[] x = inputs(n, n);
            double[] y = new double[n + 2];
            ElementwiseKernels.unary(UnaryOp.ERF, x, 0, y, 1, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToLongBits(Erf.erf(x[i])), Double.doubleToLongBits(y[i + 1]), "erf(" + x[i] + ")");
            }
            assertEquals(0.0, y[0]);
            assertEquals(0.0, y[n + 1]);
        }
    }

    @Test
    void float32LanesGiveTheScalarBits() {
        for (int n : new int[] {1, 5, 17, 300, 20_000}) {
            double[] wide = inputs(n, 31 * n);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) wide[i];
            }
            float[] y = new float[n];
            ElementwiseKernels.unary(UnaryOp.ERF, x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(Erf.erf(x[i])), Float.floatToIntBits(y[i]), "erf(" + x[i] + "f)");
            }
        }
    }
}
