package org.vectorgrad.props;

import org.vectorgrad.DType;

/**
 * An accurate sum of terms with the facts needed to judge a computed sum against the documented
 * bound {@code n * eps * sum|terms|}: the sum in double-double arithmetic (about 106 bits, exact for
 * every test here but for a relative 2^-100), {@code sum|terms|}, and what IEEE arithmetic must give
 * when terms are NaN or infinite.
 */
final class Exact {
    private double hi;
    private double lo;
    private double absSum;
    private int count;
    private boolean nan;
    private boolean posInf;
    private boolean negInf;
    /** The smallest magnitude of a product of nonzero factors: below the normal range its sign may survive in a zero. */
    private double smallestProduct = Double.POSITIVE_INFINITY;

    /** Adds one term. */
    Exact add(double t) {
        count++;
        if (Double.isFinite(t)) {
            accumulate(t);
        } else {
            special(t);
        }
        return this;
    }

    /** Adds the exact product {@code a * b}: the rounded product and its rounding error. */
    Exact addProduct(double a, double b) {
        count++;
        double p = a * b;
        if (a != 0 && b != 0) {
            smallestProduct = Math.min(smallestProduct, Math.abs(p));
        }
        if (Double.isFinite(p)) {
            accumulate(p);
            accumulate(Math.fma(a, b, -p));
        } else {
            special(p);
        }
        return this;
    }

    private void special(double t) {
        nan |= Double.isNaN(t);
        posInf |= t == Double.POSITIVE_INFINITY;
        negInf |= t == Double.NEGATIVE_INFINITY;
    }

    /** Knuth's TwoSum: hi + lo keeps the rounding error of every addition. */
    private void accumulate(double t) {
        double s = hi + t;
        double b = s - hi;
        lo += (hi - (s - b)) + (t - b);
        hi = s;
        absSum += Math.abs(t);
    }

    /** What IEEE arithmetic must give whatever the order: NaN, an infinity, or null when the sum is finite. */
    Double special() {
        if (nan || (posInf && negInf)) {
            return Double.NaN;
        }
        if (posInf) {
            return Double.POSITIVE_INFINITY;
        }
        if (negInf) {
            return Double.NEGATIVE_INFINITY;
        }
        return null;
    }

    /** Whether the sign of a zero result is determined: no product of nonzero factors underflows in the dtype. */
    boolean zeroSignDetermined(DType dtype) {
        return smallestProduct >= (dtype == DType.FLOAT32 ? Float.MIN_NORMAL : Double.MIN_NORMAL);
    }

    double value() {
        return hi + lo;
    }

    /**
     * {@code count * eps * sum|terms|} plus {@code count} smallest subnormals for products that
     * underflow; infinite when {@code sum|terms|} overflows the dtype (the bound then says nothing).
     */
    double bound(DType dtype) {
        if (absSum > Ulps.maxValue(dtype)) {
            return Double.POSITIVE_INFINITY;
        }
        return count * Ulps.eps(dtype) * absSum + count * Ulps.minValue(dtype);
    }

    /** Null when {@code computed} is within the bound of this sum (or has the required special value), else why not. */
    String check(DType dtype, double computed) {
        Double s = special();
        if (s != null) {
            return Double.compare(s, computed) == 0 || (s.isNaN() && Double.isNaN(computed)) ? null
                    : "expected " + s + " (IEEE, whatever the order)";
        }
        double bound = bound(dtype);
        if (Double.isInfinite(bound)) {
            return null;
        }
        // In double-double: rounding hi + lo first can land a whole ulp away when lo is half an ulp of
        // hi (a tie), as for the product -3.0E-309 * 260.546134026596.
        double err = Math.abs((computed - hi) - lo);
        return err <= bound ? null : "error " + err + " exceeds the bound n * eps * sum|terms| = " + bound
                + " (exact " + value() + ", n = " + count + ")";
    }

    /**
     * The product of {@code xs} in double-double arithmetic (relative error about n * 2^-104), or the
     * IEEE result whenever a factor is NaN, infinite or zero (its sign is the parity of the signs).
     */
    static double product(double[] xs) {
        double hi = 1;
        double lo = 0;
        for (double x : xs) {
            double p = hi * x;
            double e = Math.fma(hi, x, -p);
            lo = lo * x + e;
            hi = p + lo;
            lo = lo - (hi - p);
        }
        boolean special = false;
        double ieee = 1;
        for (double x : xs) {
            special |= !Double.isFinite(x) || x == 0;
            ieee *= Double.isFinite(x) && x != 0 ? Math.signum(x) : x;
        }
        return special ? ieee : hi + lo;
    }
}
