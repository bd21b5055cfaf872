package org.vectorgrad.examples;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * The little of numpy the notebooks and the reference scripts show: {@code x.numpy()} as a Java
 * array, and the repr numpy 1.24 prints for it with the default print options (precision 8,
 * floatmode {@code maxprec}, line width 75):
 *
 * <pre>{@code
 * Numpy.numpy(Tensor.of(4.3, DType.FLOAT64))          // array(4.3)
 * Numpy.numpy(Tensor.of(-0.0748682, 5.364436))        // array([-0.0748682,  5.364436 ], dtype=float32)
 * Numpy.numpy(Tensor.of(0L, 1L, -1L).to(DType.INT32)) // array([ 0,  1, -1], dtype=int32)
 * }</pre>
 *
 * Arrays above numpy's summarization threshold (1000 elements, printed with "...") are refused
 * rather than printed differently from numpy.
 */
public final class Numpy {
    private static final int LINE_WIDTH = 75;
    /** numpy's {@code precision}: at most this many fractional digits. */
    private static final int PRECISION = 8;
    private static final int SUMMARIZATION_THRESHOLD = 1000;
    private static final String PREFIX = "array(";
    private static final String SEPARATOR = ", ";

    private Numpy() {
    }

    /**
     * A numpy array: a row-major Java array and a shape. The Java array type is the numpy dtype:
     * {@code float[]} float32, {@code double[]} float64, {@code int[]} int32, {@code long[]} int64,
     * {@code boolean[]} bool.
     */
    public record NdArray(Object data, long[] shape) {
        public NdArray {
            dtypeOf(data);
            shape = shape.clone();
            long n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (n != Array.getLength(data)) {
                throw new IllegalArgumentException("shape " + Py.tuple(shape) + " is invalid for an array of "
                        + Array.getLength(data) + " elements");
            }
        }

        public DType dtype() {
            return dtypeOf(data);
        }

        @Override
        public String toString() {
            return repr(this);
        }
    }

    /**
     * {@code t.numpy()}: the elements through {@link Tensor#toFloatArray()} and friends, which refuse
     * tensors that require grad as numpy() does.
     */
    public static NdArray numpy(Tensor t) {
        Object data = switch (t.dtype()) {
            case FLOAT32 -> t.toFloatArray();
            case FLOAT64 -> t.toDoubleArray();
            case INT32 -> t.toIntArray();
            case INT64 -> t.toLongArray();
            case BOOL -> t.toBooleanArray();
        };
        return new NdArray(data, t.shape());
    }

    /** {@code np.array([10])}: a 1-D int64 array. */
    public static NdArray array(long... values) {
        return new NdArray(values.clone(), new long[] {values.length});
    }

    private static DType dtypeOf(Object data) {
        return switch (data) {
            case float[] _ -> DType.FLOAT32;
            case double[] _ -> DType.FLOAT64;
            case int[] _ -> DType.INT32;
            case long[] _ -> DType.INT64;
            case boolean[] _ -> DType.BOOL;
            case null -> throw new IllegalArgumentException("an array's data cannot be null");
            default -> throw new IllegalArgumentException("not a numpy-like array: " + data.getClass().getSimpleName());
        };
    }

    /** numpy's {@code array_repr}. */
    private static String repr(NdArray a) {
        long[] shape = a.shape();
        int n = Array.getLength(a.data());
        if (n > SUMMARIZATION_THRESHOLD) {
            throw new UnsupportedOperationException("numpy summarization (more than " + SUMMARIZATION_THRESHOLD
                    + " elements) is not implemented here");
        }
        // float64, int64 and bool are numpy's defaults on Linux: their dtype is not shown, unless the array is empty.
        boolean implied = a.dtype() != DType.FLOAT32 && a.dtype() != DType.INT32 && n > 0;
        String suffix = implied ? ")" : ",";
        String body;
        if (n == 0) {
            body = shape.length == 1 ? "[]" : "[], shape=" + Py.tuple(shape);
        } else {
            String indent = " ".repeat(PREFIX.length() + 1);
            body = format(shape, 0, 0, formatter(a), indent, LINE_WIDTH - suffix.length());
        }
        String text = PREFIX + body + suffix;
        if (implied) {
            return text;
        }
        String dtype = "dtype=" + a.dtype().pyName() + ")";
        int lastLine = text.length() - (text.lastIndexOf('\n') + 1);
        return text + (lastLine + dtype.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(PREFIX.length()) : " ") + dtype;
    }

