package org.vectorgrad.examples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.format.TensorFormatter;

/**
 * Python's {@code repr} and {@code str} of the values the notebooks and the reference scripts show,
 * so a Java program prints what a Python session prints:
 *
 * <pre>{@code
 * Py.repr(true)                          // True
 * Py.repr(Py.tuple(new long[] {4}))      // (4,)
 * Py.repr(Map.of("x", 3))                // {'x': 3}
 * Py.tolist(Tensor.of(1.0, 2.5))         // [1.0, 2.5]
 * }</pre>
 */
public final class Py {
    private Py() {
    }

    /** A Python tuple: {@code (a, b)}, or {@code (a,)} for one item. */
    public record Tuple(List<?> items) {
        @Override
        public String toString() {
            String inside = items.stream().map(Py::repr).collect(Collectors.joining(", "));
            return "(" + inside + (items.size() == 1 ? ",)" : ")");
        }
    }

    /** {@code (a, b, ...)}: {@code Py.tuple("a", null, true)} prints {@code ('a', None, True)}. */
    public static Tuple tuple(Object... items) {
        return new Tuple(Arrays.asList(items));
    }

    /** A tuple of ints, as {@code x.stride()} returns: {@code (3, 1)}, {@code (4,)}, {@code ()}. */
    public static Tuple tuple(long[] values) {
        return new Tuple(Arrays.stream(values).boxed().toList());
    }

    /** A {@code torch.Size}, which prints as {@code torch.Size([2, 3])}, also inside tuples and lists. */
    public record Size(long[] dims) {
        @Override
        public String toString() {
            return TensorFormatter.size(dims);
        }
    }

    /** {@code x.shape}: {@code Py.size(x.shape())} prints {@code torch.Size([2, 3])}. */
    public static Size size(long[] shape) {
        return new Size(shape.clone());
    }

    /**
     * {@code repr(v)} of a Java value standing for a Python one: null is None, Booleans are
     * True/False, Doubles and Floats Python floats, Strings quoted, DTypes {@code torch.float32},
     * Lists, {@code long[]} and {@code double[]} lists, Maps dicts; anything else (a Tensor, an
     * Integer, a {@link Tuple}, a numpy array) prints its own {@code toString}.
     */
    public static String repr(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Double d -> floatRepr(d);
            case Float f -> floatRepr(f);
            case String s -> stringRepr(s);
            case DType d -> "torch." + d.pyName();
            case long[] a -> repr(Arrays.stream(a).boxed().toList());
            case double[] a -> repr(Arrays.stream(a).boxed().toList());
            case List<?> l -> l.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> m -> m.entrySet().stream()
                    .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            default -> v.toString();
        };
    }

    /** {@code str(v)}: like repr, but strings print bare. */
    public static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    /**
     * Python's string repr: single quotes unless the text has a single quote and no double quote;
     * backslashes, the chosen quote and control characters escaped ({@code 'it\'s "so"'}).
     */
    private static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        s.chars().forEach(c -> {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append((char) c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        });
        return out.append(quote).toString();
    }

    /** Python's truth value of a one-element tensor, as in {@code if x > 0.0:}. */
    public static boolean bool(Tensor t) {
        return t.isTrue();
    }

    /**
     * {@code t.tolist()}: nested lists of Python floats (float32 values widened exactly), ints or
     * bools. Unlike {@code numpy()}, tolist() also reads tensors that require grad.
     */
    public static String tolist(Tensor t) {
        Tensor d = t.detach();
        if (d.dim() == 0) {
            return switch (d.dtype()) {
                case BOOL -> repr(d.itemLong() != 0);
                case INT32, INT64 -> Long.toString(d.itemLong());
                case FLOAT32, FLOAT64 -> floatRepr(d.item());
            };
        }
        return Stream.iterate(0L, i -> i < d.size(0), i -> i + 1)
                .map(i -> tolist(d.select(0, i)))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * {@code f'{v:.<decimals>f}'}: the exact binary value rounded half to even, which is Python's rule
     * ({@link String#format} rounds the shortest decimal half up instead).
     */
    public static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return floatRepr(v);
        }
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        return sign + new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code repr(float)}: the shortest digits that read back to {@code v}, e.g. {@code 1e-05}, {@code 0.1}. */
    public static String floatRepr(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        if (v == 0) {
            return sign + "0.0";
        }
        BigDecimal d = shortest(Math.abs(v), Double::toString, Double::parseDouble);
        // Python writes 10^e with e = position of the leading digit; scientific outside [-4, 16).
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = d.unscaledValue().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + exponent(exponent, 2);
        }
        String plain = d.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** An exponent as Python and numpy write it, signed with at least {@code digits} digits: {@code e-05}, {@code e+300}. */
    static String exponent(int e, int digits) {
        String abs = Integer.toString(Math.abs(e));
        return (e < 0 ? "e-" : "e+") + "0".repeat(Math.max(digits - abs.length(), 0)) + abs;
    }

    /**
     * The shortest decimal that reads back to {@code v} (positive, finite), the closest one if there
     * are several, without trailing zeros: the digits of Python's {@code repr} and numpy's unique mode.
     * Java's {@code toString} gives the same, except that where one digit suffices it may choose a
     * closer two-digit decimal ({@code 4.9E-324} for Python's {@code 5e-324}), which is corrected here.
     */
    static BigDecimal shortest(double v, DoubleFunction<String> javaToString, ToDoubleFunction<String> parse) {
        BigDecimal d = new BigDecimal(javaToString.apply(v)).stripTrailingZeros();
        if (d.precision() != 2) {
            return d;
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal best = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal one = d.round(new MathContext(1, mode));
            boolean readsBack = parse.applyAsDouble(one.toString()) == v;
            if (readsBack && (best == null || one.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
                best = one;
            }
        }
        return best == null ? d : best.stripTrailingZeros();
    }
}
