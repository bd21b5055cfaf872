package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;

class IndexTest {
    private final ScalarBackend backend = new ScalarBackend();

    @Test
    void selectsSlicesAlongTheMiddleDimOfATransposedSource() {
        // x[i][j][k] = 100 i + 10 j + k for shape (2, 3, 2), stored as its (2, 2, 3) transpose
        double[] buf = new double[12];
        Layout x = new Layout(0, new int[] {2, 3, 2}, new int[] {6, 1, 3});
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 2; k++) {
                    buf[x.indexOf(i, j, k)] = 100 * i + 10 * j + k;
                }
            }
        }
        double[] out = new double[8];
        backend.indexSelect(DType.FLOAT64, buf, x, 1, new long[] {2, 0}, out, Layout.contiguous(2, 2, 2));
        assertArrayEquals(new double[] {20, 21, 0, 1, 120, 121, 100, 101}, out);
    }

    @Test
    void addsRepeatedIndicesInOrderRoundingEachSumToFloat32() {
        float[] dst = {1e8f, 0f, 7f};
        float[] src = {3f, 3f, 5f};
        backend.indexAdd(DType.FLOAT32, dst, Layout.contiguous(3), 0, new long[] {0, 0, 2}, src, Layout.contiguous(3));
        // 1e8 + 3 rounds back to 1e8 twice in float32 (ulp 8); one sum of 6 in double would give 100000008.
        assertArrayEquals(new float[] {1e8f, 0f, 12f}, dst);
    }

    @Test
    void addsColumnsIntoAStridedIntegerDestination() {
        long[] dst = new long[8];                                 // (2, 3) view with row stride 4, offset 1
        Layout dl = new Layout(1, new int[] {2, 3}, new int[] {4, 1});
        long[] src = {1, 2, 3, 4};                                // (2, 2)
        backend.indexAdd(DType.INT64, dst, dl, 1, new long[] {2, 2}, src, Layout.contiguous(2, 2));
        assertArrayEquals(new long[] {0, 0, 0, 3, 0, 0, 0, 7}, dst);
    }

    @Test
    void rejectsIndicesOutOfRangeAndMismatchedShapes() {
        float[] x = new float[3];
        float[] y = new float[2];
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> backend.indexSelect(DType.FLOAT32,
                x, Layout.contiguous(3), 0, new long[] {0, 3}, y, Layout.contiguous(2)));
        assertEquals("indexSelect: index 3 is out of range for size 3", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> backend.indexAdd(DType.FLOAT32,
                x, Layout.contiguous(3), 0, new long[] {0}, y, Layout.contiguous(2)));
        assertEquals("indexAdd: shape [2] should be [1] for 1 indices along dim 0", s.getMessage());
    }
}
