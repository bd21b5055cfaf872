package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.vectorgrad.backend.scalar.Layouts.dense;
import static org.vectorgrad.backend.scalar.Layouts.rowBroadcast;
import static org.vectorgrad.backend.scalar.Layouts.stepped;
import static org.vectorgrad.backend.scalar.Layouts.transposed;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;

class BinaryOpsTest {
    private static final float NAN = Float.NaN;

    private final Backend backend = new ScalarBackend();

    private float[] float32(BinaryOp op, float[] a, float[] b) {
        float[] out = new float[a.length];
        backend.binary(op, DType.FLOAT32, a, dense(a.length), b, dense(b.length), out, dense(a.length));
        return out;
    }

    private long[] int64(BinaryOp op, long[] a, long[] b) {
        long[] out = new long[a.length];
        backend.binary(op, DType.INT64, a, dense(a.length), b, dense(b.length), out, dense(a.length));
        return out;
    }

    private boolean[] bools(BinaryOp op, DType dtype, Object a, Object b, int n) {
        boolean[] out = new boolean[n];
        backend.binary(op, dtype, a, dense(n), b, dense(n), out, dense(n));
        return out;
    }

    @Test
    void float32ArithmeticIsBitIdenticalToJavaOperators() {
        Random r = new Random(11);
        int n = 2000;
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = Float.intBitsToFloat(r.nextInt());   // every finite, subnormal, infinite and NaN pattern
            b[i] = i % 3 == 0 ? (float) r.nextGaussian() : Float.intBitsToFloat(r.nextInt());
        }
        float[] add = float32(BinaryOp.ADD, a, b);
        float[] sub = float32(BinaryOp.SUB, a, b);
        float[] mul = float32(BinaryOp.MUL, a, b);
        float[] div = float32(BinaryOp.DIV, a, b);
        for (int i = 0; i < n; i++) {
            assertEquals(a[i] + b[i], add[i]);
            assertEquals(a[i] - b[i], sub[i]);
            assertEquals(a[i] * b[i], mul[i]);
            assertEquals(a[i] / b[i], div[i]);
        }
    }

    @Test
    void float64ArithmeticIsJavaArithmetic() {
        double[] a = {0.1, -0.0, 1e308, Double.NaN, 3};
        double[] b = {0.2, 0.0, 10, 1, 0};
        double[] out = new double[5];
        backend.binary(BinaryOp.ADD, DType.FLOAT64, a, dense(5), b, dense(5), out, dense(5));
        assertArrayEquals(new double[] {0.1 + 0.2, 0.0, 1e308 + 10, Double.NaN, 3}, out);
        backend.binary(BinaryOp.MUL, DType.FLOAT64, a, dense(5), b, dense(5), out, dense(5));
        assertArrayEquals(new double[] {0.1 * 0.2, -0.0, Double.POSITIVE_INFINITY, Double.NaN, 0}, out);
        backend.binary(BinaryOp.DIV, DType.FLOAT64, a, dense(5), b, dense(5), out, dense(5));
        assertArrayEquals(new double[] {0.1 / 0.2, Double.NaN, 1e308 / 10, Double.NaN, Double.POSITIVE_INFINITY}, out);
    }

    /** torch.pow([2., -3., 0.], [0.5, 3., -1.]) = [1.4142, -27., inf]. */
    @Test
    void floatPow() {
        assertArrayEquals(new float[] {(float) Math.sqrt(2), -27f, Float.POSITIVE_INFINITY, NAN, 1f},
                float32(BinaryOp.POW, new float[] {2, -3, 0, -8, NAN}, new float[] {0.5f, 3, -1, 1f / 3, 0}));
    }

    @Test
    void maximumAndMinimumPropagateNaN() {
        float[] a = {1, NAN, 2, -0f, 5};
        float[] b = {NAN, 1, 3, 0f, -5};
        assertArrayEquals(new float[] {NAN, NAN, 3, 0f, 5}, float32(BinaryOp.MAXIMUM, a, b));
        assertArrayEquals(new float[] {NAN, NAN, 2, -0f, -5}, float32(BinaryOp.MINIMUM, a, b));
    }

    @Test
    void comparisonsWithNaNAreFalseExceptNotEqual() {
        float[] a = {NAN, 1, 2, -0f};
        float[] b = {NAN, 2, 2, 0f};
        assertArrayEquals(new boolean[] {false, false, true, true}, bools(BinaryOp.EQ, DType.FLOAT32, a, b, 4));
        assertArrayEquals(new boolean[] {true, true, false, false}, bools(BinaryOp.NE, DType.FLOAT32, a, b, 4));
        assertArrayEquals(new boolean[] {false, true, false, false}, bools(BinaryOp.LT, DType.FLOAT32, a, b, 4));
        assertArrayEquals(new boolean[] {false, true, true, true}, bools(BinaryOp.LE, DType.FLOAT32, a, b, 4));
        assertArrayEquals(new boolean[] {false, false, false, false}, bools(BinaryOp.GT, DType.FLOAT32, a, b, 4));
        assertArrayEquals(new boolean[] {false, false, true, true}, bools(BinaryOp.GE, DType.FLOAT32, a, b, 4));
    }

    @Test
    void int64ComparisonsAreExactBeyondDoublePrecision() {
        long[] a = {(1L << 53) + 1};
        long[] b = {1L << 53};
        assertArrayEquals(new boolean[] {true}, bools(BinaryOp.GT, DType.INT64, a, b, 1));
    }

    /** From PyTorch: int32 [7, -7, 2147483647] + [1, -1, 1] and int64 9223372036854775807 * 2. */
    @Test
    void integerArithmeticWrapsAround() {
        int[] a = {7, -7, Integer.MAX_VALUE};
        int[] b = {1, -1, 1};
        int[] out = new int[3];
        backend.binary(BinaryOp.ADD, DType.INT32, a, dense(3), b, dense(3), out, dense(3));
        assertArrayEquals(new int[] {8, -8, Integer.MIN_VALUE}, out);
        assertArrayEquals(new long[] {-2}, int64(BinaryOp.MUL, new long[] {Long.MAX_VALUE}, new long[] {2}));
        assertArrayEquals(new long[] {3, -7}, int64(BinaryOp.MAXIMUM, new long[] {3, -7}, new long[] {-7, -8}));
    }

    /** From PyTorch: int32 [2, 3] ** [31, 20] = [-2147483648, -808182895]. */
    @Test
    void int32PowWrapsAround() {
        int[] out = new int[2];
        backend.binary(BinaryOp.POW, DType.INT32, new int[] {2, 3}, dense(2), new int[] {31, 20}, dense(2), out, dense(2));
        assertArrayEquals(new int[] {Integer.MIN_VALUE, -808182895}, out);
    }

    /** From PyTorch (tensor exponents): [1, -1, -1, 0, 2, -2] ** [-1, -1, -2, -1, -3, -1] = [1, -1, 1, 0, 0, 0]. */
    @Test
    void integerPowWithNegativeExponentsFollowsPyTorch() {
        assertArrayEquals(new long[] {1, -1, 1, 0, 0, 0},
                int64(BinaryOp.POW, new long[] {1, -1, -1, 0, 2, -2}, new long[] {-1, -1, -2, -1, -3, -1}));
        assertArrayEquals(new long[] {1, 0, 1, 1L << 62, 3486784401L},
                int64(BinaryOp.POW, new long[] {0, 0, 5, 2, 3}, new long[] {0, 3, 0, 62, 20}));
    }

    @Test
    void integerDivisionIsNotABackendOp() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> int64(BinaryOp.DIV, new long[] {1}, new long[] {2}));
        assertEquals("integer DIV is not a backend op: the ops layer promotes true division of integers to float",
                e.getMessage());
    }

    @Test
    void boolAddIsOrMulIsAndAndComparisonsOrderFalseFirst() {
        boolean[] a = {false, false, true, true};
        boolean[] b = {false, true, false, true};
        assertArrayEquals(new boolean[] {false, true, true, true}, bools(BinaryOp.ADD, DType.BOOL, a, b, 4));
        assertArrayEquals(new boolean[] {false, false, false, true}, bools(BinaryOp.MUL, DType.BOOL, a, b, 4));
        assertArrayEquals(new boolean[] {false, true, true, true}, bools(BinaryOp.MAXIMUM, DType.BOOL, a, b, 4));
        assertArrayEquals(new boolean[] {false, false, false, true}, bools(BinaryOp.MINIMUM, DType.BOOL, a, b, 4));
        assertArrayEquals(new boolean[] {false, true, false, false}, bools(BinaryOp.LT, DType.BOOL, a, b, 4));
        assertArrayEquals(new boolean[] {true, false, false, true}, bools(BinaryOp.EQ, DType.BOOL, a, b, 4));
    }

    @Test
    void boolSubtractionAndPowUsePyTorchErrors() {
        var sub = assertThrows(IllegalArgumentException.class,
                () -> bools(BinaryOp.SUB, DType.BOOL, new boolean[1], new boolean[1], 1));
        assertEquals("Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                + "`logical_xor()` operator instead.", sub.getMessage());
        var pow = assertThrows(IllegalArgumentException.class,
                () -> bools(BinaryOp.POW, DType.BOOL, new boolean[1], new boolean[1], 1));
        assertEquals("\"pow\" not implemented for 'Bool'", pow.getMessage());
    }

    @Test
    void transposedPlusBroadcastRow() {
        // a is the transpose of [[1, 2, 3], [4, 5, 6]], i.e. [[1, 4], [2, 5], [3, 6]]; b broadcasts [10, 20].
        double[] a = {1, 2, 3, 4, 5, 6};
        double[] b = {10, 20};
        double[] out = new double[6];
        backend.binary(BinaryOp.SUB, DType.FLOAT64, a, transposed(2, 3), b, rowBroadcast(3, 2), out, dense(3, 2));
        assertArrayEquals(new double[] {-9, -16, -8, -15, -7, -14}, out);
    }

    @Test
    void steppedOperandsAndSteppedOutput() {
        int[] a = {1, 0, 2, 0, 3};          // a[0::2] = [1, 2, 3]
        int[] b = {0, 5, 6, 7};             // b[1:] = [5, 6, 7]
        int[] out = {-1, -1, -1, -1, -1, -1, -1};
        Layout bTail = new Layout(1, new int[] {3}, new int[] {1});
        backend.binary(BinaryOp.MUL, DType.INT32, a, stepped(0, 3, 2), b, bTail, out, stepped(1, 3, 2));
        assertArrayEquals(new int[] {-1, 5, -1, 12, -1, 21, -1}, out);
    }

    @Test
    void comparisonIntoStridedBoolOutput() {
        long[] a = {1, 5, 3};
        long[] b = {2};
        boolean[] out = new boolean[6];
        Layout bScalar = new Layout(0, new int[] {3}, new int[] {0});
        backend.binary(BinaryOp.GE, DType.INT64, a, dense(3), b, bScalar, out, stepped(0, 3, 2));
        assertArrayEquals(new boolean[] {false, false, true, false, true, false}, out);
    }

    @Test
    void inPlaceWithOutputAliasingFirstOperand() {
        float[] a = {1, 2, 3, 4};
        float[] b = {0.5f};
        Layout all = dense(2, 2);
        backend.binary(BinaryOp.DIV, DType.FLOAT32, a, all, b, new Layout(0, new int[] {2, 2}, new int[] {0, 0}), a, all);
        assertArrayEquals(new float[] {2, 4, 6, 8}, a);
    }
}
