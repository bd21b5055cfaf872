package org.vectorgrad.backend.simd;

import java.util.function.IntConsumer;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.scalar.ScalarBackend;
import org.vectorgrad.backend.simd.Gemm.Matrix;

/**
 * Dot products and batched matrix products of float32 and float64 tensors with the JDK Vector API;
 * other dtypes go to the scalar reference backend. {@code SimdBackend} forwards the {@link Backend}
 * SPI's {@code dot} and {@code matmul} here.
 *
 * <pre>{@code
 * float[] a = {1, 2, 3, 4, 5, 6}, b = {1, 0, 0, 1, 1, 1}, c = new float[4];
 * SimdLinalg.matmul(DType.FLOAT32, a, Layout.contiguous(1, 2, 3), b, Layout.contiguous(1, 3, 2),
 *                   c, Layout.contiguous(1, 2, 2));   // c = {4, 5, 10, 11}
 * }</pre>
 *
 * <p>Which path a product takes: {@code n == 1} is a matrix-vector product and {@code m == 1} a
 * vector-matrix product (the same kernel on the transposed problem), both with multiple FMA
 * accumulators and gathers for strided operands; small float32 products (those of small models, in
 * any layout) take {@link SmallGemm}, split by columns of C from 2^20 multiply-adds, small float64 ones run the GEMM
 * micro-kernel directly on the operands; larger ones go through {@link Gemm}'s packed panels, on up to
 * {@link Backends#threads()} threads when large enough to pay for it.
 *
 * <p><b>Accuracy.</b> Every element is a sum of {@code k} products accumulated in the dtype with
 * fused multiply-adds, in an order that depends on the path (vector lanes, k blocks). Whatever the
 * order, the standard bound for recursive summation applies:
 * {@code |c_ij - exact_ij| <= k * eps * sum_p |a_ip * b_pj|} (to first order in {@code eps}, the
 * unit roundoff {@code 2^-24} for float32 and {@code 2^-53} for float64), and likewise for dot.
 */
public final class SimdLinalg {

    /**
     * Products with {@code m * n * k} at most this skip packing. Measured on Zen 3 with
     * MatmulBenchmark.simdSmall (median, float32, square): direct 36 / 59 / 66 / 63 GFLOP/s at
     * n = 32 / 64 / 96 / 128, packed 20 / 49 / 61 / 68, so the crossover is between 96 and 128.
     */
    static final long DIRECT_MAX = Long.getLong("vectorgrad.gemm.directMax", 112L * 112 * 112);
    /** Multiply-adds each thread must get before a product is split across threads. */
    static final long PER_THREAD_MIN = Long.getLong("vectorgrad.gemm.perThreadMin", 1L << 20);
    /**
     * The same for a {@link SmallGemm} product, which hands each thread a share of C's columns with
     * no packed panel to share or wait for: half of {@link #PER_THREAD_MIN}, so products from 2^20
     * multiply-adds (32 x 784 x 128, 128^3) split. A batch of 64 through a 64 x 128 layer (2^19)
     * stays on one thread: split, {@code addmm} of that shape took 29.7-31.3 us against 19.2-21.1 on one
     * thread (2-core Zen 3, quiet, JMH), the hand-off costing more than the half product saves.
     */
    static final long SMALL_PER_THREAD_MIN = Long.getLong("vectorgrad.gemm.smallPerThreadMin", 1L << 19);
    /**
     * Elements of A and of B up to which a float32 product whose k fits one of {@link Gemm}'s k
     * blocks also takes {@link SmallGemm} (both operands packed whole, no cache blocking), e.g. the
     * 32 x 784 x 128 layer and 256^3. Such a product computes each element as one fused
     * multiply-add chain from zero in k order on either path, so the choice changes no bit.
     * One Zen 3 core, thread CPU time, best / median of 41 under load, packed then SmallGemm:
     * 32x784x128 104-106 / 109-110 us then 97 / 99-102; 192^3 187-190 / 191-195 then 182 / 183;
     * 256^3 437-440 / 442-448 then 425-427 / 429-430; 384^3 and 512^3 alike (within 2%).
     */
    static final long SMALL_OPERAND_MAX = Long.getLong("vectorgrad.gemm.smallOperandMax", 512L * 512);

    private static final Backend SCALAR = new ScalarBackend();

