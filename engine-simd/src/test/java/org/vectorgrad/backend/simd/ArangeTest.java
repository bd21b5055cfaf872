package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.Tensor;
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

    /**
     * Tensor.arange's length as PyTorch 1.13's int64 one, (end - start + step - sign(step)) / step in
     * wrapping int64: torch.arange(-2**63, 2**63 - 1) and torch.arange(0, 2**63 - 1, 2**62) raise
     * "invalid size, possible overflow?" (their sums wrap negative; an empty tensor came back), while
     * torch.arange(2**63 - 1, -2**63, -2**62) is empty and torch.arange(2**63 - 2, 2**63 - 1, 5) is [2**63 - 2].
     */
    @Test
    void lengthAsPyTorchNearTheInt64Limits() {
        long max = Long.MAX_VALUE;
        long min = Long.MIN_VALUE;
        assertEquals("invalid size, possible overflow?",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(min, max, 1)).getMessage());
        assertEquals("invalid size, possible overflow?",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, max, 1L << 62)).getMessage());
        assertEquals("invalid size, possible overflow?",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(max, min, -1)).getMessage());
        assertArrayEquals(new long[0], Tensor.arange(max, min, -(1L << 62)).toLongArray());
        assertArrayEquals(new long[] {max - 1}, Tensor.arange(max - 1, max, 5).toLongArray());
        assertArrayEquals(new long[] {max - 10, max - 6, max - 2}, Tensor.arange(max - 10, max, 4).toLongArray());
        assertArrayEquals(new long[] {5, 2, -1, -4}, Tensor.arange(5, -5, -3).toLongArray());
        assertArrayEquals(new long[0], Tensor.arange(5, 5, -1).toLongArray());
        assertEquals("step must be nonzero",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 10, 0)).getMessage());
        assertEquals("upper bound and larger bound inconsistent with step sign",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 10, -1)).getMessage());
    }
}
