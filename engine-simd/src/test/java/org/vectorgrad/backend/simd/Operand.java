package org.vectorgrad.backend.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;

/** A test buffer and a layout over it, in one of the shapes kernels must handle. */
record Operand(String kind, Layout layout, Object buffer) {

    /** float32 specials: every kernel must treat them as Java's operators do. */
    static final float[] SPECIAL_F = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -3e-39f, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f};
    static final double[] SPECIAL_D = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -3e-309, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0};

    enum Values {
        /** Mostly [-10, 10], about 5% special values. */
        WITH_SPECIALS,
        /** Finite values in [-10, 10]. */
        FINITE,
        /** Values in [0.9, 1.1], for products that must neither overflow nor underflow. */
        NEAR_ONE,
        /** Small integers with zeros of both signs: many ties, for first-occurrence rules. */
        TIES
    }

    /** Layout kinds for a 2-D shape; 1-D shapes get contiguous, stepped, reversed and broadcast. */
    static List<Operand> all(DType dtype, int[] shape, Values values, long seed) {
        List<Operand> out = new ArrayList<>();
        for (String kind : kinds(shape.length)) {
            out.add(make(kind, dtype, shape, values, seed++));
        }
        return out;
    }

    static List<String> kinds(int rank) {
        return rank == 1 ? List.of("contiguous", "stepped", "reversed", "broadcast")
                : List.of("contiguous", "transposed", "stepped", "broadcast-rows", "broadcast-cols", "scalar");
    }

    static Operand make(String kind, DType dtype, int[] shape, Values values, long seed) {
        Layout l;
        if (shape.length == 1) {
            int n = shape[0];
            l = switch (kind) {
                case "contiguous" -> Layout.contiguous(n);
                case "stepped" -> new Layout(3, shape, new int[] {2});
                case "reversed" -> new Layout(Math.max(n - 1, 0), shape, new int[] {-1});
                case "broadcast" -> new Layout(1, shape, new int[] {0});
                default -> throw new IllegalArgumentException(kind);
            };
        } else {
            int r = shape[0];
            int c = shape[1];
            l = switch (kind) {
                case "contiguous" -> Layout.contiguous(r, c);
                case "transposed" -> Layout.contiguous(c, r).permute(1, 0);
                case "stepped" -> new Layout(5, shape, new int[] {3 * c + 1, 3});
                case "broadcast-rows" -> new Layout(0, shape, new int[] {0, 1});
                case "broadcast-cols" -> new Layout(2, shape, new int[] {1, 0});
                case "scalar" -> new Layout(1, shape, new int[] {0, 0});
                default -> throw new IllegalArgumentException(kind);
            };
        }
        return new Operand(kind, l, random(dtype, extent(l), values, seed));
    }

    /** Buffer length a layout needs: one past its farthest element (strides may be negative). */
    static int extent(Layout l) {
        int max = l.offset();
        for (int d = 0; d < l.rank(); d++) {
            if (l.shape(d) > 0 && l.stride(d) > 0) {
                max += (l.shape(d) - 1) * l.stride(d);
            }
        }
        return max + 2;
    }

    static Object random(DType dtype, int n, Values values, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (values) {
                case WITH_SPECIALS -> rnd.nextInt(20) == 0 ? Double.NaN : rnd.nextDouble(-10, 10);
                case FINITE -> rnd.nextDouble(-10, 10);
                case NEAR_ONE -> rnd.nextDouble(0.9, 1.1);
                case TIES -> {
                    int k = rnd.nextInt(-2, 3);
                    yield k == 0 && rnd.nextBoolean() ? -0.0 : k;
                }
            };
        }
        if (dtype == DType.FLOAT32) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = Double.isNaN(v[i]) ? SPECIAL_F[rnd.nextInt(SPECIAL_F.length)] : (float) v[i];
            }
            return f;
        }
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = SPECIAL_D[rnd.nextInt(SPECIAL_D.length)];
            }
        }
        return v;
    }

    /** A zeroed buffer of dtype for a contiguous output of the layout's size (or a strided one). */
    static Object zeros(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case BOOL -> new boolean[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
        };
    }

    Operand copy() {
        Object b = switch (buffer) {
            case float[] f -> f.clone();
            case double[] d -> d.clone();
            case boolean[] z -> z.clone();
            case int[] i -> i.clone();
            case long[] j -> j.clone();
            default -> throw new IllegalStateException();
        };
        return new Operand(kind, layout, b);
    }

    @Override
    public String toString() {
        return kind + " " + layout;
    }
}
