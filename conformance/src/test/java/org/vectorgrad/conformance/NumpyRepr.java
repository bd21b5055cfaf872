package org.vectorgrad.conformance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * numpy 1.24's {@code repr} of an array with default print options (precision 8, floatmode
 * {@code maxprec}, line width 75), for the arrays a ported script gets from {@code x.numpy()}:
 * {@code array([ 0,  1, -1], dtype=int32)}, {@code array(4.3)}. The Java array type gives the numpy
 * dtype: float[] float32, double[] float64, int[] int32, long[] int64, boolean[] bool. Arrays above
 * numpy's summarization threshold (1000 elements) are rejected: no case prints one.
 */
final class NumpyRepr {
    private static final int LINE_WIDTH = 75;
    private static final String PREFIX = "array(";
    private static final String SEPARATOR = ", ";

    private NumpyRepr() {
    }

    static String repr(Object values, long[] shape) {
        String dtype;
        int n;
        IntFunction<String> formatter;
        switch (values) {
            case float[] a -> {
                dtype = "float32";
                n = a.length;
                formatter = floats(n, i -> (double) a[i], true);
            }
            case double[] a -> {
                dtype = "float64";
                n = a.length;
                formatter = floats(n, i -> a[i], false);
            }
            case int[] a -> {
                dtype = "int32";
                n = a.length;
                formatter = integers(n, i -> (long) a[i]);
            }
            case long[] a -> {
                dtype = "int64";
                n = a.length;
                formatter = integers(n, i -> a[i]);
            }
            case boolean[] a -> {
                dtype = "bool";
                n = a.length;
                String trueStr = shape.length == 0 ? "True" : " True";
                formatter = i -> a[i] ? trueStr : "False";
            }
            default -> throw new IllegalArgumentException("not a numpy-like array: " + values.getClass());
        }
        if (n > 1000) {
            throw new IllegalArgumentException("numpy summarization (more than 1000 elements) is not implemented");
        }
        boolean implied = (dtype.equals("float64") || dtype.equals("int64") || dtype.equals("bool")) && n > 0;
        String suffix = implied ? ")" : ",";
        String body;
        if (n == 0 && !(shape.length == 1)) {
            body = "[], shape=" + Py.tuple(shape);
        } else if (n == 0) {
            body = "[]";
        } else {
            String indent = " ".repeat(PREFIX.length() + 1);
            body = format(shape, 0, 0, formatter, indent, LINE_WIDTH - suffix.length());
        }
        String s = PREFIX + body + suffix;
        if (implied) {
            return s;
        }
        String dtypeStr = "dtype=" + dtype + ")";
        int lastLine = s.length() - (s.lastIndexOf('\n') + 1);
        String spacer = lastLine + dtypeStr.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(PREFIX.length()) : " ";
        return s + spacer + dtypeStr;
    }

    /** numpy's _formatArray recursion over the dims from {@code axis}, starting at flat index {@code start}. */
    private static String format(long[] shape, int axis, int start, IntFunction<String> f, String hangingIndent, int width) {
        if (axis == shape.length) {
            return f.apply(start);
        }
        int len = (int) shape[axis];
        int stride = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        String nextIndent = hangingIndent + " ";
        int nextWidth = width - 1;
        StringBuilder s = new StringBuilder();
        if (shape.length - axis == 1) {
            int elemWidth = width - Math.max(SEPARATOR.strip().length(), 1);
            StringBuilder line = new StringBuilder(hangingIndent);
            for (int i = 0; i < len; i++) {
                String word = format(shape, axis + 1, start + i * stride, f, nextIndent, nextWidth);
                boolean wrap = line.length() + word.length() > elemWidth && line.length() > hangingIndent.length();
                if (wrap) {
                    s.append(line.toString().stripTrailing()).append('\n');
                    line = new StringBuilder(hangingIndent);
                }
                line.append(word);
                if (i < len - 1) {
                    line.append(SEPARATOR);
                }
            }
            s.append(line);
        } else {
            String lineSep = SEPARATOR.strip() + "\n".repeat(shape.length - axis - 1);
            for (int i = 0; i < len; i++) {
                s.append(hangingIndent).append(format(shape, axis + 1, start + i * stride, f, nextIndent, nextWidth));
                if (i < len - 1) {
                    s.append(lineSep);
                }
            }
        }
        return "[" + s.substring(hangingIndent.length()) + "]";
    }

