package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.vectorgrad.backend.scalar.Layouts.dense;
import static org.vectorgrad.backend.scalar.Layouts.rowBroadcast;
import static org.vectorgrad.backend.scalar.Layouts.stepped;
import static org.vectorgrad.backend.scalar.Layouts.transposed;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;

class CopyFillTest {
    private final Backend backend = new ScalarBackend();

    private void copy(DType from, Object src, DType to, Object dst, int n) {
        backend.copy(from, src, dense(n), to, dst, dense(n));
    }

    @Test
    void floatToIntegerTruncatesTowardZero() {
        float[] x = {2.7f, -2.7f, 0.5f, -0.5f, 1e9f};
        int[] y = new int[5];
        copy(DType.FLOAT32, x, DType.INT32, y, 5);
        assertArrayEquals(new int[] {2, -2, 0, 0, 1000000000}, y);
    }

    /** Undefined in C; Java's casts give 0 for NaN and saturate (PyTorch on x86 gives the minimum). */
    @Test
    void nanAndOutOfRangeFloatToIntegerFollowJavaCasts() {
        double[] x = {Double.NaN, 1e20, -1e20};
        long[] y = new long[3];
        copy(DType.FLOAT64, x, DType.INT64, y, 3);
        assertArrayEquals(new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE}, y);
    }

    /** From PyTorch: [nan, 0., -0., 0.1].to(bool) = [True, False, False, True]. */
    @Test
    void toBoolIsNonZero() {
        float[] x = {Float.NaN, 0f, -0f, 0.1f};
        boolean[] y = new boolean[4];
        copy(DType.FLOAT32, x, DType.BOOL, y, 4);
        assertArrayEquals(new boolean[] {true, false, false, true}, y);
        long[] ints = {0, -3, Long.MIN_VALUE};
        boolean[] z = new boolean[3];
        copy(DType.INT64, ints, DType.BOOL, z, 3);
        assertArrayEquals(new boolean[] {false, true, true}, z);
    }

    @Test
    void boolToNumbers() {
        boolean[] x = {true, false};
        double[] y = new double[2];
        copy(DType.BOOL, x, DType.FLOAT64, y, 2);
        assertArrayEquals(new double[] {1, 0}, y);
        int[] z = new int[2];
        copy(DType.BOOL, x, DType.INT32, z, 2);
        assertArrayEquals(new int[] {1, 0}, z);
    }

    /** From PyTorch: int64 [-2147483648, 4294967297].to(int32) = [-2147483648, 1]. */
    @Test
    void int64ToInt32KeepsLowBits() {
        long[] x = {Integer.MIN_VALUE, 4294967297L};
        int[] y = new int[2];
        copy(DType.INT64, x, DType.INT32, y, 2);
        assertArrayEquals(new int[] {Integer.MIN_VALUE, 1}, y);
    }

    @Test
    void int64ToFloat32RoundsOnce() {
        // Half a float ulp above 2^62, plus 1: rounds up directly, but through double it would first
        // round to exactly half an ulp and then tie to even (down).
        long x = (1L << 62) + (1L << 38) + 1;
        assertNotEquals((float) x, (float) (double) x);
        float[] y = new float[1];
        copy(DType.INT64, new long[] {x}, DType.FLOAT32, y, 1);
        assertArrayEquals(new float[] {(float) x}, y);
    }

    @Test
    void float64ToFloat32Rounds() {
        float[] y = new float[3];
        copy(DType.FLOAT64, new double[] {0.1, 1e300, -0.0}, DType.FLOAT32, y, 3);
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY, -0f}, y);
    }

    @Test
    void transposedSourceMakesContiguousCopy() {
        int[] x = {1, 2, 3, 4, 5, 6};
        long[] y = new long[6];
        backend.copy(DType.INT32, x, transposed(2, 3), DType.INT64, y, dense(3, 2));
        assertArrayEquals(new long[] {1, 4, 2, 5, 3, 6}, y);
    }

    @Test
    void steppedSourceIntoSteppedDestination() {
        double[] x = {1.5, 0, 2.5, 0, 3.5};
        float[] y = {9, 9, 9, 9, 9, 9, 9, 9, 9};
        backend.copy(DType.FLOAT64, x, stepped(0, 3, 2), DType.FLOAT32, y, stepped(2, 3, 3));
        assertArrayEquals(new float[] {9, 9, 1.5f, 9, 9, 2.5f, 9, 9, 3.5f}, y);
    }

    @Test
    void broadcastSourceIntoDenseDestination() {
        float[] row = {1, 2, 3};
        float[] y = new float[9];
        backend.copy(DType.FLOAT32, row, rowBroadcast(3, 3), DType.FLOAT32, y, dense(3, 3));
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 1, 2, 3}, y);
    }

    @Test
    void copyOntoItselfKeepsValues() {
        int[] x = {3, -1, 4, -1, 5};
        Layout view = stepped(1, 2, 2);
        backend.copy(DType.INT32, x, view, DType.INT32, x, view);
        assertArrayEquals(new int[] {3, -1, 4, -1, 5}, x);
    }

    @Test
    void fillConvertsTheValue() {
        float[] f = new float[3];
        backend.fill(DType.FLOAT32, f, dense(3), 0.1);
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f}, f);
        int[] i = new int[2];
        backend.fill(DType.INT32, i, dense(2), -3.9);
        assertArrayEquals(new int[] {-3, -3}, i);
        boolean[] b = new boolean[2];
        backend.fill(DType.BOOL, b, dense(2), 2);
        assertArrayEquals(new boolean[] {true, true}, b);
        backend.fill(DType.BOOL, b, dense(2), 0);
        assertArrayEquals(new boolean[] {false, false}, b);
    }

    @Test
    void fillTouchesOnlyTheView() {
        long[] x = new long[9];
        Layout lowerRightOf3x3 = new Layout(4, new int[] {2, 2}, new int[] {3, 1});
        backend.fill(DType.INT64, x, lowerRightOf3x3, 7);
        assertArrayEquals(new long[] {0, 0, 0, 0, 7, 7, 0, 7, 7}, x);
        double[] y = new double[5];
        backend.fill(DType.FLOAT64, y, stepped(1, 2, 2), Double.NaN);
        assertArrayEquals(new double[] {0, Double.NaN, 0, Double.NaN, 0}, y);
    }
}
