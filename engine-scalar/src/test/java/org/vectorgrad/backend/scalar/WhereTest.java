package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;

class WhereTest {
    private final ScalarBackend backend = new ScalarBackend();

    @Test
    void picksWithoutArithmeticSoInfinitiesAndNaNSurvive() {
        boolean[] cond = {true, false, true, false};
        float[] a = {Float.POSITIVE_INFINITY, 1, Float.NaN, 2};
        float[] b = {Float.NEGATIVE_INFINITY, -0f, 5, Float.NaN};
        float[] out = new float[4];
        Layout l = Layout.contiguous(4);
        backend.where(DType.FLOAT32, cond, l, a, l, b, l, out, l);
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, -0f, Float.NaN, Float.NaN}, out);
    }

    @Test
    void broadcastConditionAndTransposedOperand() {
        boolean[] cond = {true, false};                                     // a column, broadcast over 3 columns
        Layout cl = new Layout(0, new int[] {2, 3}, new int[] {1, 0});
        long[] a = {0, 1, 2, 3, 4, 5};                                      // read transposed: shape (2, 3)
        Layout al = new Layout(0, new int[] {2, 3}, new int[] {1, 2});
        long[] b = {-7};
        Layout bl = new Layout(0, new int[] {2, 3}, new int[] {0, 0});
        long[] out = new long[6];
        backend.where(DType.INT64, cond, cl, a, al, b, bl, out, Layout.contiguous(2, 3));
        assertArrayEquals(new long[] {0, 2, 4, -7, -7, -7}, out);
    }
}
