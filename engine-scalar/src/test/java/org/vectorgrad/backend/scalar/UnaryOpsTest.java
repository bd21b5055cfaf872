package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vectorgrad.backend.scalar.Layouts.dense;
import static org.vectorgrad.backend.scalar.Layouts.rowBroadcast;
import static org.vectorgrad.backend.scalar.Layouts.stepped;
import static org.vectorgrad.backend.scalar.Layouts.transposed;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

class UnaryOpsTest {
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    private final Backend backend = new ScalarBackend();

    private float[] float32(UnaryOp op, float... x) {
        float[] y = new float[x.length];
        backend.unary(op, DType.FLOAT32, x, dense(x.length), y, dense(x.length));
        return y;
    }

    private int[] int32(UnaryOp op, int... x) {
        int[] y = new int[x.length];
        backend.unary(op, DType.INT32, x, dense(x.length), y, dense(x.length));
        return y;
    }

    /** Expected values printed by PyTorch 1.13 for float32 x = [0.5, -1.25, 3, 10] (|x| for sqrt, log). */
    @Test
    void transcendentalFloat32MatchPyTorchWithinOneUlp() {
        float[] x = {0.5f, -1.25f, 3f, 10f};
        float[] ax = {0.5f, 1.25f, 3f, 10f};
        assertWithinUlp(new double[] {0.7071067690849304, 1.1180340051651, 1.7320507764816284, 3.1622776985168457},
                float32(UnaryOp.SQRT, ax));
        assertWithinUlp(new double[] {1.6487212181091309, 0.2865048050880432, 20.08553695678711, 22026.46484375},
                float32(UnaryOp.EXP, x));
        assertWithinUlp(new double[] {-0.6931471824645996, 0.2231435477733612, 1.0986123085021973, 2.3025851249694824},
                float32(UnaryOp.LOG, ax));
        assertWithinUlp(new double[] {0.4794255495071411, -0.9489846229553223, 0.14112000167369843, -0.5440211296081543},
                float32(UnaryOp.SIN, x));
        assertWithinUlp(new double[] {0.8775825500488281, 0.3153223693370819, -0.9899924993515015, -0.83907151222229},
                float32(UnaryOp.COS, x));
        assertWithinUlp(new double[] {0.46211716532707214, -0.8482836484909058, 0.9950547814369202, 1.0},
                float32(UnaryOp.TANH, x));
        assertWithinUlp(new double[] {0.622459352016449, 0.22270013391971588, 0.9525741338729858, 0.9999545812606812},
                float32(UnaryOp.SIGMOID, x));
        assertWithinUlp(new double[] {2.0, -0.800000011920929, 0.3333333432674408, 0.10000000149011612},
                float32(UnaryOp.RECIPROCAL, x));
    }

