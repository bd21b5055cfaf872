package org.vectorgrad.backend.simd;

import java.util.concurrent.atomic.AtomicBoolean;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;
import org.vectorgrad.backend.simd.Gemm.Matrix;

/**
 * Gets the float32 kernels compiled before a program needs them. Until C2 has compiled a Vector API
 * kernel it runs in the interpreter or C1, which box every vector (hundreds of times slower than the
 * compiled loop, and slower than the scalar backend), so a program's first steps crawl. When the
 * first {@link SimdBackend} is made, a daemon thread first calls the GEMM micro-kernels on one small
 * panel until they run at compiled speed (matrix products meanwhile use their scalar twin, which
 * gives the same bits: {@link GemmMicroKernel#vectorsReady}), then calls every float32 kernel
 * through the backend on small arrays of its own (contiguous, broadcast and strided layouts,
 * reductions, matrix products on each GEMM path), about {@value #ROUNDS} times each, which is what
 * C2's thresholds ask for, while the program loads its classes and data on the other core.
 *
 * <p>It changes no result: it only reads and writes its own arrays, every call is small enough to
 * stay on its own thread (it never takes {@link Parallel}'s shared job slot), and the micro-kernel
 * switch is bit-exact. It delays nothing: the program does not wait for it, it stops after
 * {@value #ROUNDS} rounds or {@value #BUDGET_MILLIS} ms, and a daemon thread does not keep the JVM
 * alive. Its cost is CPU time on another core (about a second on a 2-core Zen 3, more when other
 * processes keep the compiler threads busy). It is off unless {@code -Dvectorgrad.warmup=true}: on a
 * 2-core machine the extra thread took the core that C2's compiler threads and the kernel threads need,
 * and programs' first 100 steps and whole runs were slower with it (README, "Warm-up").
 */
final class Warmup {
    /** Rounds of calls: about what C2 needs to compile a loop of ~125 vectors per call. */
    static final int ROUNDS = 150;
    /** Wall-time cap, for a machine so busy that the rounds would drag on. */
    static final long BUDGET_MILLIS = 5_000;
    /** Elements per array: 125 vectors of 8 floats plus a partial tail. */
    private static final int N = 1003;
    private static final int ROWS = 17;
    private static final int COLS = 59;

    /** {@code -Dvectorgrad.warmup=true} turns the warm-up on (off by default). */
    static final boolean ENABLED = "true".equalsIgnoreCase(System.getProperty("vectorgrad.warmup", "false"));
    /** Time per call of the warmed micro-kernels (kc = 64) below which they count as compiled by C2. */
    private static final long COMPILED_NANOS = 1_000;
    private static final int KC = 64;

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Warmup() {
    }

    /** Starts the warm-up thread once per JVM, if {@code -Dvectorgrad.warmup=true}. */
    static void start(Backend simd) {
        if (!ENABLED || !STARTED.compareAndSet(false, true)) {
            return;
        }
        GemmMicroKernel.vectorsReady = false;
        Thread t = new Thread(() -> run(simd, ROUNDS, BUDGET_MILLIS), "vectorgrad-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** {@code rounds} rounds of every call below, stopping early after {@code budgetMillis}. */
    static void run(Backend b, int rounds, long budgetMillis) {
        long deadline = System.nanoTime() + budgetMillis * 1_000_000;
        try {
            warmGemm(deadline);
        } finally {
            GemmMicroKernel.vectorsReady = true;
        }
        Operands w = new Operands();
        for (int r = 0; r < rounds && System.nanoTime() < deadline; r++) {
            round(b, w);
        }
    }

    /**
     * Calls the float32 GEMM micro-kernels on one small panel until they run at compiled speed (or
     * the budget is spent); products meanwhile take their scalar twin ({@link GemmMicroKernel#vectorsReady}).
     */
    private static void warmGemm(long deadline) {
        GemmMicroKernel mk = GemmMicroKernel.FLOAT32;
        float[] a = ramp(GemmMicroKernel.MR * KC, -1f, 1f / 128);
        float[] bp = ramp(KC * mk.nr, -1f, 1f / 512);
        float[] tile = new float[GemmMicroKernel.MR * mk.nr];
        while (System.nanoTime() < deadline) {
            long best = Long.MAX_VALUE;
            for (int batch = 0; batch < 4; batch++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 16; i++) {
                    mk.packedVectors(KC, a, 0, bp, 0, tile, 0, mk.nr, false);
                    mk.directVectors(KC, a, 0, KC, 1, GemmMicroKernel.MR, bp, 0, mk.nr, tile, 0, mk.nr, true);
                }
                best = Math.min(best, System.nanoTime() - t0);
            }
            if (best < 16 * 2 * COMPILED_NANOS) {
                return;
            }
        }
    }

    /** The operands of the warm-up calls, filled with values that keep every kernel on its main path. */
    private static final class Operands {
        final float[] x = ramp(N, -3f, 6f / N);
        final float[] y = ramp(N, 0.25f, 2f / N);
        final float[] out = new float[N];
        final boolean[] mask = new boolean[N];
        final float[] small = new float[COLS];
        final float[] one = new float[1];
        final float[] two = {2f};
        final float[] three = {3f};
        final float[] half = {0.5f};
        final float[] general = {1.7f};
        final float[] a = ramp(64 * 40, -1f, 1f / 1280);
        final float[] bm = ramp(40 * 48, -1f, 1f / 960);
        final float[] c = new float[64 * 48];
        final long[] idx = new long[COLS];
    }

    private static float[] ramp(int n, float from, float step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + i * step;
        }
        return v;
    }

