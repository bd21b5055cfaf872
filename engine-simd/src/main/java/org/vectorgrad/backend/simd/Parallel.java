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
     * Element units below which a kernel stays on the calling thread (sin weighs 8, add 1). Best-of-300
     * wall times on the 2-core Zen 3 box (busy with other builds), float32, ns/element, 1 vs 2 threads:
     * <pre>
     *   n         sin 1t  sin 2t   add 1t  add 2t
     *   16384     1.50    2.37     0.233   0.231
     *   65536     1.38    1.08     0.189   0.190
     *   262144    1.30    0.73     0.191   0.169
     *   1048576   1.18    1.21     0.184   0.202   (add is memory-bound there)
     * </pre>
     * Splitting pays from ~64K sin elements (2^19 units) and barely for add, so 2^19.
     */
    static final long MIN_WORK = 1 << 19;

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
