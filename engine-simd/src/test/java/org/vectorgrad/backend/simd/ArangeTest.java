package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
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

    /**
     * torch.arange over reals, bit for bit: torch.arange(-3.3, 7.9, 0.37, dtype=torch.float64) (15 of its 31
     * values differ in the last bit from -3.3 + i * 0.37) and samples of torch.arange(5, -7.7, -0.013).
     */
    @Test
    void realsWithPyTorchsBits() {
        long[] f64 = {0xc00a666666666666L, 0xc00770a3d70a3d70L, 0xc0047ae147ae147aL, 0xc001851eb851eb85L,
            0xbffd1eb851eb851eL, 0xbff7333333333332L, 0xbff147ae147ae147L, 0xbfe6b851eb851eb7L, 0xbfd5c28f5c28f5c0L,
            0x3f9eb851eb851ee0L, 0x3fd999999999999cL, 0x3fe8a3d70a3d70a5L, 0x3ff23d70a3d70a3eL, 0x3ff828f5c28f5c2aL,
            0x3ffe147ae147ae15L, 0x4002000000000000L, 0x4004f5c28f5c28f6L, 0x4007eb851eb851ecL, 0x400ae147ae147ae2L,
            0x400dd70a3d70a3d7L, 0x4010666666666666L, 0x4011e147ae147ae1L, 0x40135c28f5c28f5cL, 0x4014d70a3d70a3d7L,
            0x401651eb851eb852L, 0x4017cccccccccccdL, 0x401947ae147ae148L, 0x401ac28f5c28f5c3L, 0x401c3d70a3d70a3eL,
            0x401db851eb851eb8L, 0x401f333333333333L};
        double[] d = Tensor.arange(DType.FLOAT64, -3.3, 7.9, 0.37).toDoubleArray();
        assertEquals(f64.length, d.length);
        for (int i = 0; i < d.length; i++) {
            assertEquals(f64[i], Double.doubleToRawLongBits(d[i]), "element " + i);
        }
        double[] f = Tensor.arange(5, -7.7, -0.013).toDoubleArray();
        assertEquals(977, f.length);
        int[] at = {0, 1, 7, 8, 100, 500, 975, 976};
        int[] bits = {1084227584, 1084200321, 1084036743, 1084009480, 1080872141, -1077936128, -1057646182, -1057618919};
        for (int k = 0; k < at.length; k++) {
            assertEquals(bits[k], Float.floatToRawIntBits((float) f[at[k]]), "element " + at[k]);
        }
        assertEquals(0, Double.doubleToRawLongBits(Tensor.arange(DType.FLOAT64, -0.0, 1, 0.5).toDoubleArray()[0]), "+0.0 as fma(step, 0, -0.0)");
        assertEquals("step must be nonzero",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 1, Double.NaN)).getMessage());
        assertEquals("invalid size, possible overflow?",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 1e300, 1e-300)).getMessage());
    }

    /**
     * torch.arange into integers: start, end and step truncated to int64, the length from those for int64
     * and from the doubles for int32 (torch 1.13: arange(0, 5, 1.5, dtype=int64) [0, 1, 2, 3, 4], int32
     * [0, 1, 2, 3]; arange(0, 5.5, 1, dtype=int32) [0 .. 5]), a step truncated to 0 and bool raising.
     */
    @Test
    void integersAsPyTorch() {
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, Tensor.arange(DType.INT64, 0, 5, 1.5).toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 3}, Tensor.arange(DType.INT32, 0, 5, 1.5).to(DType.INT64).toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, Tensor.arange(DType.INT64, 0, 5.5, 1).toLongArray());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5}, Tensor.arange(DType.INT32, 0, 5.5, 1).to(DType.INT64).toLongArray());
        assertArrayEquals(new long[] {0, -1, -2, -3, -4}, Tensor.arange(DType.INT32, -0.5, -5.5, -1.2).to(DType.INT64).toLongArray());
        assertEquals("step must be nonzero",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(DType.INT32, 0, 5, 0.5)).getMessage());
        assertEquals("\"arange_cpu\" not implemented for 'Bool'",
                assertThrows(IllegalArgumentException.class, () -> Tensor.arange(DType.BOOL, 0, 3, 1)).getMessage());
    }
}
