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
import org.vectorgrad.Tensor;

/**
 * Python's {@code repr} and {@code str} of the values the notebooks show, so the Java programs print
 * what a Python session prints: {@code True}, {@code None}, {@code 0.1}, {@code (1,)},
 * {@code {'x': 3}}, {@code [1.0, 2.5]}.
 */
final class Py {
    private Py() {
    }

    /** A Python tuple: {@code (a, b)}, or {@code (a,)} for one item. */
    record Tuple(List<?> items) {
        @Override
        public String toString() {
            String inside = items.stream().map(Py::repr).collect(Collectors.joining(", "));
            return "(" + inside + (items.size() == 1 ? ",)" : ")");
        }
    }

    static Tuple tuple(Object... items) {
        return new Tuple(Arrays.asList(items));
    }

    /** A tuple of ints, as {@code x.stride()} returns. */
    static Tuple tuple(long[] values) {
        return new Tuple(Arrays.stream(values).boxed().toList());
    }

    /** {@code repr(v)}. */
    static String repr(Object v) {
        return switch (v) {
            case null -> "None";
            case Boolean b -> b ? "True" : "False";
            case Double d -> floatRepr(d);
            case String s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
            case Map<?, ?> m -> m.entrySet().stream()
                    .map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case List<?> l -> l.stream().map(Py::repr).collect(Collectors.joining(", ", "[", "]"));
            default -> v.toString();   // Tensor, GradFn, Integer, Long, numpy arrays: their own repr
        };
    }

    /** {@code str(v)}: like repr, but strings print bare. */
    static String str(Object v) {
        return v instanceof String s ? s : repr(v);
    }

    /** Python's truth value of a one-element tensor, as in {@code if x > 0.0:}. */
    static boolean bool(Tensor t) {
        return t.item() != 0;
    }

    /**
     * {@code t.tolist()}: nested lists of Python floats (float32 values widened exactly), ints or
     * bools. Unlike {@code numpy()}, tolist() also reads tensors that require grad.
     */
    static String tolist(Tensor t) {
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
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return floatRepr(v);
        }
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        return sign + new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** {@code repr(float)}: the shortest digits that read back to {@code v}, e.g. {@code 1e-05}, {@code 0.1}. */
    static String floatRepr(double v) {
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
            return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        String plain = d.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /**
     * The shortest decimal that reads back to {@code v} (positive, finite), the closest one if there
     * are several: the digits of Python's {@code repr} and numpy's unique mode. Java's
     * {@code toString} gives the same, except that where one digit suffices it may choose a closer
     * two-digit decimal ({@code 4.9E-324} for Python's {@code 5e-324}), which is corrected here.
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
