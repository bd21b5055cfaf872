package org.vectorgrad.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one part of {@link Gemm} written for the machine: an {@code MR x NR} block of C kept in
 * {@code MR * 2} vector registers while it accumulates {@code kc} rank-1 updates, each a broadcast
 * element of A times two vectors of a row of B, fused multiply-add.
 *
 * <p>{@code MR = 6} rows and {@code NR = 2} vectors of the preferred species: 12 accumulators, 2 B
 * vectors and one broadcast A element fill 15 of AVX2's 16 vector registers (NR = 16 floats or 8
 * doubles). On AVX-512 the same shape uses 16-lane vectors (NR = 32 floats), which still fits.
 * The accumulators are plain local variables, never an array, so that the JIT keeps them in
 * registers; each k step is 2 loads, 6 broadcasts and 12 FMAs.
 *
 * <p>A is read at {@code a[ao + r*rsa + p*csa]} and B at {@code b[bo + p*rsb + j]}: packed panels use
 * {@code rsa = 1, csa = MR, rsb = NR}; the no-packing path for small products passes the operands'
 * own strides (B rows must be contiguous there). Rows past {@code rows} repeat the last valid row of
 * A, so the kernel never reads outside A; their results are dropped by {@link #writeBack}.
 */
abstract sealed class GemmMicroKernel permits GemmMicroKernel.F32, GemmMicroKernel.F64 {

    static final int MR = 6;

    static final GemmMicroKernel FLOAT32 = new F32();
    static final GemmMicroKernel FLOAT64 = new F64();

    /** Columns of C one call computes: two vectors. */
    final int nr;

    private GemmMicroKernel(int lanes) {
        this.nr = 2 * lanes;
    }

    /**
     * {@code tile[r*NR + j] = sum_{p < kc} A(r, p) * B(p, j)} for {@code r < MR, j < NR}; rows past
     * {@code rows} repeat row {@code rows - 1}.
     */
    abstract void multiply(int kc, Object a, int ao, int rsa, int csa, int rows, Object b, int bo, int rsb, Object tile);

    /**
     * Stores the valid {@code rows x cols} corner of a tile into C at {@code c[co + r*rsc + j*csc]},
     * adding to what is there when {@code add} (for every k block after the first).
     */
    abstract void writeBack(Object tile, Object c, int co, int rsc, int csc, int rows, int cols, boolean add);

    private static int row(int ao, int rsa, int r, int rows) {
        return ao + Math.min(r, rows - 1) * rsa;
    }

    static final class F32 extends GemmMicroKernel {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int V = S.length();
        private static final int NR = 2 * V;

        F32() {
            super(V);
        }

        @Override
        void multiply(int kc, Object aBuf, int ao, int rsa, int csa, int rows, Object bBuf, int bo, int rsb, Object tileBuf) {
            float[] a = (float[]) aBuf;
            float[] b = (float[]) bBuf;
            float[] t = (float[]) tileBuf;
            int a0 = row(ao, rsa, 0, rows), a1 = row(ao, rsa, 1, rows), a2 = row(ao, rsa, 2, rows);
            int a3 = row(ao, rsa, 3, rows), a4 = row(ao, rsa, 4, rows), a5 = row(ao, rsa, 5, rows);
            FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
            FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
            for (int p = 0, pa = 0, pb = bo; p < kc; p++, pa += csa, pb += rsb) {
                FloatVector b0 = FloatVector.fromArray(S, b, pb);
                FloatVector b1 = FloatVector.fromArray(S, b, pb + V);
                FloatVector x = FloatVector.broadcast(S, a[a0 + pa]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[a1 + pa]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[a2 + pa]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[a3 + pa]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, a[a4 + pa]);
                c40 = x.fma(b0, c40);
                c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, a[a5 + pa]);
                c50 = x.fma(b0, c50);
                c51 = x.fma(b1, c51);
            }
            c00.intoArray(t, 0);
            c01.intoArray(t, V);
            c10.intoArray(t, NR);
            c11.intoArray(t, NR + V);
            c20.intoArray(t, 2 * NR);
            c21.intoArray(t, 2 * NR + V);
            c30.intoArray(t, 3 * NR);
            c31.intoArray(t, 3 * NR + V);
            c40.intoArray(t, 4 * NR);
            c41.intoArray(t, 4 * NR + V);
            c50.intoArray(t, 5 * NR);
            c51.intoArray(t, 5 * NR + V);
        }

        @Override
        void writeBack(Object tileBuf, Object cBuf, int co, int rsc, int csc, int rows, int cols, boolean add) {
            float[] t = (float[]) tileBuf;
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
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int V = S.length();
        private static final int NR = 2 * V;

        F64() {
            super(V);
        }

        @Override
        void multiply(int kc, Object aBuf, int ao, int rsa, int csa, int rows, Object bBuf, int bo, int rsb, Object tileBuf) {
            double[] a = (double[]) aBuf;
            double[] b = (double[]) bBuf;
            double[] t = (double[]) tileBuf;
            int a0 = row(ao, rsa, 0, rows), a1 = row(ao, rsa, 1, rows), a2 = row(ao, rsa, 2, rows);
            int a3 = row(ao, rsa, 3, rows), a4 = row(ao, rsa, 4, rows), a5 = row(ao, rsa, 5, rows);
            DoubleVector c00 = DoubleVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
            DoubleVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
            for (int p = 0, pa = 0, pb = bo; p < kc; p++, pa += csa, pb += rsb) {
                DoubleVector b0 = DoubleVector.fromArray(S, b, pb);
                DoubleVector b1 = DoubleVector.fromArray(S, b, pb + V);
                DoubleVector x = DoubleVector.broadcast(S, a[a0 + pa]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = DoubleVector.broadcast(S, a[a1 + pa]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = DoubleVector.broadcast(S, a[a2 + pa]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = DoubleVector.broadcast(S, a[a3 + pa]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                x = DoubleVector.broadcast(S, a[a4 + pa]);
                c40 = x.fma(b0, c40);
                c41 = x.fma(b1, c41);
                x = DoubleVector.broadcast(S, a[a5 + pa]);
                c50 = x.fma(b0, c50);
                c51 = x.fma(b1, c51);
            }
            c00.intoArray(t, 0);
            c01.intoArray(t, V);
            c10.intoArray(t, NR);
            c11.intoArray(t, NR + V);
            c20.intoArray(t, 2 * NR);
            c21.intoArray(t, 2 * NR + V);
            c30.intoArray(t, 3 * NR);
            c31.intoArray(t, 3 * NR + V);
            c40.intoArray(t, 4 * NR);
            c41.intoArray(t, 4 * NR + V);
            c50.intoArray(t, 5 * NR);
            c51.intoArray(t, 5 * NR + V);
        }

        @Override
        void writeBack(Object tileBuf, Object cBuf, int co, int rsc, int csc, int rows, int cols, boolean add) {
            double[] t = (double[]) tileBuf;
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
