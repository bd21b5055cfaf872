package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * Every kernel that starts cold ({@link ColdStart}) against its plain twin, bit for bit (a NaN is
 * any NaN: the Vector API's broadcast of one element drops its payload in the interpreter and C1 and
 * keeps it once compiled, so the vector path itself does not keep payloads), on special values (NaN, infinities, signed zeros, subnormals, the largest
 * and smallest floats), random values of every magnitude, and both steps of a binary operand (1 and
 * 0, a broadcast element). The kernels are made with their twins by the tables' factories (make*), whatever
 * -Dvectorgrad.simd.coldTwins says, so a new twin is checked here
 * without a new row; and the switch itself: cold until the vector slice keeps up, then hot.
 */
class ColdStartTest {
    static final int N = 64 * ElementwiseKernels.FL;

    static float[] floats(long seed) {
        float[] special = {Float.NaN, Float.intBitsToFloat(0x7fc01234), Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
                1f, -1f, 2f, 0.5f, -3f, 1e-20f, -1e20f, 1.1754942E-38f};
        Random r = new Random(seed);
        float[] v = new float[N];
        for (int i = 0; i < N; i++) {
            v[i] = i < special.length * 3 ? special[(i + (int) seed) % special.length]
                    : (float) (r.nextGaussian() * Math.pow(2, r.nextInt(80) - 40));
        }
        return v;
    }

    static double[] doubles(long seed) {
        double[] special = {Double.NaN, Double.longBitsToDouble(0x7ff8000000001234L), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 2.0, 0.5, -3.0, 1e-300, -1e300};
        Random r = new Random(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = i < special.length * 3 ? special[(i + (int) seed) % special.length]
                    : r.nextGaussian() * Math.pow(2, r.nextInt(1200) - 600);
        }
        return v;
    }

