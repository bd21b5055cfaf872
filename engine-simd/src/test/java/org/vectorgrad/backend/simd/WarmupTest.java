package org.vectorgrad.backend.simd;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The warm-up thread calls every float32 kernel while a program runs: it must leave the program's
 * results bit for bit as they are (no shared buffers, no shared thread-pool job) and stop by itself.
 */
class WarmupTest {

    @Test
    void programResultsAreUnchangedWhileTheWarmupRuns() throws InterruptedException {
        SimdBackend simd = new SimdBackend();
        int n = 96;
        float[] a = random(n * n, 1), b = random(n * n, 2);
        Layout m = Layout.contiguous(1, n, n), flat = Layout.contiguous(n * n);
        float[] product = new float[n * n], sum = new float[n * n], total = new float[1];
        simd.matmul(DType.FLOAT32, a, m, b, m, product, m);
        simd.binary(BinaryOp.ADD, DType.FLOAT32, a, flat, b, flat, sum, flat);
        simd.reduce(ReduceOp.SUM, DType.FLOAT32, a, flat, 1, total, Layout.contiguous());

        Thread warmup = new Thread(() -> Warmup.run(simd, 20, 60_000));
        warmup.start();
        float[] p2 = new float[n * n], s2 = new float[n * n], t2 = new float[1];
        while (warmup.isAlive()) {
            simd.matmul(DType.FLOAT32, a, m, b, m, p2, m);
            simd.binary(BinaryOp.ADD, DType.FLOAT32, a, flat, b, flat, s2, flat);
            simd.reduce(ReduceOp.SUM, DType.FLOAT32, a, flat, 1, t2, Layout.contiguous());
            assertArrayEquals(product, p2);
            assertArrayEquals(sum, s2);
            assertArrayEquals(total, t2);
        }
        warmup.join();
    }

    @Test
    void stopsAtItsTimeBudget() {
        SimdBackend simd = new SimdBackend();
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> Warmup.run(simd, Integer.MAX_VALUE, 200));
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }
}
