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