    /**
     * The GEMM drivers, made on the first matrix product rather than with this class: a program whose
     * only call here is {@link #dot} (the tutorial's gradients of its scalar coefficients) then never
     * reads the caches' sizes from sysfs nor initialises the micro-kernels: its first step's three dot
     * products took 9.0-12.5 ms of main-thread CPU in a fresh JVM with them, 3.6-4.7 without (2-core
     * Xeon, load 5-11).
     */
    static final class Gemms {
        static final Gemm FLOAT32 = new Gemm(VectorKernels.FLOAT32, GemmMicroKernel.FLOAT32, 4);
        static final Gemm FLOAT64 = new Gemm(VectorKernels.FLOAT64, GemmMicroKernel.FLOAT64, 8);

        private Gemms() {
        }
    }

    private SimdLinalg() {
    }

    /**
     * {@code out[outIndex] = sum(a[i] * b[i])} over two rank-1 layouts of equal length, as the SPI's
     * {@link Backend#dot}.
     */
    public static void dot(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object out, int outIndex) {
        VectorKernels vk = kernels(dtype);
        if (vk == null) {
            SCALAR.dot(dtype, a, aLayout, b, bLayout, out, outIndex);
            return;
        }
        if (aLayout.rank() != 1 || bLayout.rank() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + aLayout.rank() + "D and "
                    + bLayout.rank() + "D tensors");
        }
        int n = aLayout.shape(0);
        if (bLayout.shape(0) != n) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + n + "] and src ["
                    + bLayout.shape(0) + "] to have the same number of elements, but got " + n + " and "
                    + bLayout.shape(0) + " elements respectively");
        }
        vk.set(out, outIndex, vk.dot(a, aLayout.offset(), aLayout.stride(0), b, bLayout.offset(), bLayout.stride(0), n));
    }

    /**
     * Batched matrix product {@code c[i] = a[i] @ b[i]} for rank-3 layouts {@code a [batch, m, k]},
     * {@code b [batch, k, n]}, {@code c [batch, m, n]}, as the SPI's {@link Backend#matmul}: c is
     * overwritten; batch strides of a and b may be 0; any strides may describe transposed or
     * stepped operands.
     */
    public static void matmul(DType dtype, Object a, Layout aLayout, Object b, Layout bLayout, Object c, Layout cLayout) {
        VectorKernels vk = kernels(dtype);
        if (vk == null) {
            SCALAR.matmul(dtype, a, aLayout, b, bLayout, c, cLayout);
            return;
        }
        checkShapes(aLayout, bLayout, cLayout);
        Gemm gemm = dtype == DType.FLOAT32 ? Gemms.FLOAT32 : Gemms.FLOAT64;
        int batch = cLayout.shape(0), m = cLayout.shape(1), n = cLayout.shape(2), k = aLayout.shape(2);
        long work = (long) m * n * k;
        long perThreadMin = small(vk, m, n, k) ? SMALL_PER_THREAD_MIN : PER_THREAD_MIN;
        // below two threads' minimum one thread does it all; skips threads()' system call on small products
        int threads = batch * work < 2 * perThreadMin ? 1 : Backends.threads();
        int perProduct = (int) Math.max(1, Math.min(threads, work / perThreadMin));
        int batchTasks = perProduct == 1 ? (int) Math.min(Math.min(threads, batch), batch * work / perThreadMin) : 1;
        if (batchTasks > 1) {
            Parallel.run(batchTasks, new Batches(vk, gemm, m, n, k, a, aLayout, b, bLayout, c, cLayout, batch, batchTasks));
            return;
        }
        for (int i = 0; i < batch; i++) {
            product(vk, gemm, m, n, k, a, aLayout, b, bLayout, c, cLayout, i, perProduct);
        }
    }

    /**
     * Part {@code t} of a batch split across threads: a share of the products, each on one thread. A
     * class rather than a capturing lambda, whose first call links method-handle forms of its shape
     * (see {@link SmallGemm}).
     */
    private record Batches(VectorKernels vk, Gemm gemm, int m, int n, int k, Object a, Layout aLayout, Object b,
                           Layout bLayout, Object c, Layout cLayout, int batch, int tasks) implements IntConsumer {
        @Override
        public void accept(int t) {
            for (int i = t * batch / tasks; i < (t + 1) * batch / tasks; i++) {
                product(vk, gemm, m, n, k, a, aLayout, b, bLayout, c, cLayout, i, 1);
            }
        }
    }

    private static void product(VectorKernels vk, Gemm gemm, int m, int n, int k, Object a, Layout al,
                                Object b, Layout bl, Object c, Layout cl, int i, int threads) {
        multiply(vk, gemm, m, n, k,
                new Matrix(a, al.offset() + i * al.stride(0), al.stride(1), al.stride(2)),
                new Matrix(b, bl.offset() + i * bl.stride(0), bl.stride(1), bl.stride(2)),
                new Matrix(c, cl.offset() + i * cl.stride(0), cl.stride(1), cl.stride(2)), threads);
    }

    /** One {@code m x k} by {@code k x n} product, choosing the path by shape and size. */
    static void multiply(VectorKernels vk, Gemm gemm, int m, int n, int k, Matrix a, Matrix b, Matrix c, int threads) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                vk.zero(c.buf(), c.at(i, 0), c.cs(), n);
            }
        } else if (n == 1) {
            mv(vk, m, k, a, b.buf(), b.off(), b.rs(), c.buf(), c.off(), c.rs());
        } else if (m == 1) {
            mv(vk, n, k, b.transpose(), a.buf(), a.off(), a.cs(), c.buf(), c.off(), c.cs());
        } else if (small(vk, m, n, k)) {
            SmallGemm.multiply(m, n, k, (float[]) a.buf(), a.off(), a.rs(), a.cs(), (float[]) b.buf(), b.off(), b.rs(), b.cs(),
                    (float[]) c.buf(), c.off(), c.rs(), c.cs(), threads);
        } else if ((long) m * n * k <= DIRECT_MAX && b.cs() == 1) {
            gemm.direct(m, n, k, a, b, c, threads);
        } else if ((long) m * n * k <= DIRECT_MAX && a.rs() == 1) {
            gemm.direct(n, m, k, b.transpose(), a.transpose(), c.transpose(), threads);   // C^T = B^T A^T
        } else {
            gemm.packed(m, n, k, a, b, c, threads);
        }
    }

    /** Whether {@link #multiply} gives a product of this shape to {@link SmallGemm}. */
    private static boolean small(VectorKernels vk, int m, int n, int k) {
        return vk == VectorKernels.FLOAT32 && m > 1 && n > 1 && ((long) m * n * k <= DIRECT_MAX
                || k <= Gemms.FLOAT32.kcMax() && (long) m * k <= SMALL_OPERAND_MAX && (long) k * n <= SMALL_OPERAND_MAX);
    }

    /**
     * {@code y = M x} for an {@code rows x k} matrix: row dot products when M's rows are contiguous
     * (two rows at a time when x is contiguous too) or strided both ways (gathered), column updates ({@code y += M[:, p] * x[p]}) when its columns
     * are contiguous.
     */
    static void mv(VectorKernels vk, int rows, int k, Matrix mat, Object x, int xo, int xs, Object y, int yo, int ys) {
        if (mat.cs() == 1 && xs == 1) {
            vk.dotRows(mat.buf(), mat.off(), mat.rs(), rows, x, xo, k, y, yo, ys);
            return;
        }
        if (mat.rs() != 1 || mat.cs() == 1) {
            for (int i = 0; i < rows; i++) {
                vk.set(y, yo + i * ys, vk.dot(mat.buf(), mat.at(i, 0), mat.cs(), x, xo, xs, k));
            }
            return;
        }
        Object acc = ys == 1 ? y : vk.newBuffer(rows);
        int ao = ys == 1 ? yo : 0;
        vk.zero(acc, ao, 1, rows);
        for (int p = 0; p < k; p++) {
            vk.axpy(vk.get(x, xo + p * xs), mat.buf(), mat.at(0, p), acc, ao, rows);
        }
        if (acc != y) {
            vk.copy(acc, 0, 1, y, yo, ys, rows);
        }
    }

    private static void checkShapes(Layout a, Layout b, Layout c) {
        if (a.rank() != 3 || b.rank() != 3 || c.rank() != 3) {
            throw new IllegalArgumentException("matmul expects rank-3 layouts [batch, m, k], [batch, k, n], "
                    + "[batch, m, n], got ranks " + a.rank() + ", " + b.rank() + ", " + c.rank());
        }
        if (a.shape(2) != b.shape(1)) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.shape(1) + "x"
                    + a.shape(2) + " and " + b.shape(1) + "x" + b.shape(2) + ")");
        }
        if (c.shape(0) != a.shape(0) || c.shape(0) != b.shape(0) || c.shape(1) != a.shape(1)
                || c.shape(2) != b.shape(2)) {
            throw new IllegalArgumentException("matmul output shape " + java.util.Arrays.toString(c.shape())
                    + " does not match inputs " + java.util.Arrays.toString(a.shape()) + " @ "
                    + java.util.Arrays.toString(b.shape()));
        }
    }

    private static VectorKernels kernels(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> VectorKernels.FLOAT32;
            case FLOAT64 -> VectorKernels.FLOAT64;
            default -> null;
        };
    }
}
