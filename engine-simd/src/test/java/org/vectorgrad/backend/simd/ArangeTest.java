package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.scalar.ScalarBackend;

/** int64 arange: hand-written values, wrapping as C's int64_t, and the vector loop against the scalar one. */
class ArangeTest {
    private static final Backend SIMD = new SimdBackend();
    private static final Backend SCALAR = new ScalarBackend();

    @Test
    void valuesFromTheOffset() {
        for (Backend b : new Backend[] {SIMD, SCALAR}) {
            long[] y = new long[12];
            b.arange(y, 2, 10, 5, -3);
            assertArrayEquals(new long[] {0, 0, 5, 2, -1, -4, -7, -10, -13, -16, -19, -22}, y);
            long[] w = new long[3];
            b.arange(w, 0, 3, Long.MAX_VALUE - 1, 1);   // wraps past the largest int64, as PyTorch's
            assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MIN_VALUE}, w);
        }
    }

    @Test
    void sameAsScalarForEveryTail() {
        for (int n : new int[] {0, 1, 3, 7, 8, 9, 17, 100, 65536}) {
            for (long[] r : new long[][] {{0, 1}, {-7, 3}, {1L << 40, -(1L << 33)}, {Long.MIN_VALUE, Long.MAX_VALUE / 5}}) {
                long[] a = new long[n + 1];
                long[] b = new long[n + 1];
                SCALAR.arange(a, 1, n, r[0], r[1]);
                SIMD.arange(b, 1, n, r[0], r[1]);
                assertArrayEquals(a, b, "n=" + n);
            }
        }
    }
}
