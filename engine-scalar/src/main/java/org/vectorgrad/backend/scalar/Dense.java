package org.vectorgrad.backend.scalar;

import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;

/**
 * Moves elements between a strided buffer and a dense row-major array of widened values: float32 and
 * float64 as {@code double[]}, bool, int32 and int64 as {@code long[]} (bool as 0 or 1). This is the only
 * place in the scalar backend that knows about buffer types and layouts; every kernel computes on the
 * dense arrays.
 *
 * <p>Writing converts C-like, as {@code torch.Tensor.to} does: float to integer truncates toward zero,
 * anything to bool is {@code != 0} (so NaN becomes true), int64 to int32 keeps the low 32 bits.
 * Where C leaves the result undefined (NaN or out-of-range float to integer) Java's casts decide:
 * NaN becomes 0 and out-of-range values saturate, where PyTorch on x86 gives the minimum integer.
 */
final class Dense {

    private Dense() {
    }

    /** The elements of a float32 or float64 operand, in row-major order. */
    static double[] readDoubles(DType dtype, Object buffer, Layout layout) {
        int[] pos = positions(layout);
        double[] v = new double[pos.length];
        switch (dtype) {
            case FLOAT32 -> {
                float[] a = buffer(dtype, buffer, float[].class);
                for (int i = 0; i < v.length; i++) {
                    v[i] = a[pos[i]];
                }
            }
            case FLOAT64 -> {
                double[] a = buffer(dtype, buffer, double[].class);
                for (int i = 0; i < v.length; i++) {
                    v[i] = a[pos[i]];
                }
            }
            default -> throw new IllegalArgumentException(dtype + " is not a floating point dtype");
        }
        return v;
    }

    /** The elements of a bool, int32 or int64 operand, in row-major order. */
    static long[] readLongs(DType dtype, Object buffer, Layout layout) {
        int[] pos = positions(layout);
        long[] v = new long[pos.length];
        switch (dtype) {
            case BOOL -> {
                boolean[] a = buffer(dtype, buffer, boolean[].class);
                for (int i = 0; i < v.length; i++) {
                    v[i] = a[pos[i]] ? 1 : 0;
                }
            }
            case INT32 -> {
                int[] a = buffer(dtype, buffer, int[].class);
                for (int i = 0; i < v.length; i++) {
                    v[i] = a[pos[i]];
                }
            }
            case INT64 -> {
                long[] a = buffer(dtype, buffer, long[].class);
                for (int i = 0; i < v.length; i++) {
                    v[i] = a[pos[i]];
                }
            }
            default -> throw new IllegalArgumentException(dtype + " is not a bool or integer dtype");
        }
        return v;
    }

    /** Stores row-major values into an operand of any dtype, converting each one. */
    static void write(DType dtype, Object buffer, Layout layout, double[] v) {
        int[] pos = positions(layout);
        switch (dtype) {
            case BOOL -> {
                boolean[] a = buffer(dtype, buffer, boolean[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = v[i] != 0;
                }
            }
            case INT32 -> {
                int[] a = buffer(dtype, buffer, int[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = (int) v[i];
                }
            }
            case INT64 -> {
                long[] a = buffer(dtype, buffer, long[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = (long) v[i];
                }
            }
            case FLOAT32 -> {
                float[] a = buffer(dtype, buffer, float[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = (float) v[i];
                }
            }
            case FLOAT64 -> {
                double[] a = buffer(dtype, buffer, double[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = v[i];
                }
            }
        }
    }

    /** Stores row-major values into an operand of any dtype, converting each one. */
    static void write(DType dtype, Object buffer, Layout layout, long[] v) {
        int[] pos = positions(layout);
        switch (dtype) {
            case BOOL -> {
                boolean[] a = buffer(dtype, buffer, boolean[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = v[i] != 0;
                }
            }
            case INT32 -> {
                int[] a = buffer(dtype, buffer, int[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = (int) v[i];
                }
            }
            case INT64 -> {
                long[] a = buffer(dtype, buffer, long[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = v[i];
                }
            }
            // Straight from long, not through double: (float) (double) l could round twice.
            case FLOAT32 -> {
                float[] a = buffer(dtype, buffer, float[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = (float) v[i];
                }
            }
            case FLOAT64 -> {
                double[] a = buffer(dtype, buffer, double[].class);
                for (int i = 0; i < pos.length; i++) {
                    a[pos[i]] = (double) v[i];
                }
            }
        }
    }

    /** Stores row-major truth values into a bool operand. */
    static void writeBooleans(Object buffer, Layout layout, boolean[] v) {
        int[] pos = positions(layout);
        boolean[] a = buffer(DType.BOOL, buffer, boolean[].class);
        for (int i = 0; i < pos.length; i++) {
            a[pos[i]] = v[i];
        }
    }

    /** The layout of the single element at {@code index}: how dot's output is addressed. */
    static Layout element(int index) {
        return new Layout(index, new int[0], new int[0]);
    }

    /** Buffer positions of a layout's elements in row-major order. */
    private static int[] positions(Layout layout) {
        int[] pos = new int[layout.size()];
        if (layout.isContiguous()) {
            for (int i = 0; i < pos.length; i++) {
                pos[i] = layout.offset() + i;
            }
        } else {
            layout.positions(pos);
        }
        return pos;
    }

    private static <T> T buffer(DType dtype, Object buffer, Class<T> type) {
        if (!type.isInstance(buffer)) {
            throw new IllegalArgumentException("a " + dtype + " operand needs a " + type.getSimpleName()
                    + " buffer, got " + (buffer == null ? "null" : buffer.getClass().getSimpleName()));
        }
        return type.cast(buffer);
    }
}
