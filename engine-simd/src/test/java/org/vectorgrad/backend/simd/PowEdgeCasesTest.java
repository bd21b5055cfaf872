package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.scalar.ScalarBackend;

/**
 * pow at the edges follows C's pow, as PyTorch does, under both backends: {@code pow(1, y) = 1} for
 * every y (NaN too) and {@code pow(-1, ±inf) = 1}, where Java's Math.pow gives NaN; exponents with a
 * special kernel (2, 3, -1, -2, 0.5, -0.5) give C's values at -0 and -inf. Expected values are
 * PyTorch 1.13's {@code torch.pow(base, exponent)} with tensor operands, identical in float32 and
 * float64; the SIMD backend is called often enough for C2 to compile its loops, whose answers must
 * not change.
 */
class PowEdgeCasesTest {
    private static final double NaN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] BASES = {1.0, -1.0, NaN, 0.0, -0.0, INF, -INF, -4.0, 4.0, 0.25, -0.25};
    private static final double[] EXPONENTS = {NaN, INF, -INF, 0.0, -0.0, 1.0, -1.0, 2.0, 3.0, -2.0, -3.0, 0.5, -0.5, 2.5, -2.5};
    /** POWERS[i][j] = torch.pow(BASES[i], EXPONENTS[j]). */
    private static final double[][] POWERS = {
            {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0},   // 1.0
            {NaN, 1.0, 1.0, 1.0, 1.0, -1.0, -1.0, 1.0, -1.0, 1.0, -1.0, NaN, NaN, NaN, NaN},   // -1.0
            {NaN, NaN, NaN, 1.0, 1.0, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN},   // NaN
            {NaN, 0.0, INF, 1.0, 1.0, 0.0, INF, 0.0, 0.0, INF, INF, 0.0, INF, 0.0, INF},   // 0.0
            {NaN, 0.0, INF, 1.0, 1.0, -0.0, -INF, 0.0, -0.0, INF, -INF, 0.0, INF, 0.0, INF},   // -0.0
            {NaN, INF, 0.0, 1.0, 1.0, INF, 0.0, INF, INF, 0.0, 0.0, INF, 0.0, INF, 0.0},   // INF
            {NaN, INF, 0.0, 1.0, 1.0, -INF, -0.0, INF, -INF, 0.0, -0.0, INF, 0.0, INF, 0.0},   // -INF
            {NaN, INF, 0.0, 1.0, 1.0, -4.0, -0.25, 16.0, -64.0, 0.0625, -0.015625, NaN, NaN, NaN, NaN},   // -4.0
            {NaN, INF, 0.0, 1.0, 1.0, 4.0, 0.25, 16.0, 64.0, 0.0625, 0.015625, 2.0, 0.5, 32.0, 0.03125},   // 4.0
            {NaN, 0.0, INF, 1.0, 1.0, 0.25, 4.0, 0.0625, 0.015625, 16.0, 64.0, 0.5, 2.0, 0.03125, 32.0},   // 0.25
            {NaN, 0.0, INF, 1.0, 1.0, -0.25, -4.0, 0.0625, -0.015625, 16.0, -64.0, NaN, NaN, NaN, NaN},   // -0.25
    };
    /** Enough calls for C2 to compile the SIMD kernels (the NaN of pow(1, NaN) once changed then). */
    private static final int CALLS = 3000;

    @Test
    void scalarBackendFollowsC() {
        check(new ScalarBackend(), 1);
    }

    @Test
    void simdBackendFollowsCBeforeAndAfterCompilation() {
        check(new SimdBackend(), CALLS);
    }

    /** Each exponent as a tensor of its own (pow's general kernel) and broadcast from one element. */
    private static void check(Backend backend, int calls) {
        int n = 2 * BASES.length;   // every base both in the vector loop and in the tail
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Object base = t == DType.FLOAT32 ? new float[n] : new double[n];
            for (int i = 0; i < n; i++) {
                set(base, i, BASES[i % BASES.length]);
            }
            for (int j = 0; j < EXPONENTS.length; j++) {
                Object full = t == DType.FLOAT32 ? new float[n] : new double[n];
                for (int i = 0; i < n; i++) {
                    set(full, i, EXPONENTS[j]);
                }
                Object one = t == DType.FLOAT32 ? new float[] {(float) EXPONENTS[j]} : new double[] {EXPONENTS[j]};
                Layout broadcast = new Layout(0, new int[] {n}, new int[] {0});
                for (int call = 0; call < calls; call++) {
                    boolean last = call == calls - 1;
                    if (call < 5 || last) {
                        expect(backend, t, base, full, Layout.contiguous(n), j, "tensor exponent, call " + call);
                        expect(backend, t, base, one, broadcast, j, "broadcast exponent, call " + call);
                    } else {
                        Object out = t == DType.FLOAT32 ? new float[n] : new double[n];
                        backend.binary(BinaryOp.POW, t, base, Layout.contiguous(n), full, Layout.contiguous(n), out, Layout.contiguous(n));
                        backend.binary(BinaryOp.POW, t, base, Layout.contiguous(n), one, broadcast, out, Layout.contiguous(n));
                    }
                }
            }
        }
    }

    private static void expect(Backend backend, DType t, Object base, Object exponent, Layout exponentLayout, int j, String how) {
        int n = 2 * BASES.length;
        Object out = t == DType.FLOAT32 ? new float[n] : new double[n];
        backend.binary(BinaryOp.POW, t, base, Layout.contiguous(n), exponent, exponentLayout, out, Layout.contiguous(n));
        for (int i = 0; i < n; i++) {
            double expected = POWERS[i % BASES.length][j];
            double actual = t == DType.FLOAT32 ? ((float[]) out)[i] : ((double[]) out)[i];
            String what = backend.name() + " " + t + " pow(" + BASES[i % BASES.length] + ", " + EXPONENTS[j] + ") by " + how;
            assertEquals(expected, actual, 0.0, what);
            if (!Double.isNaN(expected)) {
                assertEquals(Math.copySign(1, expected), Math.copySign(1, actual), 0.0, "sign of " + what);
            }
        }
    }

    private static void set(Object array, int i, double v) {
        if (array instanceof float[] f) {
            f[i] = (float) v;
        } else {
            ((double[]) array)[i] = v;
        }
    }
}
