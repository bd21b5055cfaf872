package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.scalar.ScalarBackend;

/** masked_select's picks: hand-written positions, and the vector compress against the scalar loop. */
class TrueIndicesTest {
    private static final Backend SIMD = new SimdBackend();
    private static final Backend SCALAR = new ScalarBackend();

    @Test
    void positionsOfTheTrueElementsFromTheOffset() {
        boolean[] m = new boolean[40];
        int[] on = {2, 3, 5, 17, 18, 31, 32, 39};
        for (int i : on) {
            m[i] = true;
        }
        for (Backend b : new Backend[] {SIMD, SCALAR}) {
            assertArrayEquals(new long[] {0, 1, 3, 15, 16, 29, 30, 37}, b.trueIndices(m, 2, 38));
            assertArrayEquals(new long[] {0, 1, 3, 15, 16}, b.trueIndices(m, 2, 17));
            assertArrayEquals(new long[0], b.trueIndices(m, 6, 11));
            assertArrayEquals(new long[0], b.trueIndices(m, 40, 0));
        }
    }

    @Test
    void sameAsScalarForEveryDensityAndTail() {
        SplittableRandom r = new SplittableRandom(15);
        for (int n : new int[] {1, 7, 8, 9, 63, 64, 65, 130, 1000, 4099, 65536}) {
            for (double p : new double[] {0, 0.03, 0.5, 0.97, 1}) {
                boolean[] m = new boolean[n + 5];
                for (int i = 0; i < m.length; i++) {
                    m[i] = r.nextDouble() < p;
                }
                for (int offset : new int[] {0, 5}) {
                    assertArrayEquals(SCALAR.trueIndices(m, offset, n), SIMD.trueIndices(m, offset, n), "n=" + n + " p=" + p);
                }
            }
        }
    }
}
