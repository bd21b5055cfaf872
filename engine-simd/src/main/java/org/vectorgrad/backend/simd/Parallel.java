package org.vectorgrad.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.vectorgrad.backend.Backends;

/**
 * Splits large kernels across cores, up to {@link Backends#threads()}. A job is cut into parts by its
 * size alone (never by how many threads happen to be free), so its result does not depend on timing;
 * the calling thread and daemon kernel threads claim parts from a counter, and the caller runs every
 * part itself when the others are busy or late. Work is counted in "element units" (elements times
 * a per-op weight); below {@link #MIN_WORK} one thread is faster than handing off.
 *
 * <p>A kernel thread that finishes a part spins for {@link #SPIN_NANOS} before parking, as OpenMP's
 * blocktime does: in a program that runs one mid-size kernel after another the next job then starts
 * within a fraction of a microsecond instead of paying a wake-up (5-50 µs) each time.
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

    /** How long an idle kernel thread watches for the next job before parking. */
    static final long SPIN_NANOS = Long.getLong("vectorgrad.spinMicros", 50) * 1000;

    /** The job being run, or null; one at a time (a caller finding it taken runs its job alone). */
    private static final AtomicReference<Job> CURRENT = new AtomicReference<>();
    private static final Object GROW = new Object();
    private static volatile Worker[] workers = new Worker[0];

    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);

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
        Job job = new Job(parts, part, Thread.currentThread());
        if (!CURRENT.compareAndSet(null, job)) {
            job.runAll();   // another caller's job holds the threads: ours alone, same parts, same result
            return;
        }
        try {
            for (Worker w : workersFor(parts - 1)) {
                w.offer();
            }
            job.runParts();
            job.awaitOthers();
        } finally {
            CURRENT.set(null);
        }
        job.rethrow();
    }

    private static Worker[] workersFor(int count) {
        Worker[] ws = workers;
        if (ws.length >= count) {
            return ws;
        }
        synchronized (GROW) {
            ws = workers;
            if (ws.length < count) {
                Worker[] grown = java.util.Arrays.copyOf(ws, count);
                for (int i = ws.length; i < count; i++) {
                    grown[i] = new Worker();
                    grown[i].start();
                }
                workers = ws = grown;
            }
            return ws;
        }
    }

    /** One split kernel: parts claimed from a counter, a count of parts done, the first failure. */
    private static final class Job {
        private static final AtomicInteger IDS = new AtomicInteger();
        /** Tells jobs apart without a kernel thread holding on to the last one (and the arrays it reaches). */
        private final int id = IDS.incrementAndGet();
        private final int parts;
        private final IntConsumer part;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(int parts, IntConsumer part, Thread caller) {
            this.parts = parts;
            this.part = part;
            this.caller = caller;
        }

        /** Claims and runs parts until none is left. */
        void runParts() {
            for (int p; (p = next.getAndIncrement()) < parts; ) {
                try {
                    part.accept(p);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
                if (done.incrementAndGet() == parts && Thread.currentThread() != caller) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void runAll() {
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
        }

        /** Waits for parts claimed by kernel threads: spins briefly, then parks. */
        void awaitOthers() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (done.get() < parts) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 100_000);
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A daemon kernel thread: runs parts of the current job, spins for the next one, then parks. */
    private static final class Worker extends Thread {
        private volatile boolean parked;
        private int last;

        Worker() {
            super("vectorgrad-simd");
            setDaemon(true);
        }

        /** A job has been posted: wake this thread if it is parked. */
        void offer() {
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            IN_POOL.set(true);
            while (true) {
                Job job = awaitJob();
                last = job.id;
                job.runParts();
            }
        }

        private Job awaitJob() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job job = CURRENT.get();
                if (job != null && job.id != last) {
                    return job;
                }
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                job = CURRENT.get();
                if (job == null || job.id == last) {
                    LockSupport.park(this);
                }
                parked = false;
                deadline = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