    static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    () -> what + " differs from its vector kernel");
        }
    }

    static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    () -> what + " differs from its vector kernel");
        }
    }

    /** A kernel's vector loop and its twin, each into a fresh output: the same bits (booleans for comparisons). */
    static <A> void assertTwinsAgree(Supplier<A> fresh, Consumer<A> vector, Consumer<A> plain, String what) {
        A v = fresh.get();
        A p = fresh.get();
        vector.accept(v);
        plain.accept(p);
        switch (v) {
            case float[] f -> assertSameBits(f, (float[]) p, what);
            case double[] d -> assertSameBits(d, (double[]) p, what);
            case boolean[] b -> assertArrayEquals(b, (boolean[]) p, what);
            default -> throw new IllegalArgumentException("no comparison for " + v.getClass());
        }
    }

    /** The cold kernels of the tables: unary ops and pow's special exponents. */
    static List<ElementwiseKernels.ColdF1> unaryF() {
        List<ElementwiseKernels.ColdF1> ks = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (ElementwiseKernels.makeUnaryF(op, true) instanceof ElementwiseKernels.ColdF1 c) {
                ks.add(c);
            }
        }
        for (double e : new double[] {2, 3, -1, -2, 0.5, -0.5}) {
            if (ElementwiseKernels.makePowF(e, true) instanceof ElementwiseKernels.ColdF1 c) {
                ks.add(c);
            }
        }
        return ks;
    }

    static List<ElementwiseKernels.ColdD1> unaryD() {
        List<ElementwiseKernels.ColdD1> ks = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            if (ElementwiseKernels.makeUnaryD(op, true) instanceof ElementwiseKernels.ColdD1 c) {
                ks.add(c);
            }
        }
        for (double e : new double[] {2, -1, 0.5}) {
            if (ElementwiseKernels.makePowD(e, true) instanceof ElementwiseKernels.ColdD1 c) {
                ks.add(c);
            }
        }
        return ks;
    }

    @Test
    void everyUnaryTwinGivesTheVectorKernelsBits() {
        List<ElementwiseKernels.ColdF1> fs = unaryF();
        List<ElementwiseKernels.ColdD1> ds = unaryD();
        assertEquals(12, fs.size(), "float32 kernels with a twin: 6 unary ops, x^2, x^3, x^-1, x^-2, x^0.5, x^-0.5");
        assertEquals(9, ds.size(), "float64 kernels with a twin: 6 unary ops, x^2, x^-1, x^0.5");
        for (long seed = 0; seed < 4; seed++) {
            float[] x = floats(seed);
            for (ElementwiseKernels.ColdF1 k : fs) {
                assertTwinsAgree(() -> new float[N], v -> k.vector().run(x, 0, v, 0, N), p -> k.plain().run(x, 0, p, 0, N),
                        k.plain().toString());
            }
            double[] xd = doubles(seed);
            for (ElementwiseKernels.ColdD1 k : ds) {
                assertTwinsAgree(() -> new double[N], v -> k.vector().run(xd, 0, v, 0, N), p -> k.plain().run(xd, 0, p, 0, N),
                        k.plain().toString());
            }
        }
    }

    /**
     * pow by 3 and -2 as programs get them ({@code powF}, cold by default: {@link ColdStart#WIDENING}):
     * the vector loops' bits on every call, while the twin computes them and after the switch.
     */
    @Test
    void theTablesWideningKernelsGiveTheVectorLoopsBits() {
        for (double e : new double[] {3, -2}) {
            ElementwiseKernels.F1 table = ElementwiseKernels.powF(e);
            ElementwiseKernels.F1 vector = e == 3 ? ElementwiseKernels::cubeF : ElementwiseKernels::inverseSquareF;
            assertEquals(ColdStart.ENABLED || ColdStart.WIDENING, table instanceof ElementwiseKernels.ColdF1, "x^" + e);
            for (int call = 0; call < 200; call++) {
                float[] x = floats(call);
                assertTwinsAgree(() -> new float[N], v -> vector.run(x, 0, v, 0, N), p -> table.run(x, 0, p, 0, N),
                        "x^" + e + " call " + call);
            }
        }
    }

    @Test
    void everyBinaryTwinGivesTheVectorKernelsBits() {
        int count = 0;
        for (BinaryOp op : BinaryOp.values()) {
            if (op == BinaryOp.FLOOR_DIVIDE) {
                continue;
            }
            for (long seed = 0; seed < 4; seed++) {
                float[] a = floats(seed);
                float[] b = floats(seed + 7);
                double[] ad = doubles(seed);
                double[] bd = doubles(seed + 7);
                for (int[] steps : new int[][] {{1, 1}, {1, 0}, {0, 1}}) {
                    int as = steps[0];
                    int bs = steps[1];
                    int bo = bs == 0 ? 5 : 0;
                    if (op.isComparison()) {
                        if (ElementwiseKernels.makeCompareF(op, true) instanceof ElementwiseKernels.ColdFCmp k) {
                            assertTwinsAgree(() -> new boolean[N], v -> k.vector().run(a, 0, as, b, bo, bs, v, 0, N),
                                    p -> k.plain().run(a, 0, as, b, bo, bs, p, 0, N), op + " float32");
                            count++;
                        }
                        if (ElementwiseKernels.makeCompareD(op, true) instanceof ElementwiseKernels.ColdDCmp k) {
                            assertTwinsAgree(() -> new boolean[N], v -> k.vector().run(ad, 0, as, bd, bo, bs, v, 0, N),
                                    p -> k.plain().run(ad, 0, as, bd, bo, bs, p, 0, N), op + " float64");
                            count++;
                        }
                    } else {
                        if (ElementwiseKernels.makeBinaryF(op, true) instanceof ElementwiseKernels.ColdF2 k) {
                            assertTwinsAgree(() -> new float[N], v -> k.vector().run(a, 0, as, b, bo, bs, v, 0, N),
                                    p -> k.plain().run(a, 0, as, b, bo, bs, p, 0, N), op + " float32, steps " + as + "/" + bs);
                            count++;
                        }
                        if (ElementwiseKernels.makeBinaryD(op, true) instanceof ElementwiseKernels.ColdD2 k) {
                            assertTwinsAgree(() -> new double[N], v -> k.vector().run(ad, 0, as, bd, bo, bs, v, 0, N),
                                    p -> k.plain().run(ad, 0, as, bd, bo, bs, p, 0, N), op + " float64, steps " + as + "/" + bs);
                            count++;
                        }
                    }
                }
            }
        }
        assertEquals(2 * 12 * 4 * 3, count, "add sub mul div maximum minimum and 6 comparisons, both dtypes");
    }

    /** Sums of every length up to past several blocks and levels of the pairwise tree, of squares and of absolute values. */
    @Test
    void theSumTwinGivesTheVectorSumsBits() {
        for (long seed = 0; seed < 3; seed++) {
            Random r = new Random(seed);
            float[] f = new float[6000];
            double[] d = new double[6000];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (r.nextGaussian() * Math.pow(2, r.nextInt(40) - 20));
                d[i] = r.nextGaussian() * Math.pow(2, r.nextInt(200) - 100);
            }
            for (int n : new int[] {0, 1, 7, 8, 9, 31, 33, 64, 100, 511, 512, 513, 1000, 2000, 2047, 4099, 6000}) {
                for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.SUM_SQUARES, ReduceOp.SUM_ABS}) {
                    int off = n < 6000 ? (int) seed : 0;
                    int m = Math.min(n, 6000 - off);
                    assertEquals(Float.floatToIntBits(ReductionKernels.sum(f, off, m, op)),
                            Float.floatToIntBits(ReductionKernels.sumPlain(f, off, m, op)), "float32 n=" + m + " " + op);
                    assertEquals(Double.doubleToLongBits(ReductionKernels.sum(d, off, m, op)),
                            Double.doubleToLongBits(ReductionKernels.sumPlain(d, off, m, op)), "float64 n=" + m + " " + op);
                }
            }
        }
    }

    /** A cold call (vector slice into a scratch array, empty counting calls, the twin over the row) gives the row's bits. */
    @Test
    void aColdCallGivesTheSameBitsAsTheVectorKernelAlone() {
        var mul = new ElementwiseKernels.ColdF2(ElementwiseKernels::mulF, ElementwiseKernels::mulPlainF, new ColdStart(false));
        float[] a = floats(1);
        float[] b = floats(2);
        float[] cold = new float[N];
        float[] vector = new float[N];
        mul.run(a, 0, 1, b, 0, 1, cold, 0, N);
        ElementwiseKernels.mulF(a, 0, 1, b, 0, 1, vector, 0, N);
        assertSameBits(vector, cold, "a cold mul");
    }

    /**
     * In place, the cold call's vector slice must not write the output: the twin would then read
     * products where the inputs were. Every kernel reads its operand before writing that element, so
     * the vector kernel in place is the reference.
     */
    @Test
    void aColdCallInPlaceGivesTheVectorKernelsBits() {
        var mul = new ElementwiseKernels.ColdF2(ElementwiseKernels::mulF, ElementwiseKernels::mulPlainF, new ColdStart(false));
        var square = new ElementwiseKernels.ColdF1(ElementwiseKernels::squareF, ElementwiseKernels::squarePlainF, new ColdStart(false));
        float[] cold = floats(3);
        float[] vector = cold.clone();
        float[] b = floats(4);
        mul.run(cold, 0, 1, b, 0, 1, cold, 0, N);
        ElementwiseKernels.mulF(vector, 0, 1, b, 0, 1, vector, 0, N);
        assertSameBits(vector, cold, "a cold mul in place");
        square.run(cold, 0, cold, 0, N);
        ElementwiseKernels.squareF(vector, 0, vector, 0, N);
        assertSameBits(vector, cold, "a cold square in place");
    }

    /** An empty call (ColdStart's counting calls) leaves the output alone, on both paths of a twin. */
    @Test
    void anEmptyColdCallWritesNothing() {
        var sub = new ElementwiseKernels.ColdF2(ElementwiseKernels::subF, ElementwiseKernels::subPlainF, new ColdStart(false));
        float[] c = {7f};
        sub.run(floats(5), 0, 1, floats(6), 0, 1, c, 0, 0);
        assertEquals(7f, c[0]);
    }

    @Test
    void aKernelTurnsHotWhenItsVectorSliceRunsCompiled() {
        assertEquals(!ColdStart.ENABLED, new ColdStart().hot, "-Dvectorgrad.simd.coldTwins decides the start");
        ColdStart s = new ColdStart(false);
        for (int i = 0; i < 100; i++) {
            s.record(128 * 15, 128);   // boxed vectors: 15 ns per element
        }
        assertFalse(s.hot);
        for (int i = 0; i < ColdStart.WINS; i++) {
            s.record(40, 128);         // compiled: 0.3 ns per element
        }
        assertTrue(s.hot);
        ColdStart never = new ColdStart(false);
        for (int i = 0; i < ColdStart.MAX_COLD_CALLS; i++) {
            never.record(128 * 15, 128);
        }
        assertTrue(never.hot, "hot after MAX_COLD_CALLS whatever the timing");
    }

    /** A slice of one vector is timed as MIN_TIMED elements: the call's own cost would hide compiled code. */
    @Test
    void aShortSliceIsJudgedByItsCallsCost() {
        ColdStart s = new ColdStart(false);
        for (int i = 0; i < ColdStart.WINS; i++) {
            s.record(100, 8);   // compiled, with a call's fixed cost: 12 ns per element of 8
        }
        assertTrue(s.hot);
        ColdStart boxed = new ColdStart(false);
        for (int i = 0; i < 100; i++) {
            boxed.record(8 * 150, 8);   // C1's boxed vectors: a few hundred ns per vector
        }
        assertFalse(boxed.hot);
    }
}