    /** The element formatter numpy picks for the whole array: every item comes out with the same width. */
    private static IntFunction<String> formatter(NdArray a) {
        return switch (a.data()) {
            case float[] v -> floats(v.length, i -> v[i], true);
            case double[] v -> floats(v.length, i -> v[i], false);
            case int[] v -> integers(v.length, i -> v[i]);
            case long[] v -> integers(v.length, i -> v[i]);
            case boolean[] v -> {
                String trueText = a.shape().length == 0 ? "True" : " True";
                yield i -> v[i] ? trueText : "False";
            }
            default -> throw new AssertionError(a.data());
        };
    }

    /**
     * numpy's {@code _formatArray}: the dims from {@code axis} on, starting at flat index
     * {@code start}. The last dim's items are separated by ", " and wrapped before an item that would
     * pass the line width, continuation lines aligned under the first item; outer dims put their rows
     * on separate lines, with a blank line between blocks of 3-d and more.
     */
    private static String format(long[] shape, int axis, int start, IntFunction<String> item, String indent, int width) {
        if (axis == shape.length) {
            return item.apply(start);
        }
        int len = (int) shape[axis];
        int stride = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        // Nested rows sit one column further right, under the "[" just added, and end one "]" earlier.
        String nextIndent = indent + " ";
        int nextWidth = width - 1;
        StringBuilder s = new StringBuilder();
        if (axis == shape.length - 1) {
            int itemWidth = width - 1;   // room for the "," or "]" after the item
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < len; i++) {
                String word = format(shape, axis + 1, start + i * stride, item, nextIndent, nextWidth);
                if (line.length() + word.length() > itemWidth && line.length() > indent.length()) {
                    s.append(line.toString().stripTrailing()).append('\n');
                    line = new StringBuilder(indent);
                }
                line.append(word);
                if (i < len - 1) {
                    line.append(SEPARATOR);
                }
            }
            s.append(line);
        } else {
            String rowSeparator = SEPARATOR.strip() + "\n".repeat(shape.length - axis - 1);
            for (int i = 0; i < len; i++) {
                s.append(indent).append(format(shape, axis + 1, start + i * stride, item, nextIndent, nextWidth));
                if (i < len - 1) {
                    s.append(rowSeparator);
                }
            }
        }
        return "[" + s.substring(indent.length()) + "]";
    }

    /** Integers right-aligned to the widest. */
    private static IntFunction<String> integers(int n, IntToLongFunction at) {
        int width = 1;
        for (int i = 0; i < n; i++) {
            width = Math.max(width, Long.toString(at.applyAsLong(i)).length());
        }
        String format = "%" + width + "d";
        return i -> String.format(format, at.applyAsLong(i));
    }

    /**
     * numpy's {@code FloatingFormat} in {@code maxprec} mode: each value with its shortest unique
     * digits (as float32 for float32 arrays), at most 8 after the point. Positional, aligned on the
     * point; or scientific with every mantissa given the same digits, when the largest magnitude is
     * at least 1e8, the smallest nonzero below 1e-4, or their ratio above 1000. nan and inf are
     * right-aligned to the width of the finite items.
     */
    private static IntFunction<String> floats(int n, IntToDoubleFunction at, boolean float32) {
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        boolean nonFinite = false;
        boolean negInf = false;
        for (int i = 0; i < n; i++) {
            double v = at.applyAsDouble(i);
            if (!Double.isFinite(v)) {
                nonFinite = true;
                negInf |= v == Double.NEGATIVE_INFINITY;
            } else if (v != 0) {
                max = Math.max(max, Math.abs(v));
                min = Math.min(min, Math.abs(v));
            }
        }
        // numpy divides in the array's own precision: the ratio of two float32 values is a float32.
        double ratio = float32 ? (float) max / (float) min : max / min;
        boolean sci = max != 0 && (max >= 1e8 || min < 1e-4 || ratio > 1000);
        int padLeft = 0;
        int padRight = 0;
        int expDigits = 0;
        for (int i = 0; i < n; i++) {
            double v = at.applyAsDouble(i);
            if (Double.isFinite(v)) {
                Digits d = Digits.of(v, float32, sci, 0);
                padLeft = Math.max(padLeft, d.intPart().length());
                padRight = Math.max(padRight, d.fracPart().length());
                expDigits = Math.max(expDigits, Integer.toString(Math.abs(d.exponent())).length());
            }
        }
        // Scientific mantissas all get as many digits as the longest; positional fractions are space-padded.
        int minFracDigits = sci ? padRight : 0;
        int digits = Math.max(expDigits, 2);
        if (sci) {
            padRight += 2 + digits;   // "e", the sign and the exponent digits
        }
        if (nonFinite) {
            padLeft = Math.max(padLeft, 3 + (negInf ? 1 : 0) - (padRight + 1));
        }
        int left = padLeft;
        int width = padLeft + 1 + padRight;
        return i -> {
            double v = at.applyAsDouble(i);
            String s;
            if (!Double.isFinite(v)) {
                s = Double.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
            } else {
                Digits d = Digits.of(v, float32, sci, minFracDigits);
                s = " ".repeat(left - d.intPart().length()) + d.intPart() + "." + d.fracPart()
                        + (sci ? Py.exponent(d.exponent(), digits) : "");
            }
            // Right-aligned for nan and inf, left-aligned (fractions padded) for finite positional values.
            return Double.isFinite(v) ? s + " ".repeat(width - s.length()) : " ".repeat(width - s.length()) + s;
        };
    }

    /**
     * A finite value's digits as numpy's Dragon4 writes them: {@code "-12" "5"} positional, or
     * {@code "1" "25"} and exponent 3 scientific. Unique mode: the shortest digits that read back (as
     * float32 for float32 arrays), cut at 8 fractional digits; and at least {@code minFracDigits}
     * of them, the further ones being the exact binary value's, not zeros ({@code 1.00000001e-01}
     * for float32 0.1). Cut or extended, the exact value is rounded half to even.
     */
    private record Digits(String intPart, String fracPart, int exponent) {
        static Digits of(double v, boolean float32, boolean sci, int minFracDigits) {
            String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
            if (v == 0) {
                return new Digits(sign + "0", "0".repeat(minFracDigits), 0);
            }
            double abs = Math.abs(v);
            BigDecimal d = float32 ? Py.shortest(abs, x -> Float.toString((float) x), Float::parseFloat)
                    : Py.shortest(abs, Double::toString, Double::parseDouble);
            int exponent = 0;
            if (sci) {
                exponent = d.precision() - d.scale() - 1;
                d = d.movePointLeft(exponent);
            }
            boolean cut = d.scale() > PRECISION;
            if (cut || d.scale() < minFracDigits) {
                int fracDigits = cut ? PRECISION : minFracDigits;
                // Dragon4 generates the exact value's digits, from its own leading one (9.99999975e-06
                // for float32 1e-5, whose shortest digits are 1e-05), and all of an integer part
                // (99999992. for float32 9.999999e7).
                BigDecimal exact = new BigDecimal(abs);
                exponent = sci ? exact.precision() - exact.scale() - 1 : 0;
                d = exact.movePointLeft(exponent).setScale(fracDigits, RoundingMode.HALF_EVEN);
                if (sci && d.compareTo(BigDecimal.TEN) >= 0) {
                    d = d.movePointLeft(1).setScale(fracDigits, RoundingMode.HALF_EVEN);
                    exponent++;
                }
                if (fracDigits > minFracDigits) {
                    // Cut at the precision: trailing zeros go, as unique digits have none.
                    d = d.stripTrailingZeros();
                }
            }
            String plain = d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
            int dot = plain.indexOf('.');
            return dot < 0 ? new Digits(sign + plain, "", exponent)
                    : new Digits(sign + plain.substring(0, dot), plain.substring(dot + 1), exponent);
        }
    }
}
