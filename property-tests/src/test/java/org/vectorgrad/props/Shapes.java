package org.vectorgrad.props;

import java.util.Arrays;

/** Index arithmetic on row-major shapes. */
final class Shapes {
    private Shapes() {
    }

    static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }

    static long[] toLong(int[] shape) {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    static int[] toInt(long[] shape) {
        return Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    }

    static int[] unflatten(int[] shape, int flat) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
        return index;
    }

    static int flatten(int[] shape, int[] index) {
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            flat = flat * shape[d] + index[d];
        }
        return flat;
    }

    /** NumPy broadcasting of two shapes; both must be compatible. */
    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int x = i <= a.length ? a[a.length - i] : 1;
            int y = i <= b.length ? b[b.length - i] : 1;
            out[rank - i] = x == 1 ? y : x;
        }
        return out;
    }

    static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
