package org.vectorgrad;

import java.util.Arrays;

/** Allocation and single-element access of the Java arrays that hold tensor elements, by dtype. */
final class Buffers {
    private Buffers() {
    }

    /** A fresh (zeroed) array of n elements; one of {@link Engine#MIN_RECYCLED} or more is noted by a running pass. */
    static Object allocate(DType dtype, int n) {
        Object a = switch (dtype) {
            case BOOL -> new boolean[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
        if (n >= Engine.MIN_RECYCLED) {
            Engine.noteAllocated(a);
        }
        return a;
    }

    /**
     * An array of n elements whose contents are undefined, for a caller whose kernel writes every
     * element before anything reads one: during a backward pass without create_graph, an array the
     * pass recycled ({@link Engine#spare}), which spares the JVM's zeroing of fresh memory; else a
     * fresh one.
     */
    static Object allocateOverwritten(DType dtype, int n) {
        Object spare = n >= Engine.MIN_RECYCLED ? Engine.spare(dtype, n) : null;
        return spare != null ? spare : allocate(dtype, n);
    }

    /** Whether array holds exactly n elements of dtype. */
    static boolean holds(Object array, DType dtype, int n) {
        return switch (dtype) {
            case BOOL -> array instanceof boolean[] a && a.length == n;
            case INT32 -> array instanceof int[] a && a.length == n;
            case INT64 -> array instanceof long[] a && a.length == n;
            case FLOAT32 -> array instanceof float[] a && a.length == n;
            case FLOAT64 -> array instanceof double[] a && a.length == n;
        };
    }

    /** A new array of {@code data[from..to)}, by {@code Arrays.copyOfRange}, which the JIT fills without zeroing it first. */
    static Object copyOfRange(Object data, int from, int to) {
        return switch (data) {
            case boolean[] a -> Arrays.copyOfRange(a, from, to);
            case int[] a -> Arrays.copyOfRange(a, from, to);
            case long[] a -> Arrays.copyOfRange(a, from, to);
            case float[] a -> Arrays.copyOfRange(a, from, to);
            case double[] a -> Arrays.copyOfRange(a, from, to);
            default -> throw new IllegalArgumentException("not a tensor buffer: " + data.getClass());
        };
    }

    static int length(Object data) {
        return switch (data) {
            case boolean[] a -> a.length;
            case int[] a -> a.length;
            case long[] a -> a.length;
            case float[] a -> a.length;
            case double[] a -> a.length;
            default -> throw new IllegalArgumentException("not a tensor buffer: " + data.getClass());
        };
    }

    static double getDouble(Object data, int pos) {
        return switch (data) {
            case float[] a -> a[pos];
            case double[] a -> a[pos];
            case long[] a -> a[pos];
            case int[] a -> a[pos];
            case boolean[] a -> a[pos] ? 1 : 0;
            default -> throw new IllegalArgumentException("not a tensor buffer: " + data.getClass());
        };
    }

    static long getLong(Object data, int pos) {
        return switch (data) {
            case long[] a -> a[pos];
            case int[] a -> a[pos];
            case boolean[] a -> a[pos] ? 1 : 0;
            case float[] a -> (long) a[pos];
            case double[] a -> (long) a[pos];
            default -> throw new IllegalArgumentException("not a tensor buffer: " + data.getClass());
        };
    }

    /** Stores a double, converted as a cast would, at one position. */
    static void setDouble(Object data, int pos, double v) {
        switch (data) {
            case float[] a -> a[pos] = (float) v;
            case double[] a -> a[pos] = v;
            case long[] a -> a[pos] = (long) v;
            case int[] a -> a[pos] = (int) (long) v;
            case boolean[] a -> a[pos] = v != 0;
            default -> throw new IllegalArgumentException("not a tensor buffer: " + data.getClass());
        }
    }

    static void setLong(Object data, int pos, long v) {
        switch (data) {
            case long[] a -> a[pos] = v;
            case int[] a -> a[pos] = (int) v;
            case boolean[] a -> a[pos] = v != 0;
            case float[] a -> a[pos] = (float) v;
            case double[] a -> a[pos] = v;
            default -> throw new IllegalArgumentException("not a tensor buffer: " + data.getClass());
        }
    }
}
