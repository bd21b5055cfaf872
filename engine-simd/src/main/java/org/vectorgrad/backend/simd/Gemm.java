package org.vectorgrad.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import static org.vectorgrad.backend.simd.GemmMicroKernel.MR;

/**
 * {@code C = A B} for one strided {@code m x k} by {@code k x n} product, BLIS style: three cache
 * blocking loops around packed panels and one {@link GemmMicroKernel}.
 *
 * <pre>
 * for jc in 0..n step NC            B panel   KC x NC  packed once per (jc, pc), shared   (L3)
 *   for pc in 0..k step KC
 *     pack B[pc:pc+KC, jc:jc+NC]    as NR-wide micro-panels, row p of a micro-panel contiguous
 *     for ic in 0..m step MC        A block   MC x KC  packed per thread                  (L2)
 *       pack A[ic:ic+MC, pc:pc+KC]  as MR-tall micro-panels, column p of a micro-panel contiguous
 *       for jr in 0..NC step NR     B micro-panel KC x NR                             (L1/L2)
 *         for ir in 0..MC step MR
 *           micro-kernel: C[ir:ir+MR, jr:jr+NR] (+)= A micro-panel x B micro-panel
 * </pre>
 *
 * Packing reads the operands through their strides, so a transposed or stepped operand costs no
 * more than a contiguous one and is never copied whole. Partial micro-panels at the edges are
 * zero padded, so the micro-kernel always runs full; C is written through its strides by
 * {@link GemmMicroKernel#writeBack}, overwriting on the first k block and adding on later ones.
 *
 * <p>Large products run on up to {@code threads} threads that stay together for the whole product:
 * in each (jc, pc) step they pack shares of the shared B panel, meet at a barrier, and each packs
 * its own A blocks (in a per-thread buffer) for its share of C's rows (or of the panel's columns when
 * C is wide and short); a second barrier keeps the panel until all are done with it.
 *
 * <p>Small products take {@link #direct}, which skips packing: the micro-kernel reads A and B where
 * they lie (B rows must be contiguous), only a last partial column panel is copied.
 */
final class Gemm {

    /**
     * Bytes of one B micro-panel (KC x NR), reused from L1 (at worst L2) by a column of A
     * micro-panels. As large as L1 rather than half of it: the kernel's 2 loads per 8 FMAs afford L2
     * hits, and a deeper KC means fewer read-modify-write passes over C (Zen 3, float32, n = 2048:
     * 74 GFLOP/s with 16 KiB, 81 with 32 KiB). The {@code vectorgrad.gemm.*} properties are for tuning.
     */
    private static final int L1_PANEL_BYTES = Integer.getInteger("vectorgrad.gemm.l1", 32 * 1024);
    /** Bytes of one packed A block (MC x KC), kept in L2. */
    private static final int L2_BLOCK_BYTES = Integer.getInteger("vectorgrad.gemm.l2", 144 * 1024);
    /** Bytes of one packed B panel (KC x NC), kept in L3. */
    private static final int L3_PANEL_BYTES = Integer.getInteger("vectorgrad.gemm.l3", 4 * 1024 * 1024);

    private final VectorKernels vk;
    private final GemmMicroKernel mk;
    private final int nr;
    private final int kcMax;
    private final int mcMax;
    private final int ncMax;
    private final ThreadLocal<Workspace> workspace;

    /** Block sizes from the cache budgets above for elements of {@code elementBytes}. */
    Gemm(VectorKernels vk, GemmMicroKernel mk, int elementBytes) {
        this(vk, mk, kc(mk, elementBytes), mc(kc(mk, elementBytes), elementBytes), nc(mk, kc(mk, elementBytes), elementBytes));
    }

    /** Explicit block sizes (tests use small ones to run every loop edge on small matrices). */
    Gemm(VectorKernels vk, GemmMicroKernel mk, int kcMax, int mcMax, int ncMax) {
        if (kcMax < 1 || mcMax < MR || mcMax % MR != 0 || ncMax < mk.nr || ncMax % mk.nr != 0) {
            throw new IllegalArgumentException("bad GEMM blocking kc=" + kcMax + " mc=" + mcMax + " nc=" + ncMax);
        }
        this.vk = vk;
        this.mk = mk;
        this.nr = mk.nr;
        this.kcMax = kcMax;
        this.mcMax = mcMax;
        this.ncMax = ncMax;
        this.workspace = ThreadLocal.withInitial(Workspace::new);
    }

    private static int kc(GemmMicroKernel mk, int elementBytes) {
        return Math.max(16, L1_PANEL_BYTES / (mk.nr * elementBytes));
    }

