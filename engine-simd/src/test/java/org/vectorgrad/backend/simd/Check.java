package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.fail;

/** Element-by-element comparison of whole buffers, in ulps, with NaN equal to NaN. */
final class Check {
    private Check() {
    }

    /** Distance in representable floats; 0 for equal values (and for 0.0 vs -0.0 only when allowed by ulps > 0). */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) {
            return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(a) - ordered(b));
    }

    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        long d = ordered(a) - ordered(b);
        return d == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(d);
    }

    private static long ordered(float f) {
        int i = Float.floatToRawIntBits(f);
        return i < 0 ? -(long) (i & 0x7fffffff) : i;
    }

    private static long ordered(double d) {
        long i = Double.doubleToRawLongBits(d);
        return i < 0 ? -(i & 0x7fffffffffffffffL) : i;
    }

    /**
     * Buffers agree: within {@code maxUlps}, and when maxUlps is 0 bit for bit (so 0.0 and -0.0 differ;
     * NaNs compare equal whatever their payload).
     */
    static void buffers(Object expected, Object actual, int maxUlps, String what) {
        switch (expected) {
            case float[] e -> {
                float[] a = (float[]) actual;
                for (int i = 0; i < e.length; i++) {
                    boolean ok = maxUlps == 0 ? Float.floatToIntBits(e[i]) == Float.floatToIntBits(a[i]) : ulps(e[i], a[i]) <= maxUlps;
                    if (!ok) {
                        fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (" + ulps(e[i], a[i]) + " ulps)");
                    }
                }
            }
            case double[] e -> {
                double[] a = (double[]) actual;
                for (int i = 0; i < e.length; i++) {
                    boolean ok = maxUlps == 0 ? Double.doubleToLongBits(e[i]) == Double.doubleToLongBits(a[i]) : ulps(e[i], a[i]) <= maxUlps;
                    if (!ok) {
                        fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i] + " (" + ulps(e[i], a[i]) + " ulps)");
                    }
                }
            }
            case boolean[] e -> {
                boolean[] a = (boolean[]) actual;
                for (int i = 0; i < e.length; i++) {
                    if (e[i] != a[i]) {
                        fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
                    }
                }
            }
            case long[] e -> {
                long[] a = (long[]) actual;
                for (int i = 0; i < e.length; i++) {
                    if (e[i] != a[i]) {
                        fail(what + ": element " + i + " expected " + e[i] + " but was " + a[i]);
                    }
                }
            }
            default -> throw new IllegalArgumentException(expected.getClass().toString());
        }
    }
}
