package org.vectorgrad.backend.simd;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

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
 *         for ir in 0..MC step MR     (the k blocks after the first: these two loops swapped)
 *           micro-kernel: C[ir:ir+MR, jr:jr+NR] (+)= A micro-panel x B micro-panel
 * </pre>
 *
 * The k blocks after the first load C to add to it, and below 512 bits ({@link #ADDS_ALONG_ROWS})
 * they run the two inner loops the other way round, along C's rows: C's tiles are then met in
 * address order, four rows at a time, which the hardware prefetcher follows, so C is found in cache rather than waited for at the end of each
 * tile's k loop (Java has no prefetch instruction); the B micro-panels stream from L2 or L3
 * instead of staying in L1/L2. On one Zen 3 core, thread CPU time, best of 8, five rounds
 * alternating with the previous build under load (other builds running), n = 2048: 70.7-74.3
 * GFLOP/s before, 72.8-77.5 after, higher in every round by 0.9 to 3.2%. The first k block only
 * stores into C and keeps BLIS's order: all k blocks in row order measured 70.6-73.9 at 2048, and
 * lower than BLIS's order at n = 512 (65-69 against 67-70, one k block).
 *
 * Packing reads the operands through their strides, so a transposed or stepped operand costs no
 * more than a contiguous one and is never copied whole. Partial micro-panels at the edges are
 * zero padded, so the micro-kernel always runs full; it stores a whole block straight into C (rows
 * contiguous), an edge block into a tile that {@link GemmMicroKernel#writeBack} stores through C's
 * strides, overwriting on the first k block and adding on later ones.
 *
 * <p>Large products run on up to {@code threads} threads, BLIS style: in each (jc, pc) step they
 * pack the shared B panel in chunks, then compute C in units that each pack their own A block (in a
 * per-thread buffer). Chunks and units are claimed dynamically ({@link Schedule}), so a busy
 * machine, where one thread may be descheduled for milliseconds, slows a product down instead of
 * stalling it at a barrier. Two kinds of product skip the B phase, so that one of tens of
 * microseconds never waits between threads: C split by columns (short and wide, as a batch of 32
 * through a 784 x 128 layer), where each unit packs just its own B micro-panels into its thread's
 * buffer and a thread packs A (one block when m is at most MC) once per k step rather than once per
 * unit (one thread, 32 x 784 x 128: 115 to 105 us); and C split by rows in a product of one
 * (jc, pc) step (k and n within one panel, e.g. up to 512^3), where each thread packs the whole
 * panel into its own buffer on its first unit. That packs B once per thread, a vector copy per
 * element of B against {@code m / threads} multiply-adds (an estimated 2% at 128^3 on two threads,
 * less above); with the shared panel a 128^3 product gained nothing from a second thread on a quiet
 * machine (0.59 of OpenBLAS on two threads, which gains 1.6x there).
 *
 * <p>Small products take {@link #direct}, which skips packing: the micro-kernel reads A and B where
 * they lie (B rows must be contiguous), only a last partial column panel is copied.
 */
final class Gemm {

    /**
     * Bytes of one B micro-panel (KC x NR): 64 KiB, twice a 32 KiB L1 data cache, so the panel
     * streams from L2 (the kernel's 2 vector loads per 8 FMAs afford L2 hits) and the k loop is cut
     * into fewer blocks. Each block after the first adds the kernel's sums to C, whose lines are
     * then long out of cache (C2 has no prefetch to hide that); halving the passes over C measured
     * +5 to +8% at n = 1024 and 2048 on Zen 3 (one core, one JVM alternating the blockings under
     * load, best of 40 batches: KC 512 70.0 / 69.2 GFLOP/s, KC 1024 74.7 / 72.9, KC 768 71.7 / 70.9,
     * KC 2048 with MC 32 73.6 / 68.9, KC 256 with MC 256 66.9 / 68.0). Fixed, not read
     * from the cache: KC sets where each sum of k products is cut, so it would make results depend
     * on the machine's L1 size; MC and NC change no result and follow the caches. The
     * {@code vectorgrad.gemm.*} properties override the budgets, for tuning.
     */
    private static final int L1_PANEL_BYTES = Integer.getInteger("vectorgrad.gemm.l1", 64 * 1024);
    /**
     * Bytes of one packed A block (MC x KC), kept in L2: half of it, the other half for the B
     * micro-panel streaming through and C's lines (Zen 3, KC 1024: MC 128 measured 74.7 / 72.9
     * GFLOP/s at n = 1024 / 2048, MC 64 73.7 / 72.2, MC 192 and 256 alike to MC 128).
     */
    private static final int L2_BLOCK_BYTES = Integer.getInteger("vectorgrad.gemm.l2", Caches.HOST.l2() / 2);
    /**
     * Whether the k blocks after the first run their tiles along C's rows (see the class comment):
     * below 512 bits only. Each k step of the kernel then reads its two B vectors from a panel that
     * does not fit in L2: at 256 bits 64 bytes per 8 FMAs, which Zen 3's L3 kept up with; at 512
     * bits 128, which an AVX-512 Xeon's L3 (2-core VM, 2 MiB L2, shared 300 MiB L3) did not. There,
     * one core, thread CPU time, best of 8 after 12 s of warm-up, under load (load 8-11): along
     * rows 94.7-97.7 GFLOP/s at n = 1,024 and 71.6-73.4 at 2,048, BLIS's order 116 and 103.
     * The order of the tiles changes no result.
     */
    private static final boolean ADDS_ALONG_ROWS = Widths.BITS < 512;
    /** Bytes of one packed B panel (KC x NC), kept in L3: an eighth of it (shared by the cores), 1 to 8 MiB. */
    private static final int L3_PANEL_BYTES = Integer.getInteger("vectorgrad.gemm.l3",
            Math.clamp(Caches.HOST.l3() / 8, 1 << 20, 8 << 20));

    /**
     * The data cache sizes of the CPU the JVM starts on, in bytes (L1 is read but not used, see
     * {@link #L1_PANEL_BYTES}), read from Linux's
     * {@code /sys/devices/system/cpu/cpu0/cache/index*}; a level not found there (another OS, a
     * container hiding sysfs) takes a common size: 32 KiB, 512 KiB, 32 MiB.
     */
    record Caches(int l1, int l2, int l3) {
        static final Caches DEFAULT = new Caches(32 << 10, 512 << 10, 32 << 20);
        static final Caches HOST = read(Path.of("/sys/devices/system/cpu/cpu0/cache"));

        static Caches read(Path dir) {
            int[] size = {DEFAULT.l1, DEFAULT.l2, DEFAULT.l3};
            try (DirectoryStream<Path> indexes = Files.newDirectoryStream(dir, "index*")) {
                for (Path index : indexes) {
                    String type = Files.readString(index.resolve("type")).strip();
                    int level = Integer.parseInt(Files.readString(index.resolve("level")).strip());
                    int bytes = bytes(Files.readString(index.resolve("size")).strip());
                    if (level >= 1 && level <= 3 && !type.equals("Instruction") && bytes > 0) {
                        size[level - 1] = bytes;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no sysfs, or a format we do not know: keep what was read and the defaults
            }
            return new Caches(size[0], size[1], size[2]);
        }

        /** {@code "32K"}, {@code "1M"} or {@code "512"} as bytes; 0 when unreadable. */
        static int bytes(String size) {
            if (size.isEmpty()) {
                return 0;
            }
            char unit = Character.toUpperCase(size.charAt(size.length() - 1));
            int shift = unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : 0;
            String digits = shift == 0 ? size : size.substring(0, size.length() - 1);
            try {
                long b = Long.parseLong(digits) << shift;
                return b > 0 && b <= Integer.MAX_VALUE ? (int) b : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

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
        Parallel.run(threads, new Schedule(m, n, k, a, b, c, bPack, threads));
    }

    /**
     * The tasks of one product, in order: for each (jc, pc) step, chunks of B micro-panels to pack
     * into the shared panel (none when {@link #privateB}), then units of C (MR-aligned row blocks, or groups of micro-panels when
     * C is short and wide), each packing its own A block. Threads claim tasks from one counter, so a
     * thread the OS has descheduled holds up only the task it is on, and the caller does everything
     * when the pool is slow to start. A task starts once every task of the previous phase is done:
     * a unit needs its step's whole B panel, and packing must wait until the previous step's units
     * are done with the buffer. Tasks are claimed in order and wait only for earlier ones, so the
     * lowest unfinished task can always run. It is the job {@link Parallel#run} hands each thread
     * (a class rather than a capturing lambda, whose first call links new method-handle forms: see
     * {@link SmallGemm}).
     */
    private final class Schedule implements IntConsumer {
        private static final int TASKS_PER_THREAD = 4;
        /**
         * Elements of B up to which each thread of a one-step product packs its own copy: 512^3,
         * the largest product that took this path while KC was 512. Above, a copy per thread
         * costs more than the one wait for the shared panel (1024^3: 4 MiB packed per thread).
         */
        private static final long PRIVATE_B_MAX = 512 * 512;
        private static final int SPINS = 1 << 10;

        private final int m;
        private final int n;
        private final int k;
        private final Matrix a;
        private final Matrix b;
        private final Matrix c;
        private final Object bPack;
        private final boolean byRows;
        private final int rowStep;
        private final int panelStep;
        /**
         * No B phase: C split by columns (each unit packs just its own panels, nothing is packed
         * twice), or by rows in a product of one (jc, pc) step with at most {@link #PRIVATE_B_MAX}
         * elements of B (each thread packs the whole panel).
         */
        private final boolean privateB;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicReferenceArray<Thread> waiting;
        private volatile boolean failed;

        Schedule(int m, int n, int k, Matrix a, Matrix b, Matrix c, Object bPack, int threads) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.b = b;
            this.c = c;
            this.bPack = bPack;
            int pieces = threads * TASKS_PER_THREAD;
            int panels = (Math.min(ncMax, n) + nr - 1) / nr;
            this.byRows = m >= Math.min(ncMax, n);
            this.rowStep = Math.min(mcMax, ((m + pieces - 1) / pieces + MR - 1) / MR * MR);
            this.panelStep = (panels + pieces - 1) / pieces;
            this.privateB = threads > 1 && (!byRows || k <= kcMax && n <= ncMax && (long) k * n <= PRIVATE_B_MAX);
            this.waiting = new AtomicReferenceArray<>(threads);
        }

        /** The loop every thread runs; {@code part} is its number in {@link Parallel#run}. */
        @Override
        public void accept(int part) {
            try {
                int first = 0;
                for (int jc = 0; jc < n; jc += ncMax) {
                    int nc = Math.min(ncMax, n - jc);
                    int panels = (nc + nr - 1) / nr;
                    int panelGroups = (panels + panelStep - 1) / panelStep;
                    int chunks = privateB ? 0 : panelGroups;
                    int units = byRows ? (m + rowStep - 1) / rowStep : panelGroups;
                    for (int pc = 0; pc < k; pc += kcMax, first += chunks + units) {
                        int kc = Math.min(kcMax, k - pc);
                        Object ownB = null;   // this thread's copy of the panel, when privateB
                        boolean ownA = false;   // this thread's buffer holds all of A's rows for this step
                        for (int i; (i = claim(part, first, first + chunks)) >= 0; ) {
                            int j0 = (i - first) * panelStep;
                            packB(b, b.at(pc, jc), kc, nc, bPack, j0, Math.min(panels, j0 + panelStep));
                            finish();
                        }
                        for (int i; (i = claim(part, first + chunks, first + chunks + units)) >= 0; ) {
                            int u = i - first - chunks;
                            int j0 = byRows ? 0 : u * panelStep;
                            int j1 = byRows ? panels : Math.min(panels, j0 + panelStep);
                            Object panel = bPack;
                            if (privateB) {
                                // rows of C: the whole panel, once per thread; columns: just this unit's panels
                                if (ownB == null || !byRows) {
                                    ownB = workspace.get().bPack(vk, panels * nr * kc);
                                    packB(b, b.at(pc, jc), kc, nc, ownB, j0, j1);
                                }
                                panel = ownB;
                            }
                            int i0 = byRows ? u * rowStep : 0;
                            int i1 = byRows ? Math.min(m, (u + 1) * rowStep) : m;
                            // by columns, A is one block when m <= MC: packed once per thread and step, not per unit
                            block(a, pc, c, jc, i0, i1, kc, panel, j0, j1, nc, pc > 0, ownA);
                            ownA = !byRows && m <= mcMax;
                            finish();
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                failed = true;
                wakeAll();
                throw e;
            }
        }

        /**
         * Claims the next task if it lies before {@code to} and waits until the {@code from} tasks
         * before its phase are done; -1 when the phase {@code [from, to)} is all claimed.
         */
        private int claim(int part, int from, int to) {
            for (int i = next.get(); i < to; i = next.get()) {
                if (next.compareAndSet(i, i + 1)) {
                    awaitDone(part, from);
                    return i;
                }
            }
            return -1;
        }

        private void awaitDone(int part, int count) {
            for (int spin = 0; spin < SPINS && done.get() < count; spin++) {
                Thread.onSpinWait();
            }
            if (done.get() >= count) {
                return;
            }
            waiting.set(part, Thread.currentThread());
            try {
                while (done.get() < count) {
                    if (failed) {
                        throw new IllegalStateException("another GEMM thread failed");
                    }
                    LockSupport.park(this);
                }
            } finally {
                waiting.set(part, null);
            }
        }

        private void finish() {
            done.incrementAndGet();
            wakeAll();
        }

        private void wakeAll() {
            for (int w = 0; w < waiting.length(); w++) {
                Thread t = waiting.get(w);
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        }
    }

    /**
     * One thread's share of a (jc, pc) step: rows {@code [i0, i1)} of C against B micro-panels
     * {@code [j0, j1)} of the packed panel, in MC-row A blocks packed into this thread's buffer.
     */
    private void block(Matrix a, int pc, Matrix c, int jc, int i0, int i1, int kc, Object bPack,
                       int j0, int j1, int nc, boolean add, boolean aPacked) {
        Workspace ws = workspace.get();
        Object tile = ws.tile(vk, MR * nr);
        for (int ic = i0; ic < i1; ic += mcMax) {
            int mc = Math.min(mcMax, i1 - ic);
            Object aPack = ws.aPack(vk, (mc + MR - 1) / MR * MR * kc);
            if (!aPacked) {
                packA(a, a.at(ic, pc), mc, kc, aPack);
            }
            // tile t: along C's rows when adding to C below 512 bits (see the class comment), else down B's micro-panels
            boolean alongRows = add && ADDS_ALONG_ROWS;
            int rowTiles = (mc + MR - 1) / MR;
            int colTiles = j1 - j0;
            for (int t = 0; t < rowTiles * colTiles; t++) {
                int ir = (alongRows ? t / colTiles : t % rowTiles) * MR;
                int jp = j0 + (alongRows ? t % colTiles : t / rowTiles);
                int rows = Math.min(MR, mc - ir);
                int jr = jp * nr;
                int cols = Math.min(nr, nc - jr);
                int co = c.at(ic + ir, jc + jr);
                if (rows == MR && cols == nr && c.cs() == 1) {
                    mk.packed(kc, aPack, ir * kc, bPack, jp * nr * kc, c.buf(), co, c.rs(), add);
                } else {
                    mk.packed(kc, aPack, ir * kc, bPack, jp * nr * kc, tile, 0, nr, false);
                    mk.writeBack(tile, c.buf(), co, c.rs(), c.cs(), rows, cols, add);
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
            if (mc - i >= MR) {
                mk.packA(a.buf(), a0 + i * a.rs(), a.rs(), a.cs(), kc, dst, i * kc);
            } else {
                vk.packPanel(a.buf(), a0 + i * a.rs(), a.rs(), a.cs(), mc - i, MR, kc, dst, i * kc);
            }
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
        Parallel.run(tasks, new DirectRows(this, m, n, k, a, b, c, rowPanels, tasks));
    }

    /** Part {@code t} of {@link #direct}: a share of C's MR-row panels (a class, not a lambda: see {@link Schedule}). */
    private record DirectRows(Gemm gemm, int m, int n, int k, Matrix a, Matrix b, Matrix c, int rowPanels, int tasks)
            implements IntConsumer {
        @Override
        public void accept(int t) {
            gemm.directRows(t * rowPanels / tasks * MR, Math.min(m, (t + 1) * rowPanels / tasks * MR), n, k, a, b, c);
        }
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
                if (rows == MR && cols == nr && c.cs() == 1) {
                    mk.direct(k, a.buf(), a.at(i, 0), a.rs(), a.cs(), rows, bBuf, bo, rsb, c.buf(), c.at(i, j), c.rs(), false);
                } else {
                    mk.direct(k, a.buf(), a.at(i, 0), a.rs(), a.cs(), rows, bBuf, bo, rsb, tile, 0, nr, false);
                    mk.writeBack(tile, c.buf(), c.at(i, j), c.rs(), c.cs(), rows, cols, false);
                }
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
}
