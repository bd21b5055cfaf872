package org.vectorgrad.backend.simd;

import java.util.SplittableRandom;

import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.simd.Gemm.Matrix;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Test operands in several memory forms, and an independent check of products against a
 * twice-working-precision reference within the documented bound {@code (k + 2) * eps * sum|a*b|}.
 */
final class LinalgReference {

    /** How a {@code [batch, rows, cols]} operand lies in its buffer. */
    enum Form {
        CONTIGUOUS,
        /** Column-major rows x cols, i.e. the transpose of a contiguous matrix. */
        TRANSPOSED,
        /** Every other column of every third-ish row, from an offset: a stepped slice. */
        STEPPED,
        /** Contiguous matrix shared by every batch entry (batch stride 0). */
        BROADCAST
    }

    /** A buffer and the layout of the operand inside it. */
    record Operand(DType dtype, Object buf, Layout layout) {
        Matrix matrix(int batchIndex) {
            return new Matrix(buf, layout.offset() + batchIndex * layout.stride(0), layout.stride(1), layout.stride(2));
        }

        double get(int b, int i, int j) {
            return value(buf, layout.indexOf(b, i, j));
        }
    }

    private LinalgReference() {
    }

    static Operand operand(DType dtype, int batch, int rows, int cols, Form form, SplittableRandom rnd) {
        Layout layout = switch (form) {
            case CONTIGUOUS -> new Layout(0, new int[] {batch, rows, cols}, new int[] {rows * cols, cols, 1});
            case TRANSPOSED -> new Layout(0, new int[] {batch, rows, cols}, new int[] {rows * cols, 1, rows});
            case STEPPED -> {
                int rs = 2 * cols + 3;
                yield new Layout(4, new int[] {batch, rows, cols}, new int[] {rows * rs + 5, rs, 2});
            }
            case BROADCAST -> new Layout(0, new int[] {batch, rows, cols}, new int[] {0, cols, 1});
        };
        int length = 1;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    length = Math.max(length, layout.indexOf(b, i, j) + 1);
                }
            }
        }
        Object buf = dtype == DType.FLOAT32 ? new float[length + 3] : new double[length + 3];
        for (int p = 0; p < length + 3; p++) {
            set(buf, p, rnd.nextDouble(-1, 1));
        }
        return new Operand(dtype, buf, layout);
    }

    /** An output operand whose every buffer element, in the layout or between, is NaN. */
    static Operand output(DType dtype, int batch, int rows, int cols, Form form) {
        Operand o = operand(dtype, batch, rows, cols, form, new SplittableRandom(0));
        for (int p = 0; p < length(o.buf()); p++) {
            set(o.buf(), p, Double.NaN);
        }
        return o;
    }

    static double value(Object buf, int pos) {
        return buf instanceof float[] f ? f[pos] : ((double[]) buf)[pos];
    }

    static void set(Object buf, int pos, double v) {
        if (buf instanceof float[] f) {
            f[pos] = (float) v;
        } else {
            ((double[]) buf)[pos] = v;
        }
    }

    static int length(Object buf) {
        return buf instanceof float[] f ? f.length : ((double[]) buf).length;
    }

    static double eps(DType dtype) {
        return dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /**
     * {@code sum x_i y_i} in about twice double precision (Ogita, Rump and Oishi's Dot2: error-free
     * products by FMA and error-free sums), returned with {@code sum |x_i y_i|} as {@code {sum, abs}}.
     */
    static double[] dot2(double[] x, double[] y) {
        double s = 0, err = 0, abs = 0;
        for (int i = 0; i < x.length; i++) {
            double p = x[i] * y[i];
            double pe = Math.fma(x[i], y[i], -p);
            double t = s + p;
            double z = t - s;
            err += (s - (t - z)) + (p - z) + pe;
            s = t;
            abs += Math.abs(p);
        }
        return new double[] {s + err, abs};
    }

    /** Asserts {@code |got - exact| <= (k + 2) * eps * sum|x_i y_i|} for one element. */
    static void assertWithinBound(double got, double[] x, double[] y, double eps, String where) {
        double[] ref = dot2(x, y);
        double bound = (x.length + 2) * eps * ref[1];
        if (!(Math.abs(got - ref[0]) <= bound)) {
            fail(where + ": got " + got + ", exact " + ref[0] + ", error " + Math.abs(got - ref[0])
                    + " exceeds bound " + bound);
        }
    }

    /**
     * Checks {@code c[b] = a[b] @ b[b]} for every element of c within the bound, and that no buffer
     * element outside c's layout was written (they stay NaN).
     */
    static void assertProduct(Operand a, Operand b, Operand c, String what) {
        Layout cl = c.layout();
        int batch = cl.shape(0), m = cl.shape(1), n = cl.shape(2), k = a.layout().shape(2);
        double eps = eps(c.dtype());
        boolean[] inLayout = new boolean[length(c.buf())];
        double[] x = new double[k];
        double[] y = new double[k];
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) {
                        x[p] = a.get(bi, i, p);
                        y[p] = b.get(bi, p, j);
                    }
                    int pos = cl.indexOf(bi, i, j);
                    inLayout[pos] = true;
                    assertWithinBound(value(c.buf(), pos), x, y, eps,
                            what + " c[" + bi + "," + i + "," + j + "] (m=" + m + " n=" + n + " k=" + k + ")");
                }
            }
        }
        for (int p = 0; p < inLayout.length; p++) {
            if (!inLayout[p]) {
                assertTrue(Double.isNaN(value(c.buf(), p)), what + ": wrote outside c's layout at buffer position " + p);
            }
        }
    }
}
