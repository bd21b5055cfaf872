package org.vectorgrad.props;

import org.vectorgrad.DType;

/**
 * Distances between floating-point values in units in the last place of their dtype, with the two
 * zeros one ulp apart (so a tolerance of 0 is bit equality up to NaN payloads) and NaN only close to
 * NaN.
 */
final class Ulps {
    private Ulps() {
    }

    /** Representable values between a and b, counting -0.0 and +0.0 as neighbours. */
    static long between(DType dtype, double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (dtype == DType.FLOAT32) {
            return Math.abs(ordered((float) a) - ordered((float) b));
        }
        long d = ordered(a) - ordered(b);
        return d == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(d);
    }

    private static long ordered(float f) {
        int i = Float.floatToRawIntBits(f);
        return i < 0 ? -(long) (i & Integer.MAX_VALUE) - 1 : i;
    }

    private static long ordered(double d) {
        long i = Double.doubleToRawLongBits(d);
        return i < 0 ? -(i & Long.MAX_VALUE) - 1 : i;
    }

    /** Unit roundoff: 2^-24 for float32, 2^-53 for float64. */
    static double eps(DType dtype) {
        return dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
    }

    /** The smallest subnormal: the absolute error an underflowing product may add. */
    static double minValue(DType dtype) {
        return dtype == DType.FLOAT32 ? Float.MIN_VALUE : Double.MIN_VALUE;
    }

    static double maxValue(DType dtype) {
        return dtype == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE;
    }
}