    private static void assertWithinUlp(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            float e = (float) expected[i];
            assertTrue(Math.abs(actual[i] - e) <= Math.ulp(e), "element " + i + ": " + actual[i] + " vs " + e);
        }
    }

    @Test
    void negAbsSqrtReciprocalAreBitIdenticalToJavaFloatOperators() {
        Random r = new Random(7);
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(20) - 10));
        }
        float[] neg = float32(UnaryOp.NEG, x);
        float[] abs = float32(UnaryOp.ABS, x);
        float[] sqrt = float32(UnaryOp.SQRT, x);
        float[] rec = float32(UnaryOp.RECIPROCAL, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(-x[i], neg[i]);
            assertEquals(Math.abs(x[i]), abs[i]);
            assertEquals((float) Math.sqrt(x[i]), sqrt[i]);
            assertEquals(1f / x[i], rec[i]);
        }
    }

    @Test
    void float64MapsAreJavaMath() {
        double[] x = {-2.5, -0.0, 0.3, 1.7, 40};
        double[] y = new double[x.length];
        backend.unary(UnaryOp.EXP, DType.FLOAT64, x, dense(5), y, dense(5));
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.exp(x[i]), y[i]);
        }
        backend.unary(UnaryOp.SIGMOID, DType.FLOAT64, x, dense(5), y, dense(5));
        for (int i = 0; i < x.length; i++) {
            assertEquals(1 / (1 + Math.exp(-x[i])), y[i]);
        }
    }

    /** From torch.sign: +0.0 for both zeros and for NaN. */
    @Test
    void signOfSpecialValues() {
        assertArrayEquals(new float[] {0f, 0f, 0f, -1f, 1f, 1f, -1f},
                float32(UnaryOp.SIGN, NAN, -0f, 0f, -2.5f, 3f, INF, -INF));
    }

    /** From torch.relu: -0.0 stays -0.0 and NaN stays NaN. */
    @Test
    void reluOfSpecialValues() {
        assertArrayEquals(new float[] {NAN, -0f, 0f, 0f, 3f, INF, 0f},
                float32(UnaryOp.RELU, NAN, -0f, 0f, -2.5f, 3f, INF, -INF));
    }

    @Test
    void edgesOfTheFloatMaps() {
        assertArrayEquals(new float[] {0f, 1f, 0.5f}, float32(UnaryOp.SIGMOID, -1000f, 1000f, 0f));
        assertArrayEquals(new float[] {-INF, NAN, 0f}, float32(UnaryOp.LOG, 0f, -1f, 1f));
        assertArrayEquals(new float[] {-0f, NAN, INF}, float32(UnaryOp.SQRT, -0f, -1f, INF));
        assertArrayEquals(new float[] {INF, -INF}, float32(UnaryOp.RECIPROCAL, 0f, -0f));
        assertArrayEquals(new float[] {0f, 1e-45f}, float32(UnaryOp.ABS, -0f, -1e-45f));
    }

    /** From PyTorch: int32 [-2147483648, 5, -3, 0]; negation and abs of the minimum wrap around. */
    @Test
    void integerMapsWrapAround() {
        int min = Integer.MIN_VALUE;
        assertArrayEquals(new int[] {min, -5, 3, 0}, int32(UnaryOp.NEG, min, 5, -3, 0));
        assertArrayEquals(new int[] {min, 5, 3, 0}, int32(UnaryOp.ABS, min, 5, -3, 0));
        assertArrayEquals(new int[] {-1, 1, -1, 0}, int32(UnaryOp.SIGN, min, 5, -3, 0));
        assertArrayEquals(new int[] {0, 5, 0, 0}, int32(UnaryOp.RELU, min, 5, -3, 0));
        long[] big = {Long.MIN_VALUE, Long.MAX_VALUE};
        long[] out = new long[2];
        backend.unary(UnaryOp.NEG, DType.INT64, big, dense(2), out, dense(2));
        assertArrayEquals(new long[] {Long.MIN_VALUE, -Long.MAX_VALUE}, out);
    }

    @Test
    void boolSignIsIdentityAndOtherMapsUsePyTorchErrors() {
        boolean[] x = {true, false};
        boolean[] y = new boolean[2];
        backend.unary(UnaryOp.SIGN, DType.BOOL, x, dense(2), y, dense(2));
        assertArrayEquals(x, y);
        assertEquals("Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert "
                + "a mask, use the `~` or `logical_not()` operator instead.", boolError(UnaryOp.NEG));
        assertEquals("\"abs_cpu\" not implemented for 'Bool'", boolError(UnaryOp.ABS));
        assertEquals("Boolean inputs not supported for relu", boolError(UnaryOp.RELU));
    }

    private String boolError(UnaryOp op) {
        return assertThrows(IllegalArgumentException.class, () -> backend.unary(op, DType.BOOL,
                new boolean[1], dense(1), new boolean[1], dense(1))).getMessage();
    }

    /**
     * Every op is either float-only or has an integer kernel and a bool rule (the integer switches
     * keep a default for the float-only ops, so this test is what names a forgotten case).
     */
    @Test
    void everyOpHasAnIntegerKernelOrIsFloatOnly() {
        Set<UnaryOp> integerOps = EnumSet.of(UnaryOp.NEG, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.RELU);
        for (UnaryOp op : UnaryOp.values()) {
            assertEquals(!integerOps.contains(op), op.isFloatOnly(), op + ": float-only, or listed with its int64 value here");
            if (op.isFloatOnly()) {
                assertThrows(IllegalArgumentException.class, () -> int32(op, 1), op.toString());
            }
        }
        long[] x = {-3, 0, 2};
        long[] out = new long[3];
        for (UnaryOp op : integerOps) {
            backend.unary(op, DType.INT64, x, dense(3), out, dense(3));
            double[] viaDouble = new double[3];
            backend.unary(op, DType.FLOAT64, new double[] {-3, 0, 2}, dense(3), viaDouble, dense(3));
            for (int i = 0; i < 3; i++) {
                assertEquals((long) viaDouble[i], out[i], op + " of " + x[i]);
            }
        }
    }

    @Test
    void floatOnlyOpOnIntegersNamesOpAndDtype() {
        var e = assertThrows(IllegalArgumentException.class, () -> int32(UnaryOp.SQRT, 4));
        assertEquals("sqrt needs a floating point dtype, got int32", e.getMessage());
    }

    @Test
    void readsTransposedWritesDense() {
        // buffer holds [[1, 2, 3], [4, 5, 6]]; its transpose is [[1, 4], [2, 5], [3, 6]]
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = new double[6];
        backend.unary(UnaryOp.NEG, DType.FLOAT64, x, transposed(2, 3), y, dense(3, 2));
        assertArrayEquals(new double[] {-1, -4, -2, -5, -3, -6}, y);
    }

    @Test
    void steppedSourceIntoSteppedDestinationLeavesGapsAlone() {
        float[] x = {9, 1, 9, -2, 9, 3, 9};
        float[] y = {7, 7, 7, 7, 7, 7};
        backend.unary(UnaryOp.ABS, DType.FLOAT32, x, stepped(1, 3, 2), y, stepped(1, 3, 2));
        assertArrayEquals(new float[] {7, 1, 7, 2, 7, 3}, y);
    }

    @Test
    void broadcastSourceFillsEveryRow() {
        int[] row = {1, -2, 3};
        int[] y = new int[6];
        backend.unary(UnaryOp.NEG, DType.INT32, row, rowBroadcast(2, 3), y, dense(2, 3));
        assertArrayEquals(new int[] {-1, 2, -3, -1, 2, -3}, y);
    }

    @Test
    void inPlaceOnAStridedView() {
        double[] x = {4, 100, 9, 100, 16};
        Layout everyOther = stepped(0, 3, 2);
        backend.unary(UnaryOp.SQRT, DType.FLOAT64, x, everyOther, x, everyOther);
        assertArrayEquals(new double[] {2, 100, 3, 100, 4}, x);
    }

    @Test
    void shapeMismatchIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> backend.unary(UnaryOp.NEG, DType.FLOAT32,
                new float[6], dense(2, 3), new float[6], dense(3, 2)));
        assertEquals("unary NEG: input shape [2, 3] differs from output shape [3, 2]", e.getMessage());
    }

    @Test
    void wrongBufferTypeIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> backend.unary(UnaryOp.NEG, DType.FLOAT32,
                new double[2], dense(2), new float[2], dense(2)));
        assertEquals("a float32 operand needs a float[] buffer, got double[]", e.getMessage());
    }
}
