package org.vectorgrad.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one part of {@link Gemm} written for the machine: an {@code MR x NR} block of C kept in
 * vector registers while it accumulates {@code kc} rank-1 updates, each a broadcast element of A
 * times two vectors of a row of B, fused multiply-add.
 *
 * <p>{@code MR = 4} rows by {@code NR = 2} vectors of the preferred species (16 floats or 8 doubles
 * on AVX2, twice that on AVX-512): 8 accumulators, enough independent FMAs to cover the FMA latency
 * on two pipes (4 cycles x 2), plus 2 B vectors and up to 4 broadcasts, 14 registers, so that C2
 * never spills even when it hoists the broadcasts. Larger blocks, which BLAS libraries use on AVX2
 * (6 x 16, 4 x 24), need 12 accumulators, and C2 (JDK 25) then spills: in isolation, kc = 256, one
 * Zen 3 core, 4 x 16 ran at 84 GFLOP/s, 6 x 16 at 17, 4 x 24 at 36, 3 x 32 at 22. The
 * accumulators are plain locals, never an array; each k step is 2 vector loads, 4 broadcasts and 8
 * FMAs.
 *
 * <p>{@link #packed} reads packed micro-panels with constant strides, which lets C2 hoist every
 * bounds check out of the loop (about 95% of the FMA peak on Zen 3); {@link #direct} reads the
 * operands where they lie, for small products that are not worth packing. Both store a whole
 * {@code MR x NR} block, into C where it is whole and its rows contiguous, else into a tile whose
 * valid corner {@link #writeBack} stores into C.
 */
abstract sealed class GemmMicroKernel permits GemmMicroKernel.F32, GemmMicroKernel.F64 {

    static final int MR = 4;

    static final GemmMicroKernel FLOAT32 = new F32();
    static final GemmMicroKernel FLOAT64 = new F64();

    /** Columns of C one call computes: two vectors. */
    final int nr;

    private GemmMicroKernel(int lanes) {
        this.nr = 2 * lanes;
    }

    /**
     * Whether the vector kernels below run; false from the start of {@link Warmup} until it has seen
     * the float32 ones compiled
     * (interpreted or C1-compiled Vector API code boxes every vector and runs hundreds of times
     * slower), and then {@link #scalar} runs instead: plain {@code Math.fma} loops that the
     * interpreter and C1 run well and that compute every element with the same operations in the
     * same order, so the switch, which depends on timing, changes no bit of any result.
     */
    static volatile boolean vectorsReady = true;

    /**
     * {@code d[d0 + r*rsd + j] (+)= sum_{p < kc} a[ao + p*MR + r] * b[bo + p*NR + j]}: the product of
     * a packed A micro-panel and a packed B micro-panel, stored (or added, when {@code add}) into
     * rows of NR contiguous elements: straight into C when its block is whole and its rows
     * contiguous, else into a tile ({@code rsd = NR}) for {@link #writeBack}.
     */
    final void packed(int kc, Object a, int ao, Object b, int bo, Object d, int d0, int rsd, boolean add) {
        if (vectorsReady) {
            packedVectors(kc, a, ao, b, bo, d, d0, rsd, add);
        } else {
            scalar(kc, a, ao, 1, MR, MR, b, bo, nr, d, d0, rsd, add);
        }
    }

    /**
     * {@code d[d0 + r*rsd + j] (+)= sum_{p < kc} a[ao + r*rsa + p*csa] * b[bo + p*rsb + j]} for
     * operands in place (B rows contiguous for NR elements). Rows past {@code rows} repeat row
     * {@code rows - 1}, so the kernel never reads outside A; they must go to a tile, whose
     * {@link #writeBack} drops them.
     */
    final void direct(int kc, Object a, int ao, int rsa, int csa, int rows, Object b, int bo, int rsb,
                      Object d, int d0, int rsd, boolean add) {
        if (vectorsReady) {
            directVectors(kc, a, ao, rsa, csa, rows, b, bo, rsb, d, d0, rsd, add);
        } else {
            scalar(kc, a, ao, rsa, csa, rows, b, bo, rsb, d, d0, rsd, add);
        }
    }

    /** {@link #packed} in vector registers, whatever {@link #vectorsReady} says (the warm-up calls it). */
    abstract void packedVectors(int kc, Object a, int ao, Object b, int bo, Object d, int d0, int rsd, boolean add);

    /** {@link #direct} in vector registers, whatever {@link #vectorsReady} says (the warm-up calls it). */
    abstract void directVectors(int kc, Object a, int ao, int rsa, int csa, int rows, Object b, int bo, int rsb,
                                Object d, int d0, int rsd, boolean add);

    /**
     * {@link #direct} one element at a time, each lane's sum as the vector kernels form it:
     * {@code acc = fma(a, b, acc)} from 0 in order of p, then stored or added to {@code d}.
     */
    abstract void scalar(int kc, Object a, int ao, int rsa, int csa, int rows, Object b, int bo, int rsb,
                         Object d, int d0, int rsd, boolean add);

    /**
     * Packs MR whole rows of A, {@code src[pos + r*rs + p*cs]} for {@code p < kc}, as one micro-panel
     * {@code dst[dstPos + p*MR + r]}. Unrolled by MR with no inner loop, so packing costs about 1%
     * of the product instead of the 10% of a general copy loop.
     */
    abstract void packA(Object src, int pos, int rs, int cs, int kc, Object dst, int dstPos);

    /**
     * Stores the valid {@code rows x cols} corner of a tile into C at {@code c[co + r*rsc + j*csc]},
     * adding to what is there when {@code add} (every k block after the first).
     */
    abstract void writeBack(Object tile, Object c, int co, int rsc, int csc, int rows, int cols, boolean add);

    private static int row(int ao, int rsa, int r, int rows) {
        return ao + Math.min(r, rows - 1) * rsa;
    }

    static final class F32 extends GemmMicroKernel {
        private static final VectorSpecies<Float> S = Widths.FLOATS;
        private static final int V = S.length();
        private static final int NR = 2 * V;

        F32() {
            super(V);
        }

        @Override
        void packedVectors(int kc, Object aBuf, int ao, Object bBuf, int bo, Object d, int d0, int rsd, boolean add) {
            float[] a = (float[]) aBuf;
            float[] b = (float[]) bBuf;
            float[] out = (float[]) d;
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
            for (int p = 0, pa = ao, pb = bo; p < kc; p++, pa += MR, pb += NR) {
                FloatVector b0 = FloatVector.fromArray(S, b, pb);
                FloatVector b1 = FloatVector.fromArray(S, b, pb + V);
                FloatVector x0 = FloatVector.broadcast(S, a[pa]);
                c00 = x0.fma(b0, c00);
                c01 = x0.fma(b1, c01);
                FloatVector x1 = FloatVector.broadcast(S, a[pa + 1]);
                c10 = x1.fma(b0, c10);
                c11 = x1.fma(b1, c11);
                FloatVector x2 = FloatVector.broadcast(S, a[pa + 2]);
                c20 = x2.fma(b0, c20);
                c21 = x2.fma(b1, c21);
                FloatVector x3 = FloatVector.broadcast(S, a[pa + 3]);
                c30 = x3.fma(b0, c30);
                c31 = x3.fma(b1, c31);
            }
            store(c00, c01, out, d0, add);
            store(c10, c11, out, d0 + rsd, add);
            store(c20, c21, out, d0 + 2 * rsd, add);
            store(c30, c31, out, d0 + 3 * rsd, add);
        }

        @Override
        void directVectors(int kc, Object aBuf, int ao, int rsa, int csa, int rows, Object bBuf, int bo, int rsb,
                    Object d, int d0, int rsd, boolean add) {
            float[] a = (float[]) aBuf;
            float[] b = (float[]) bBuf;
            float[] out = (float[]) d;
            int a0 = row(ao, rsa, 0, rows), a1 = row(ao, rsa, 1, rows), a2 = row(ao, rsa, 2, rows), a3 = row(ao, rsa, 3, rows);
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
            for (int p = 0, pa = 0, pb = bo; p < kc; p++, pa += csa, pb += rsb) {
                FloatVector b0 = FloatVector.fromArray(S, b, pb);
                FloatVector b1 = FloatVector.fromArray(S, b, pb + V);
                FloatVector x0 = FloatVector.broadcast(S, a[a0 + pa]);
                c00 = x0.fma(b0, c00);
                c01 = x0.fma(b1, c01);
                FloatVector x1 = FloatVector.broadcast(S, a[a1 + pa]);
                c10 = x1.fma(b0, c10);
                c11 = x1.fma(b1, c11);
                FloatVector x2 = FloatVector.broadcast(S, a[a2 + pa]);
                c20 = x2.fma(b0, c20);
                c21 = x2.fma(b1, c21);
                FloatVector x3 = FloatVector.broadcast(S, a[a3 + pa]);
                c30 = x3.fma(b0, c30);
                c31 = x3.fma(b1, c31);
            }
            store(c00, c01, out, d0, add);
            store(c10, c11, out, d0 + rsd, add);
            store(c20, c21, out, d0 + 2 * rsd, add);
            store(c30, c31, out, d0 + 3 * rsd, add);
        }

        @Override
        void scalar(int kc, Object aBuf, int ao, int rsa, int csa, int rows, Object bBuf, int bo, int rsb,
                    Object d, int d0, int rsd, boolean add) {
            float[] a = (float[]) aBuf;
            float[] b = (float[]) bBuf;
            float[] out = (float[]) d;
            float[] acc = new float[NR];
            for (int r = 0; r < MR; r++) {
                java.util.Arrays.fill(acc, 0);
                int ar = row(ao, rsa, r, rows);
                for (int p = 0, pb = bo; p < kc; p++, pb += rsb) {
                    float x = a[ar + p * csa];
                    for (int j = 0; j < NR; j++) {
                        acc[j] = Math.fma(x, b[pb + j], acc[j]);
                    }
                }
                for (int j = 0, at = d0 + r * rsd; j < NR; j++, at++) {
                    out[at] = add ? acc[j] + out[at] : acc[j];
                }
            }
        }

        /** Row {@code at} of a block: two vectors, added to what is there when {@code add}. */
        private static void store(FloatVector v0, FloatVector v1, float[] d, int at, boolean add) {
            if (add) {
                v0 = v0.add(FloatVector.fromArray(S, d, at));
                v1 = v1.add(FloatVector.fromArray(S, d, at + V));
            }
            v0.intoArray(d, at);
            v1.intoArray(d, at + V);
        }

        @Override
        void packA(Object src, int pos, int rs, int cs, int kc, Object dst, int dstPos) {
            float[] s = (float[]) src;
            float[] d = (float[]) dst;
            for (int p = 0, sp = pos, dp = dstPos; p < kc; p++, sp += cs, dp += MR) {
                d[dp] = s[sp];
                d[dp + 1] = s[sp + rs];
                d[dp + 2] = s[sp + 2 * rs];
                d[dp + 3] = s[sp + 3 * rs];
            }
        }

        @Override
        void writeBack(Object tile, Object cBuf, int co, int rsc, int csc, int rows, int cols, boolean add) {
            float[] t = (float[]) tile;
            float[] c = (float[]) cBuf;
            if (csc == 1 && cols == NR) {
                for (int r = 0; r < rows; r++) {
                    int cr = co + r * rsc;
                    FloatVector v0 = FloatVector.fromArray(S, t, r * NR);
                    FloatVector v1 = FloatVector.fromArray(S, t, r * NR + V);
                    if (add) {
                        v0 = v0.add(FloatVector.fromArray(S, c, cr));
                        v1 = v1.add(FloatVector.fromArray(S, c, cr + V));
                    }
                    v0.intoArray(c, cr);
                    v1.intoArray(c, cr + V);
                }
                return;
            }
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int ci = co + r * rsc + j * csc;
                    c[ci] = add ? c[ci] + t[r * NR + j] : t[r * NR + j];
                }
            }
        }
    }

    static final class F64 extends GemmMicroKernel {
        private static final VectorSpecies<Double> S = Widths.DOUBLES;
        private static final int V = S.length();
        private static final int NR = 2 * V;

        F64() {
            super(V);
        }

        @Override
        void packedVectors(int kc, Object aBuf, int ao, Object bBuf, int bo, Object d, int d0, int rsd, boolean add) {
            double[] a = (double[]) aBuf;
            double[] b = (double[]) bBuf;
            double[] out = (double[]) d;
            DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
            for (int p = 0, pa = ao, pb = bo; p < kc; p++, pa += MR, pb += NR) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
                DoubleVector b1 = DoubleVector.fromArray(S, b, pb + V);
                DoubleVector x0 = DoubleVector.broadcast(S, a[pa]);
                c00 = x0.fma(b0, c00);
                c01 = x0.fma(b1, c01);
                DoubleVector x1 = DoubleVector.broadcast(S, a[pa + 1]);
                c10 = x1.fma(b0, c10);
                c11 = x1.fma(b1, c11);
                DoubleVector x2 = DoubleVector.broadcast(S, a[pa + 2]);
                c20 = x2.fma(b0, c20);
                c21 = x2.fma(b1, c21);
                DoubleVector x3 = DoubleVector.broadcast(S, a[pa + 3]);
                c30 = x3.fma(b0, c30);
                c31 = x3.fma(b1, c31);
            }
            store(c00, c01, out, d0, add);
            store(c10, c11, out, d0 + rsd, add);
            store(c20, c21, out, d0 + 2 * rsd, add);
            store(c30, c31, out, d0 + 3 * rsd, add);
        }

        @Override
        void directVectors(int kc, Object aBuf, int ao, int rsa, int csa, int rows, Object bBuf, int bo, int rsb,
                    Object d, int d0, int rsd, boolean add) {
            double[] a = (double[]) aBuf;
            double[] b = (double[]) bBuf;
            double[] out = (double[]) d;
            int a0 = row(ao, rsa, 0, rows), a1 = row(ao, rsa, 1, rows), a2 = row(ao, rsa, 2, rows), a3 = row(ao, rsa, 3, rows);
            DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
            for (int p = 0, pa = 0, pb = bo; p < kc; p++, pa += csa, pb += rsb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
                DoubleVector b1 = DoubleVector.fromArray(S, b, pb + V);
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + pa]);
                c00 = x0.fma(b0, c00);
                c01 = x0.fma(b1, c01);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + pa]);
                c10 = x1.fma(b0, c10);
                c11 = x1.fma(b1, c11);
                DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + pa]);
                c20 = x2.fma(b0, c20);
                c21 = x2.fma(b1, c21);
                DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + pa]);
                c30 = x3.fma(b0, c30);
                c31 = x3.fma(b1, c31);
            }
            store(c00, c01, out, d0, add);
            store(c10, c11, out, d0 + rsd, add);
            store(c20, c21, out, d0 + 2 * rsd, add);
            store(c30, c31, out, d0 + 3 * rsd, add);
        }

        @Override
        void scalar(int kc, Object aBuf, int ao, int rsa, int csa, int rows, Object bBuf, int bo, int rsb,
                    Object d, int d0, int rsd, boolean add) {
            double[] a = (double[]) aBuf;
            double[] b = (double[]) bBuf;
            double[] out = (double[]) d;
            double[] acc = new double[NR];
            for (int r = 0; r < MR; r++) {
                java.util.Arrays.fill(acc, 0);
                int ar = row(ao, rsa, r, rows);
                for (int p = 0, pb = bo; p < kc; p++, pb += rsb) {
                    double x = a[ar + p * csa];
                    for (int j = 0; j < NR; j++) {
                        acc[j] = Math.fma(x, b[pb + j], acc[j]);
                    }
                }
                for (int j = 0, at = d0 + r * rsd; j < NR; j++, at++) {
                    out[at] = add ? acc[j] + out[at] : acc[j];
                }
            }
        }

        /** Row {@code at} of a block: two vectors, added to what is there when {@code add}. */
        private static void store(DoubleVector v0, DoubleVector v1, double[] d, int at, boolean add) {
            if (add) {
                v0 = v0.add(DoubleVector.fromArray(S, d, at));
                v1 = v1.add(DoubleVector.fromArray(S, d, at + V));
            }
            v0.intoArray(d, at);
            v1.intoArray(d, at + V);
        }

        @Override
        void packA(Object src, int pos, int rs, int cs, int kc, Object dst, int dstPos) {
            double[] s = (double[]) src;
            double[] d = (double[]) dst;
            for (int p = 0, sp = pos, dp = dstPos; p < kc; p++, sp += cs, dp += MR) {
                d[dp] = s[sp];
                d[dp + 1] = s[sp + rs];
                d[dp + 2] = s[sp + 2 * rs];
                d[dp + 3] = s[sp + 3 * rs];
            }
        }

        @Override
        void writeBack(Object tile, Object cBuf, int co, int rsc, int csc, int rows, int cols, boolean add) {
            double[] t = (double[]) tile;
            double[] c = (double[]) cBuf;
            if (csc == 1 && cols == NR) {
                for (int r = 0; r < rows; r++) {
                    int cr = co + r * rsc;
                    DoubleVector v0 = DoubleVector.fromArray(S, t, r * NR);
                    DoubleVector v1 = DoubleVector.fromArray(S, t, r * NR + V);
                    if (add) {
                        v0 = v0.add(DoubleVector.fromArray(S, c, cr));
                        v1 = v1.add(DoubleVector.fromArray(S, c, cr + V));
                    }
                    v0.intoArray(c, cr);
                    v1.intoArray(c, cr + V);
                }
                return;
            }
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    int ci = co + r * rsc + j * csc;
                    c[ci] = add ? c[ci] + t[r * NR + j] : t[r * NR + j];
                }
            }
        }
    }
}
