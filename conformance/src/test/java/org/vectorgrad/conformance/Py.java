package org.vectorgrad.conformance;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.format.TensorFormatter;

/** Python's {@code repr} of the Java values a ported script prints. */
public final class Py {
    private Py() {
    }

    /** repr: Tensor, Boolean (True/False), integers, doubles (Python float repr), Strings (quoted), null (None), lists, maps (dicts). */
    public static String repr(Object v) {
        return switch (v) {
            case null -> "None";
            case Tensor t -> t.toString();
            case Boolean b -> b ? "True" : "False";
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(f.doubleValue());
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case String s -> "'" + s + "'";
            case DType d -> "torch." + d.pyName();
            case long[] a -> list(java.util.Arrays.stream(a).boxed().toList());
            case double[] a -> list(java.util.Arrays.stream(a).boxed().toList());
            case List<?> l -> list(l);
            case java.util.Map<?, ?> m -> m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case Tuple t -> t.toString();
            default -> v.toString();
        };
    }

    private static String list(List<?> l) {
        return l.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A Python tuple, for printing {@code (a, b)} or {@code (a,)}. */
    public record Tuple(List<?> items) {
        @Override
        public String toString() {
            if (items.size() == 1) {
                return "(" + repr(items.get(0)) + ",)";
            }
            return items.stream().map(Py::repr).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    public static Tuple tuple(Object... items) {
        return new Tuple(java.util.Arrays.asList(items));
    }

    /** {@code tuple(t.shape)}-style tuple of longs: {@code (2, 3)}, {@code (4,)}, {@code ()}. */
    public static String tuple(long[] values) {
        return TensorFormatter.tuple(values);
    }

    /** {@code torch.Size([2, 3])}. */
    public static String size(long[] shape) {
        return TensorFormatter.size(shape);
    }

    /** A {@code torch.Size} as a value, for printing inside tuples and lists: {@code Py.tuple(new Py.Size(x.shape()), x.dtype())}. */
    public record Size(long[] dims) {
        @Override
        public String toString() {
            return size(dims);
        }
    }

    /** Python's repr of a float: the shortest round-trip digits, scientific below 1e-4 or from 1e16. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = b.unscaledValue().toString();
        int exp = digits.length() - 1 - b.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = b.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /**
     * numpy's repr of {@code x.numpy()}, from the exported Java array and the tensor's shape:
     * {@code Py.numpy(x.detach().toFloatArray(), x.shape())} is {@code array([1., 2.], dtype=float32)}.
     */
    public static String numpy(Object values, long[] shape) {
        return NumpyRepr.repr(values, shape);
    }

    /**
     * numpy's repr of a 1-D array, as printing {@code x.numpy()} shows it: {@code float[]} is
     * float32, {@code double[]} float64, {@code int[]} int32, {@code long[]} int64. numpy 1.24
     * defaults: at most 8 fraction digits of each value's shortest repr, a common width, lines of 75
     * columns, and a dtype suffix except for float64 and int64. Scientific notation (values from
     * 1e8, under 1e-4 or spanning more than 1000x) is not implemented and rejected.
     */
    public static String ndarray(Object array) {
        String[] words;
        String dtype;
        switch (array) {
            case float[] a -> {
                double[] d = new double[a.length];
                String[] shortest = new String[a.length];
                for (int i = 0; i < a.length; i++) {
                    d[i] = a[i];
                    shortest[i] = Float.toString(a[i]);
                }
                words = numpyFloats(d, shortest);
                dtype = "float32";
            }
            case double[] a -> {
                String[] shortest = new String[a.length];
                for (int i = 0; i < a.length; i++) {
                    shortest[i] = Double.toString(a[i]);
                }
                words = numpyFloats(a, shortest);
                dtype = null;
            }
            case int[] a -> {
                words = numpyInts(java.util.Arrays.stream(a).asLongStream().toArray());
                dtype = "int32";
            }
            case long[] a -> {
                words = numpyInts(a);
                dtype = null;
            }
            default -> throw new IllegalArgumentException("not a numeric Java array: " + array);
        }
        boolean showDtype = dtype != null || words.length == 0;
        if (dtype == null) {
            dtype = array instanceof double[] ? "float64" : "int64";
        }
        String suffix = showDtype ? "," : ")";
        String body = words.length == 0 ? "[]" : wrap(words, 75 - suffix.length(), " ".repeat("array(".length() + 1));
        String s = "array(" + body + suffix;
        if (!showDtype) {
            return s;
        }
        String dtypeStr = "dtype=" + dtype + ")";
        int lastLine = s.length() - (s.lastIndexOf('\n') + 1);
        return s + (lastLine + dtypeStr.length() + 1 > 75 ? "\n" + " ".repeat("array(".length()) : " ") + dtypeStr;
    }

    /** numpy's _formatArray for one dimension: words joined by ", ", wrapped before passing the width. */
    private static String wrap(String[] words, int lineWidth, String indent) {
        int elemWidth = lineWidth - 1;
        StringBuilder s = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < words.length; i++) {
            if (line.length() + words[i].length() > elemWidth && line.length() > indent.length()) {
                s.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(words[i]);
            if (i < words.length - 1) {
                line.append(", ");
            }
        }
        s.append(line);
        return "[" + s.substring(indent.length()) + "]";
    }

    private static String[] numpyInts(long[] a) {
        int width = 0;
        for (long v : a) {
            width = Math.max(width, Long.toString(v).length());
        }
        String[] words = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            words[i] = " ".repeat(width - Long.toString(a[i]).length()) + a[i];
        }
        return words;
    }

    /** numpy's FloatingFormat in 'maxprec' mode: positional, trailing zeros trimmed to "1.", padded to common widths. */
    private static String[] numpyFloats(double[] a, String[] shortest) {
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        String[] intPart = new String[a.length];
        String[] fracPart = new String[a.length];
        int padLeft = 0;
        int padRight = 0;
        int nonFiniteWidth = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                nonFiniteWidth = Math.max(nonFiniteWidth, a[i] == Double.NEGATIVE_INFINITY ? 4 : 3);
                continue;
            }
            double abs = Math.abs(a[i]);
            if (abs != 0) {
                maxAbs = Math.max(maxAbs, abs);
                minAbs = Math.min(minAbs, abs);
            }
            BigDecimal b = new BigDecimal(shortest[i]).abs();
            if (b.scale() > 8) {
                b = new BigDecimal(Math.abs(a[i])).setScale(8, java.math.RoundingMode.HALF_EVEN);
            }
            String plain = b.stripTrailingZeros().toPlainString();
            int dot = plain.indexOf('.');
            String sign = (a[i] < 0 || (a[i] == 0 && 1 / a[i] < 0)) ? "-" : "";
            intPart[i] = sign + (dot < 0 ? plain : plain.substring(0, dot));
            fracPart[i] = dot < 0 ? "" : plain.substring(dot + 1);
            padLeft = Math.max(padLeft, intPart[i].length());
            padRight = Math.max(padRight, fracPart[i].length());
        }
        if (maxAbs >= 1e8 || (maxAbs > 0 && (minAbs < 1e-4 || maxAbs / minAbs > 1000))) {
            throw new UnsupportedOperationException("numpy's scientific notation is not implemented");
        }
        padLeft = Math.max(padLeft, nonFiniteWidth - (padRight + 1));
        String[] words = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i])) {
                words[i] = " ".repeat(padLeft - intPart[i].length()) + intPart[i] + "." + fracPart[i]
                        + " ".repeat(padRight - fracPart[i].length());
            } else {
                String w = Double.isNaN(a[i]) ? "nan" : a[i] > 0 ? "inf" : "-inf";
                words[i] = " ".repeat(Math.max(padLeft + padRight + 1 - w.length(), 0)) + w;
            }
        }
        return words;
    }

    /** {@code t.tolist()} as Python prints it: nested lists of floats, ints or bools. */
    public static String toList(Tensor t) {
        Tensor d = t.detach();
        long[] shape = d.shape();
        if (shape.length == 0) {
            return scalar(d, d.item(), d.dtype() == DType.BOOL || !d.dtype().isFloatingPoint() ? d.itemLong() : 0);
        }
        StringBuilder sb = new StringBuilder("[");
        for (long i = 0; i < shape[0]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(toList(d.select(0, i)));
        }
        return sb.append(']').toString();
    }

    private static String scalar(Tensor t, double v, long l) {
        return switch (t.dtype()) {
            case BOOL -> l != 0 ? "True" : "False";
            case INT32, INT64 -> Long.toString(l);
            default -> floatRepr(v);
        };
    }
}