    private static void round(Backend b, Operands w) {
        DType f = DType.FLOAT32;
        Layout flat = Layout.contiguous(N);
        Layout scalar = new Layout(0, new int[] {N}, new int[] {0});
        Layout grid = Layout.contiguous(ROWS, COLS);
        Layout gridT = Layout.contiguous(COLS, ROWS).permute(1, 0);
        Layout row = new Layout(0, new int[] {ROWS, COLS}, new int[] {0, 1});
        for (UnaryOp op : UnaryOp.values()) {
            b.unary(op, f, w.y, flat, w.out, flat);
        }
        b.unary(UnaryOp.EXP, f, w.x, gridT, w.out, grid);
        b.unary(UnaryOp.RELU, f, w.x, gridT, w.out, grid);
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV,
                BinaryOp.MAXIMUM, BinaryOp.MINIMUM}) {
            b.binary(op, f, w.x, flat, w.y, flat, w.out, flat);
            b.binary(op, f, w.x, flat, w.two, scalar, w.out, flat);
            b.binary(op, f, w.two, scalar, w.y, flat, w.out, flat);
            b.binary(op, f, w.x, grid, w.y, row, w.out, grid);
            b.binary(op, f, w.x, gridT, w.y, grid, w.out, grid);
        }
        for (float[] e : new float[][] {w.two, w.three, w.half, w.general}) {
            b.binary(BinaryOp.POW, f, w.y, flat, e, scalar, w.out, flat);
        }
        b.binary(BinaryOp.POW, f, w.y, flat, w.x, flat, w.out, flat);
        b.binary(BinaryOp.GT, f, w.x, flat, w.one, scalar, w.mask, flat);
        b.where(f, w.mask, flat, w.x, flat, w.one, scalar, w.out, flat);   // relu's gradient
        b.binary(BinaryOp.EQ, f, w.x, flat, w.y, flat, w.mask, flat);
        b.copy(DType.BOOL, w.mask, flat, f, w.out, flat);
        b.copy(f, w.x, gridT, f, w.out, grid);
        b.fill(f, w.out, flat, 0.5);
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.MAX, ReduceOp.MIN, ReduceOp.SUM_SQUARES}) {
            b.reduce(op, f, w.x, flat, 1, w.one, Layout.contiguous());
            b.reduce(op, f, w.x, grid, 1, w.small, Layout.contiguous(ROWS));
            b.reduce(op, f, w.x, grid.permute(1, 0), 1, w.small, Layout.contiguous(COLS));
        }
        b.reduceWithIndex(ReduceOp.MAX, f, w.x, grid, 1, w.small, Layout.contiguous(ROWS), w.idx, Layout.contiguous(ROWS));
        b.dot(f, w.x, flat, w.y, flat, w.one, 0);
        matmuls(b, w);
    }

    /** Products on each path: direct, packed (called on one thread), matrix-vector, transposed operands. */
    private static void matmuls(Backend b, Operands w) {
        DType f = DType.FLOAT32;
        b.matmul(f, w.a, Layout.contiguous(1, 64, 40), w.bm, Layout.contiguous(1, 40, 48), w.c, Layout.contiguous(1, 64, 48));
        b.matmul(f, w.a, Layout.contiguous(1, 40, 64).permute(0, 2, 1), w.bm, Layout.contiguous(1, 40, 48),
                w.c, Layout.contiguous(1, 64, 48));
        b.matmul(f, w.a, Layout.contiguous(1, 64, 40), w.bm, Layout.contiguous(1, 48, 40).permute(0, 2, 1),
                w.c, Layout.contiguous(1, 64, 48));
        b.matmul(f, w.a, Layout.contiguous(1, 64, 40), w.bm, Layout.contiguous(1, 40, 1), w.c, Layout.contiguous(1, 64, 1));
        SimdLinalg.Gemms.FLOAT32.packed(64, 48, 40, new Matrix(w.a, 0, 40, 1), new Matrix(w.bm, 0, 48, 1),
                new Matrix(w.c, 0, 48, 1), 1);
        SimdLinalg.Gemms.FLOAT32.packed(64, 48, 40, new Matrix(w.a, 0, 1, 64), new Matrix(w.bm, 0, 1, 40),
                new Matrix(w.c, 0, 48, 1), 1);
    }
}
