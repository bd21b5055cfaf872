package org.vectorgrad.bench;

import java.util.SplittableRandom;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;

/**
 * A benchmark operand: a {@code float[]} or {@code double[]} buffer and the {@link Layout} through
 * which kernels read it. The layout names are the {@code layout} parameter of the kernel benchmarks:
 * <ul>
 *   <li>{@code contiguous}: row-major {@code [rows, cols]};</li>
 *   <li>{@code transposed}: the transpose of a row-major {@code [cols, rows]} buffer (strides
 *       {@code (1, rows)}), what {@code x.T} hands a kernel;</li>
 *   <li>{@code sliced}: {@code x[:, 1:]} of a row-major {@code [rows, cols + 1]} buffer: every row
 *       contiguous, rows padded and misaligned;</li>
 * </ul>
 * and for vectors {@code contiguous} or {@code sliced} ({@code x[::2]}, stride 2).
 *
 * <pre>{@code
 * Operand a = Operand.matrix(DType.FLOAT32, "transposed", 1 << 16, 1);   // 256 x 256, strides (1, 256)
 * }</pre>
 */
public record Operand(Object buffer, Layout layout) {

    /** The matrix layouts every kernel benchmark knows. */
    public static final String CONTIGUOUS = "contiguous";
    public static final String TRANSPOSED = "transposed";
    public static final String SLICED = "sliced";

    /** A {@code [rows, cols]} operand of {@code n} random elements in [-1, 1), rows and cols near sqrt(n). */
    public static Operand matrix(DType dtype, String layout, int n, long seed) {
        int[] rc = matrixShape(n);
        return matrix(dtype, layout, rc[0], rc[1], seed);
    }

    /** A {@code [rows, cols]} operand with the named layout, random elements in [-1, 1). */
    public static Operand matrix(DType dtype, String layout, int rows, int cols, long seed) {
        return switch (layout) {
            case CONTIGUOUS -> new Operand(random(dtype, rows * cols, seed), Layout.contiguous(rows, cols));
            case TRANSPOSED -> new Operand(random(dtype, rows * cols, seed),
                    new Layout(0, new int[] {rows, cols}, new int[] {1, rows}));
            case SLICED -> new Operand(random(dtype, rows * (cols + 1), seed),
                    new Layout(1, new int[] {rows, cols}, new int[] {cols + 1, 1}));
            default -> throw new IllegalArgumentException("unknown layout '" + layout
                    + "'; known layouts: contiguous, transposed, sliced");
        };
    }

    /** A rank-1 operand of {@code n} elements: {@code contiguous}, or {@code sliced} as {@code x[::2]}. */
    public static Operand vector(DType dtype, String layout, int n, long seed) {
        return switch (layout) {
            case CONTIGUOUS -> new Operand(random(dtype, n, seed), Layout.contiguous(n));
            case SLICED -> new Operand(random(dtype, 2 * n, seed), new Layout(0, new int[] {n}, new int[] {2}));
            default -> throw new IllegalArgumentException("unknown vector layout '" + layout
                    + "'; known vector layouts: contiguous, sliced");
        };
    }

    /** Rows and columns with {@code rows * cols == n}, rows the largest divisor of n not above sqrt(n). */
    public static int[] matrixShape(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("operand size must be positive, got " + n);
        }
        int rows = (int) Math.sqrt(n);
        while (n % rows != 0) {
            rows--;
        }
        return new int[] {rows, n / rows};
    }

    /** A zeroed {@code float[]} or {@code double[]} of {@code n} elements. */
    public static Object zeros(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            default -> throw unsupported(dtype);
        };
    }

    /** Uniform values in [-1, 1) from a fixed seed, so every implementation sees the same data. */
    public static Object random(DType dtype, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return switch (dtype) {
            case FLOAT32 -> {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) {
                    x[i] = (float) rnd.nextDouble(-1, 1);
                }
                yield x;
            }
            case FLOAT64 -> rnd.doubles(n, -1, 1).toArray();
            default -> throw unsupported(dtype);
        };
    }

    static IllegalArgumentException unsupported(DType dtype) {
        return new IllegalArgumentException("benchmarks run float32 and float64 only, not " + dtype);
    }
}