    private static int mc(int kc, int elementBytes) {
        return Math.max(MR, L2_BLOCK_BYTES / (kc * elementBytes) / MR * MR);
    }

    private static int nc(GemmMicroKernel mk, int kc, int elementBytes) {
        return Math.max(mk.nr, L3_PANEL_BYTES / (kc * elementBytes) / mk.nr * mk.nr);
    }

    int kcMax() {
        return kcMax;
    }

    int mcMax() {
        return mcMax;
    }

    int ncMax() {
        return ncMax;
    }

    /** Where one operand lies: element (i, j) is {@code buf[off + i*rs + j*cs]}. */
    record Matrix(Object buf, int off, int rs, int cs) {
        Matrix transpose() {
            return new Matrix(buf, off, cs, rs);
        }

        int at(int i, int j) {
            return off + i * rs + j * cs;
        }
    }

    /** {@code C = A B} through packed panels on up to {@code threads} threads. */
    void packed(int m, int n, int k, Matrix a, Matrix b, Matrix c, int threads) {
        int panelsMax = (Math.min(ncMax, n) + nr - 1) / nr;
        Object bPack = workspace.get().bPack(vk, panelsMax * nr * Math.min(kcMax, k));
        int rowPanels = (m + MR - 1) / MR;
        int tasks = Math.max(1, Math.min(threads, Math.max(rowPanels, panelsMax)));
        Barrier barrier = new Barrier(tasks);
        Parallel.run(tasks, t -> {
            try {
                for (int jc = 0; jc < n; jc += ncMax) {
                    int nc = Math.min(ncMax, n - jc);
                    int panels = (nc + nr - 1) / nr;
                    for (int pc = 0; pc < k; pc += kcMax) {
                        int kc = Math.min(kcMax, k - pc);
                        packB(b, b.at(pc, jc), kc, nc, bPack, share(panels, tasks, t), share(panels, tasks, t + 1));
                        barrier.await(t);
                        if (m >= nc) {
                            block(a, pc, c, jc, Math.min(m, share(rowPanels, tasks, t) * MR),
                                    Math.min(m, share(rowPanels, tasks, t + 1) * MR), kc, bPack, 0, panels, nc, pc > 0);
                        } else {
                            block(a, pc, c, jc, 0, m, kc, bPack, share(panels, tasks, t), share(panels, tasks, t + 1),
                                    nc, pc > 0);
                        }
                        barrier.await(t);   // before the next step repacks the shared panel
                    }
                }
            } catch (RuntimeException | Error e) {
                barrier.breakDown();
                throw e;
            }
        });
    }

    /** Start of part {@code t} of {@code items} cut into {@code parts} near-equal ranges. */
    private static int share(int items, int parts, int t) {
        return (int) ((long) items * t / parts);
    }

    /**
     * One thread's share of a (jc, pc) step: rows {@code [i0, i1)} of C against B micro-panels
     * {@code [j0, j1)} of the packed panel, in MC-row A blocks packed into this thread's buffer.
     */
    private void block(Matrix a, int pc, Matrix c, int jc, int i0, int i1, int kc, Object bPack,
                       int j0, int j1, int nc, boolean add) {
        Workspace ws = workspace.get();
        Object tile = ws.tile(vk, MR * nr);
        for (int ic = i0; ic < i1; ic += mcMax) {
            int mc = Math.min(mcMax, i1 - ic);
            Object aPack = ws.aPack(vk, (mc + MR - 1) / MR * MR * kc);
            packA(a, a.at(ic, pc), mc, kc, aPack);
            for (int jp = j0; jp < j1; jp++) {
                int jr = jp * nr;
                int cols = Math.min(nr, nc - jr);
                for (int ir = 0; ir < mc; ir += MR) {
                    int rows = Math.min(MR, mc - ir);
                    mk.packed(kc, aPack, ir * kc, bPack, jp * nr * kc, tile);
                    mk.writeBack(tile, c.buf(), c.at(ic + ir, jc + jr), c.rs(), c.cs(), rows, cols, add);
                }
            }
        }
    }

    /**
     * Packs rows {@code [0, mc)} x columns {@code [0, kc)} of A (from {@code a0}) as MR-row
     * micro-panels: element (r, p) of panel i at {@code i*MR*kc + p*MR + r}, rows past mc zero.
     */
    private void packA(Matrix a, int a0, int mc, int kc, Object dst) {
        for (int i = 0; i < mc; i += MR) {
            vk.packPanel(a.buf(), a0 + i * a.rs(), a.rs(), a.cs(), Math.min(MR, mc - i), MR, kc, dst, i * kc);
        }
    }

