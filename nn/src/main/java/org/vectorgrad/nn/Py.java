package org.vectorgrad.nn;

import java.math.BigDecimal;

/** Python's spelling of numbers in reprs and messages. */
final class Py {
    private Py() {
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, {@code 0.5}, {@code 1e-05}, {@code 100.0}. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exp = digits.length() - 1 - d.scale();   // decimal exponent of the first digit
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = d.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
