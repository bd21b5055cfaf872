package org.vectorgrad.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code '{:.Nf}'} and {@code '{:.Ne}'} formatting of a double. Python rounds the exact
 * binary value half-to-even ({@code '{:.0f}'.format(2.5)} is {@code 2}), keeps the sign of negative
 * zero and of values that round to zero, and spells non-finite values {@code nan}, {@code inf},
 * {@code -inf}; {@link String#format} differs on the first two, so the digits come from
 * {@link BigDecimal}, which holds a double exactly.
 */
final class PyFloat {
    private PyFloat() {
    }

    /** {@code '{:.<decimals>f}'.format(v)}, e.g. {@code fixed(-0.00001, 4)} is {@code -0.0000}. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        return sign(v) + new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code '{:.<decimals>e}'.format(v)}, e.g. {@code scientific(1e-5, 4)} is {@code 1.0000e-05}. */
    static String scientific(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return nonFinite(v);
        }
        BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().toString();
        // The rounded value is digits * 10^-scale, so its leading digit sits at this power of ten.
        int exponent = v == 0 ? 0 : digits.length() - 1 - rounded.scale();
        StringBuilder sb = new StringBuilder(sign(v)).append(digits.charAt(0));
        if (decimals > 0) {
            sb.append('.').append(digits, 1, digits.length()).repeat('0', decimals + 1 - digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            sb.append('0');
        }
        return sb.append(magnitude).toString();
    }

    private static String sign(double v) {
        return Double.doubleToRawLongBits(v) < 0 ? "-" : "";
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
    }
}
