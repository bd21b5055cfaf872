package org.vectorgrad.backend.simd;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.vectorgrad.backend.Backends;

/**
 * Splits large kernels across cores, up to {@link Backends#threads()}. The calling thread runs the
 * first part itself; the others go to a pool of daemon threads. Work is counted in "element units"
 * (elements times a per-op weight); below {@link #MIN_WORK} one thread is faster than handing off.
 */
final class Parallel {
    /**
     * Element units below which a kernel stays on the calling thread. Measured with
     * ElementwiseKernelBenchmark on 2 Zen 3 cores: handing one part to another thread costs ~10 us
     * (wake-up + cache traffic); a float add runs ~4 elements/ns, sin ~2 elements/ns (weight 8).
     */
    static final long MIN_WORK = 1 << 17;

    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(() -> {
            IN_POOL.set(true);
            r.run();
        }, "vectorgrad-simd");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** How many parts to cut {@code items} independent pieces of total {@code work} into. */
    static int parts(long work, int items) {
        if (work < MIN_WORK || items < 2 || IN_POOL.get()) {
            return 1;
        }
        return (int) Math.min(Math.min(Backends.threads(), items), Math.max(1, work / (MIN_WORK / 2)));
    }

    /** Start of part {@code p} when {@code items} are cut into {@code parts} near-equal ranges. */
    static int split(int items, int parts, int p) {
        return (int) ((long) items * p / parts);
    }

    /** Runs {@code part.accept(p)} for {@code p < parts}, returning when all are done. */
    static void run(int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] others = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int q = p;
            others[p - 1] = POOL.submit(() -> part.accept(q));
        }
        part.accept(0);
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel thread", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }
}
