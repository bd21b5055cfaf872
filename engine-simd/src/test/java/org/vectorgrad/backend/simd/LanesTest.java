package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * {@link Lanes} combines lanes in exactly the documented pairwise order, whatever the JIT has done:
 * each case is checked against the same tree written with scalars, on values where the order shows
 * (large terms that cancel beside small ones), 20,000 times so that the later calls run compiled.
 */
class LanesTest {

    /** The halving shuffles, built from their indices, are the ones {@code VectorShuffle.iota} makes. */
    @Test
    void halvesAreTheWrappedIotaShuffles() {
        for (VectorSpecies<?> s : new VectorSpecies<?>[] {ElementwiseKernels.FS, ElementwiseKernels.DS}) {
            VectorShuffle<?>[] halves = Lanes.halves(s);
            assertEquals(Integer.numberOfTrailingZeros(s.length()), halves.length, s.toString());
            for (int k = 0; k < halves.length; k++) {
                int[] expected = VectorShuffle.iota(s, s.length() >> (k + 1), 1, true).toArray();
                assertArrayEquals(expected, halves[k].toArray(), s + " level " + k);
                assertEquals(s.length() >> (k + 1), halves[k].toArray()[0], s + " level " + k);
            }
        }
    }

    @Test
    void sumsAndProductsFollowThePairwiseTree() {
        SplittableRandom r = new SplittableRandom(10);
        for (int k = 0; k < 20_000; k++) {
            float[] f = new float[ElementwiseKernels.FL];
            double[] d = new double[ElementwiseKernels.DL];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (r.nextBoolean() ? r.nextDouble(-1e8, 1e8) : r.nextDouble(-1, 1));
            }
            for (int i = 0; i < d.length; i++) {
                d[i] = r.nextBoolean() ? r.nextDouble(-1e17, 1e17) : r.nextDouble(-1, 1);
            }
            FloatVector fv = FloatVector.fromArray(ElementwiseKernels.FS, f, 0);
            DoubleVector dv = DoubleVector.fromArray(ElementwiseKernels.DS, d, 0);
            assertEquals(Float.floatToRawIntBits(tree(f, false)), Float.floatToRawIntBits(Lanes.sum(fv)), "sum " + k);
            assertEquals(Double.doubleToRawLongBits(tree(d, false)), Double.doubleToRawLongBits(Lanes.sum(dv)), "sum " + k);
            fv = fv.div(1e4f);
            for (int i = 0; i < f.length; i++) {
                f[i] /= 1e4f;
            }
            assertEquals(Float.floatToRawIntBits(tree(f, true)), Float.floatToRawIntBits(Lanes.product(fv)), "product " + k);
            assertEquals(Double.doubleToRawLongBits(tree(d, true)), Double.doubleToRawLongBits(Lanes.product(dv)), "product " + k);
        }
    }

    /** Lane i takes lane i + h for h = L/2, L/4, ..., 1; the answer is lane 0. */
    private static float tree(float[] lanes, boolean multiply) {
        float[] v = lanes.clone();
        for (int h = v.length / 2; h > 0; h /= 2) {
            for (int i = 0; i < h; i++) {
                v[i] = multiply ? v[i] * v[i + h] : v[i] + v[i + h];
            }
        }
        return v[0];
    }

    private static double tree(double[] lanes, boolean multiply) {
        double[] v = lanes.clone();
        for (int h = v.length / 2; h > 0; h /= 2) {
            for (int i = 0; i < h; i++) {
                v[i] = multiply ? v[i] * v[i + h] : v[i] + v[i + h];
            }
        }
        return v[0];
    }
}
