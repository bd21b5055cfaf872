package org.vectorgrad.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C = A B} for the float32 products of small models (a batch of 64 through a 64 x 128 layer,
 * 128 x 10 heads, and their backward forms {@code A^T B} and {@code A B^T}), on the calling thread.
 *
 * <pre>{@code
 * SmallGemm.multiply(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
 * }</pre>
 *
 * <p>B is packed whole into a per-thread buffer first as {@code NR}-column panels (a transposed B by
 * 8 x 8 register transposes), and A too as {@code MR}-row panels unless its rows are contiguous
 * (then the kernel reads four rows in place), so the micro-kernel reads both with constant strides:
 * C2 then hoists every bounds check out of its loop and the loop is the FMAs and loads alone. Reading the operands in place ({@link Gemm#direct})
 * leaves 6 bounds checks and the strided addressing in each k step, which on 2-wide FMA machines
 * caps it near half of the FMA peak; packing costs {@code m k + k n} moves against {@code m n k}
 * multiply-adds, a few per cent at these sizes. There is no k blocking (k is small) and no hand-off
 * to other threads: below {@link SimdLinalg#DIRECT_MAX} multiply-adds the hand-off costs more than
 * a second core gives back.
 *
 * <p>Every element of C is {@code sum_p a_ip * b_pj} accumulated with fused multiply-adds in order
 * {@code p = 0, 1, ..., k - 1} in one lane, whatever the layout and the thread count; panels past
 * the edge of A or B are zero and their results are not stored.
 */
final class SmallGemm {
    private static final VectorSpecies<Float> S = Widths.FLOATS;
    private static final int V = S.length();
    /** Rows of a register tile. */
    static final int MR = 4;
    /** Columns of a register tile: two vectors (8 accumulators, as {@link GemmMicroKernel}). */
    static final int NR = 2 * V;

    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[3][]);

    private SmallGemm() {
    }

    /** {@code c = a @ b}; element (i, j) of x is {@code x[xOff + i * xRs + j * xCs]}. */
    static void multiply(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int cRs, int cCs) {
        if (cost(m, n, k, aRs, aCs, bRs, bCs, cCs) <= cost(n, m, k, bCs, bRs, aCs, aRs, cRs)) {
            product(m, n, k, a, aOff, aRs, aCs, b, bOff, bRs, bCs, c, cOff, cRs, cCs);
        } else {
            product(n, m, k, b, bOff, bCs, bRs, a, aOff, aCs, aRs, c, cOff, cCs, cRs);   // C^T = B^T A^T
        }
    }

    /**
     * Estimated cycles of {@link #product} on 2 FMA pipes: the tiles' k steps (4 cycles each, edge
     * tiles full), packing A (free when its rows are contiguous: the kernel reads them in place) and
     * B (vector copies when its rows are contiguous, else element by element), and storing C
     * element by element when its rows are not contiguous. It picks between C = A B and
     * C^T = B^T A^T, e.g. for {@code h^T g} with 10 columns, better computed as {@code (g^T h)^T}.
     */
    private static long cost(int m, int n, int k, int aRs, int aCs, int bRs, int bCs, int cCs) {
        long tiles = (long) ((m + MR - 1) / MR) * ((n + NR - 1) / NR);
        long packA = aCs == 1 ? 0 : (long) m * k;
        long packB = bCs == 1 ? (long) k * n / V : (long) k * n;
        long store = cCs == 1 ? 0 : (long) m * n;
        return tiles * k * 4 + packA + packB + store;
    }

    private static void product(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs,
                                int bCs, float[] c, int cOff, int cRs, int cCs) {
        int rowPanels = (m + MR - 1) / MR;
        int colPanels = (n + NR - 1) / NR;
        float[][] buffers = BUFFERS.get();
        float[] bp = buffer(buffers, 1, colPanels * NR * k);
        float[] tile = buffer(buffers, 2, MR * NR);
        packB(k, n, b, bOff, bRs, bCs, bp);
        if (aCs == 1) {
            for (int jp = 0; jp < colPanels; jp++) {
                int j = jp * NR;
                int cols = Math.min(NR, n - j);
                for (int i = 0; i < m; i += MR) {
                    int rows = Math.min(MR, m - i);
                    int a0 = aOff + i * aRs;
                    kernelRows(k, a, a0, a0 + Math.min(1, rows - 1) * aRs, a0 + Math.min(2, rows - 1) * aRs,
                            a0 + Math.min(3, rows - 1) * aRs, bp, jp * NR * k, c, cOff + i * cRs + j * cCs, cRs, cCs,
                            rows, cols, tile);
                }
            }
            return;
        }
        float[] ap = buffer(buffers, 0, rowPanels * MR * k);
        packA(m, k, a, aOff, aRs, aCs, ap);
        for (int jp = 0; jp < colPanels; jp++) {
            int j = jp * NR;
            int cols = Math.min(NR, n - j);
            for (int ip = 0; ip < rowPanels; ip++) {
                int i = ip * MR;
                kernel(k, ap, ip * MR * k, bp, jp * NR * k, c, cOff + i * cRs + j * cCs, cRs, cCs, Math.min(MR, m - i),
                        cols, tile);
            }
        }
    }

    private static float[] buffer(float[][] buffers, int which, int n) {
        float[] buf = buffers[which];
        if (buf == null || buf.length < n) {
            buf = buffers[which] = new float[Math.max(n, buf == null ? 0 : buf.length * 2)];
        }
        return buf;
    }

    /** {@code ap[ip*MR*k + p*MR + r] = A[ip*MR + r, p]}, rows past m zero. */
    private static void packA(int m, int k, float[] a, int off, int rs, int cs, float[] ap) {
        for (int i = 0; i < m; i += MR) {
            int rows = Math.min(MR, m - i);
            int dst = i * k;
            int src = off + i * rs;
            if (rows == MR && rs == 1) {
                for (int p = 0; p < k; p++, dst += MR, src += cs) {
                    ap[dst] = a[src];
                    ap[dst + 1] = a[src + 1];
                    ap[dst + 2] = a[src + 2];
                    ap[dst + 3] = a[src + 3];
                }
            } else if (rows == MR) {
                int r1 = src + rs, r2 = src + 2 * rs, r3 = src + 3 * rs;
                for (int p = 0, q = 0; p < k; p++, dst += MR, q += cs) {
                    ap[dst] = a[src + q];
                    ap[dst + 1] = a[r1 + q];
                    ap[dst + 2] = a[r2 + q];
                    ap[dst + 3] = a[r3 + q];
                }
            } else {
                for (int p = 0; p < k; p++, dst += MR) {
                    for (int r = 0; r < MR; r++) {
                        ap[dst + r] = r < rows ? a[src + r * rs + p * cs] : 0f;
                    }
                }
            }
        }
    }

    /** {@code bp[jp*NR*k + p*NR + c] = B[p, jp*NR + c]}, columns past n zero. */
    private static void packB(int k, int n, float[] b, int off, int rs, int cs, float[] bp) {
        for (int j = 0; j < n; j += NR) {
            int cols = Math.min(NR, n - j);
            int dst = j * k;
            int src = off + j * cs;
            if (cols == NR && cs == 1) {
                for (int p = 0; p < k; p++, dst += NR, src += rs) {
                    FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                    FloatVector.fromArray(S, b, src + V).intoArray(bp, dst + V);
                }
            } else if (rs == 1) {
                // columns of B lie along its buffer: a transpose, by 8 x 8 blocks where the CPU has them,
                // the last k % 8 rows element by element (transpose gathers those, and its gathers ran as
                // the Vector API's Java fallback in a profile of the MLP step on AVX2)
                int whole = Widths.BITS >= 256 ? k & -8 : 0;
                ElementwiseKernels.transpose(b, src, cs, bp, dst, NR, whole, cols);
                for (int p = whole; p < k; p++) {
                    for (int c = 0; c < cols; c++) {
                        bp[dst + p * NR + c] = b[src + c * cs + p];
                    }
                }
                zeroColumns(bp, dst, k, cols);
            } else {
                for (int p = 0; p < k; p++, dst += NR) {
                    int sp = src + p * rs;
                    for (int c = 0; c < cols; c++) {
                        bp[dst + c] = b[sp + c * cs];
                    }
                }
                zeroColumns(bp, j * k, k, cols);
            }
        }
    }

    private static void zeroColumns(float[] bp, int dst, int k, int cols) {
        if (cols < NR) {
            for (int p = 0; p < k; p++) {
                java.util.Arrays.fill(bp, dst + p * NR + cols, dst + (p + 1) * NR, 0f);
            }
        }
    }

    /**
     * One {@code MR x NR} tile: the packed A panel at {@code ao} times the packed B panel at
     * {@code bo}, its valid {@code rows x cols} corner stored into C at {@code co}.
     */
    private static void kernel(int k, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int rsc, int csc,
                               int rows, int cols, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < k; p++) {
            int pa = ao + p * MR;
            int pb = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, pb);
            FloatVector b1 = FloatVector.fromArray(S, bp, pb + V);
            FloatVector x0 = FloatVector.broadcast(S, ap[pa]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, ap[pa + 1]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, ap[pa + 2]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, ap[pa + 3]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
        }
        store(c00, c01, c10, c11, c20, c21, c30, c31, c, co, rsc, csc, rows, cols, tile);
    }

    /** {@link #kernel} with A read in place: rows {@code a0..a3} of A, each contiguous along k. */
    private static void kernelRows(int k, float[] a, int a0, int a1, int a2, int a3, float[] bp, int bo, float[] c, int co,
                                   int rsc, int csc, int rows, int cols, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        for (int p = 0; p < k; p++) {
            int pb = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, pb);
            FloatVector b1 = FloatVector.fromArray(S, bp, pb + V);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
        }
        store(c00, c01, c10, c11, c20, c21, c30, c31, c, co, rsc, csc, rows, cols, tile);
    }

    /** Stores the valid {@code rows x cols} corner of a tile's accumulators into C at {@code co}. */
    private static void store(FloatVector c00, FloatVector c01, FloatVector c10, FloatVector c11, FloatVector c20,
                              FloatVector c21, FloatVector c30, FloatVector c31, float[] c, int co, int rsc, int csc,
                              int rows, int cols, float[] tile) {
        if (rows == MR && cols == NR && csc == 1) {
            c00.intoArray(c, co);
            c01.intoArray(c, co + V);
            c10.intoArray(c, co + rsc);
            c11.intoArray(c, co + rsc + V);
            c20.intoArray(c, co + 2 * rsc);
            c21.intoArray(c, co + 2 * rsc + V);
            c30.intoArray(c, co + 3 * rsc);
            c31.intoArray(c, co + 3 * rsc + V);
            return;
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, V);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + V);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + V);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + V);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                c[co + r * rsc + j * csc] = tile[r * NR + j];
            }
        }
    }
}