    private static IntFunction<String> integers(int n, IntFunction<Long> at) {
        int width = 0;
        for (int i = 0; i < n; i++) {
            width = Math.max(width, Long.toString(at.apply(i)).length());
        }
        String fmt = "%" + Math.max(width, 1) + "d";
        return i -> String.format(fmt, at.apply(i));
    }

    /**
     * numpy's FloatingFormat: shortest round-trip digits (of the float32 value for float32), at most
     * 8 after the point; positional with the integer and fraction parts padded to common widths, or
     * scientific when the largest magnitude is at least 1e8 or the smallest nonzero below 1e-4 or the
     * ratio above 1000.
     */
    private static IntFunction<String> floats(int n, IntFunction<Double> at, boolean float32) {
        List<Integer> finite = new ArrayList<>();
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        boolean negInf = false;
        for (int i = 0; i < n; i++) {
            double v = at.apply(i);
            if (Double.isFinite(v)) {
                finite.add(i);
                if (v != 0) {
                    max = Math.max(max, Math.abs(v));
                    min = Math.min(min, Math.abs(v));
                }
            } else if (v == Double.NEGATIVE_INFINITY) {
                negInf = true;
            }
        }
        boolean sci = max != 0 && (max >= 1e8 || min < 1e-4 || max / min > 1000);
        int padLeft = 0;
        int padRight = 0;
        int expSize = 0;
        for (int i : finite) {
            Digits d = Digits.of(at.apply(i), float32, sci);
            padLeft = Math.max(padLeft, d.intPart.length());
            padRight = Math.max(padRight, d.fracPart.length());
            expSize = Math.max(expSize, d.exponent.length() - 1);
        }
        if (finite.size() != n) {
            int offset = (sci ? expSize + 2 + padRight : padRight) + 1;
            padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
        }
        int left = padLeft;
        int right = padRight;
        int exp = expSize;
        int total = sci ? left + 1 + right + 2 + exp : left + 1 + right;
        return i -> {
            double v = at.apply(i);
            if (!Double.isFinite(v)) {
                String s = Double.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
                return " ".repeat(Math.max(total - s.length(), 0)) + s;
            }
            Digits d = Digits.of(v, float32, sci);
            String intPart = " ".repeat(left - d.intPart.length()) + d.intPart;
            if (sci) {
                // Every mantissa gets the same number of digits (zeros appended); the exponent keeps its sign.
                String frac = d.fracPart + "0".repeat(right - d.fracPart.length());
                String digits = d.exponent.substring(1);
                return intPart + "." + frac + "e" + d.exponent.charAt(0) + "0".repeat(exp - digits.length()) + digits;
            }
            return intPart + "." + d.fracPart + " ".repeat(right - d.fracPart.length());
        };
    }

    /** The shortest decimal of a value split as numpy prints it: "-12" "5" (positional) or "1" "25" "+03". */
    private record Digits(String intPart, String fracPart, String exponent) {
        static Digits of(double v, boolean float32, boolean sci) {
            String sign = (Double.doubleToRawLongBits(v) < 0) ? "-" : "";
            BigDecimal b = new BigDecimal(float32 ? Float.toString((float) Math.abs(v)) : Double.toString(Math.abs(v)));
            if (v == 0) {
                return sci ? new Digits(sign + "0", "", "+00") : new Digits(sign + "0", "", "");
            }
            if (sci) {
                BigDecimal s = b.stripTrailingZeros();
                int e = s.precision() - s.scale() - 1;
                BigDecimal mant = s.movePointLeft(e);
                if (mant.scale() > 8) {
                    mant = new BigDecimal(Math.abs(v)).movePointLeft(e).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
                    if (mant.compareTo(BigDecimal.TEN) >= 0) {
                        mant = mant.movePointLeft(1);
                        e++;
                    }
                }
                String[] parts = split(mant);
                String exp = (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
                return new Digits(sign + parts[0], parts[1], exp);
            }
            BigDecimal s = b.stripTrailingZeros();
            if (s.scale() > 8) {
                s = new BigDecimal(Math.abs(v)).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
            }
            String[] parts = split(s);
            return new Digits(sign + parts[0], parts[1], "");
        }

        private static String[] split(BigDecimal b) {
            String p = b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
            int dot = p.indexOf('.');
            return dot < 0 ? new String[] {p, ""} : new String[] {p.substring(0, dot), p.substring(dot + 1)};
        }
    }
}