    /**
     * Packs NR-column micro-panels {@code [j0, j1)} of the {@code kc x nc} block of B at {@code b0}:
     * element (p, j) of panel jp at {@code jp*NR*kc + p*NR + j}, columns past nc zero.
     */
    private void packB(Matrix b, int b0, int kc, int nc, Object dst, int j0, int j1) {
        for (int jp = j0; jp < j1; jp++) {
            int j = jp * nr;
            vk.packPanel(b.buf(), b0 + j * b.cs(), b.cs(), b.rs(), Math.min(nr, nc - j), nr, kc, dst, j * kc);
        }
    }

    /**
     * {@code C = A B} without packing, for small products: the micro-kernel reads A through its
     * strides and B rows in place, which needs {@code b.cs() == 1}. A last partial column panel of B
     * is copied, zero padded, so that the kernel's full-width loads stay inside B. With several
     * threads each takes a share of C's MR-row panels; nothing is shared.
     */
    void direct(int m, int n, int k, Matrix a, Matrix b, Matrix c, int threads) {
        int rowPanels = (m + MR - 1) / MR;
        int tasks = Math.min(threads, rowPanels);
        Parallel.run(tasks, t -> directRows(t * rowPanels / tasks * MR, Math.min(m, (t + 1) * rowPanels / tasks * MR),
                n, k, a, b, c));
    }

    private void directRows(int i0, int i1, int n, int k, Matrix a, Matrix b, Matrix c) {
        Workspace ws = workspace.get();
        Object tile = ws.tile(vk, MR * nr);
        for (int j = 0; j < n; j += nr) {
            int cols = Math.min(nr, n - j);
            Object bBuf = b.buf();
            int bo = b.at(0, j);
            int rsb = b.rs();
            if (cols < nr) {
                bBuf = ws.bPack(vk, k * nr);
                vk.packPanel(b.buf(), bo, 1, rsb, cols, nr, k, bBuf, 0);
                bo = 0;
                rsb = nr;
            }
            for (int i = i0; i < i1; i += MR) {
                int rows = Math.min(MR, i1 - i);
                mk.direct(k, a.buf(), a.at(i, 0), a.rs(), a.cs(), rows, bBuf, bo, rsb, tile);
                mk.writeBack(tile, c.buf(), c.at(i, j), c.rs(), c.cs(), rows, cols, false);
            }
        }
    }

    /** Per-thread buffers, grown on demand and reused across calls. */
    private static final class Workspace {
        private Object aPack;
        private Object bPack;
        private Object tile;

        Object aPack(VectorKernels vk, int n) {
            return aPack = fit(vk, aPack, n);
        }

        Object bPack(VectorKernels vk, int n) {
            return bPack = fit(vk, bPack, n);
        }

        Object tile(VectorKernels vk, int n) {
            return tile = fit(vk, tile, n);
        }

        private static Object fit(VectorKernels vk, Object buf, int n) {
            return buf != null && vk.length(buf) >= n ? buf : vk.newBuffer(n);
        }
    }

    /**
     * Holds the threads of one product together between packing the shared B panel and using it.
     * The parts of {@link Parallel#run} each get a thread, so all arrive. A waiter spins briefly (the
     * parts are balanced, so the others are usually close) and then parks until the last arrives; a
     * part that fails breaks the barrier for the others.
     */
    private static final class Barrier {
        private static final int SPINS = 1 << 10;
        private final int parties;
        private final AtomicInteger arrived = new AtomicInteger();
        private final AtomicReferenceArray<Thread> waiting;
        private volatile int generation;
        private volatile boolean broken;

        Barrier(int parties) {
            this.parties = parties;
            this.waiting = new AtomicReferenceArray<>(parties);
        }

        /** Waits for all parties; {@code part} is the caller's part number. */
        void await(int part) {
            int gen = generation;
            if (arrived.incrementAndGet() == parties) {
                arrived.set(0);
                generation = gen + 1;
                for (int t = 0; t < parties; t++) {
                    Thread w = waiting.get(t);
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
                return;
            }
            for (int spin = 0; spin < SPINS && generation == gen; spin++) {
                Thread.onSpinWait();
            }
            waiting.set(part, Thread.currentThread());
            while (generation == gen) {
                if (broken) {
                    throw new IllegalStateException("another GEMM thread failed");
                }
                LockSupport.park(this);
            }
        }

        void breakDown() {
            broken = true;
            for (int t = 0; t < parties; t++) {
                Thread w = waiting.get(t);
                if (w != null) {
                    LockSupport.unpark(w);
                }
            }
        }
    }
}
