package org.vectorgrad.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The differences between PyTorch's output and Vectorgrad's that are on purpose, applied to both
 * sides before comparing:
 * <ul>
 *   <li>dtype names lose the {@code torch.} prefix ({@code dtype=float64});</li>
 *   <li>the build-specific {@code (Triggered internally at ...)} tail of C++ warnings is dropped;</li>
 *   <li>object addresses {@code 0x7f...} are masked;</li>
 *   <li>Python's ValueError and TypeError for bad arguments read as RuntimeError (Java throws
 *       IllegalArgumentException for all three);</li>
 *   <li>the Java spelling of a remedy that Vectorgrad adds after PyTorch's text, a trailing
 *       {@code " [Java: ...]"}, is dropped;</li>
 *   <li>trailing blank lines are dropped.</li>
 * </ul>
 * and, in {@link #sameLine}, one tolerance: a number printed at full precision (8 or more
 * significant digits, as {@code tolist()} prints float32 values) may differ by one float32 ulp.
 * PyTorch's float32 sin, cos, exp, log, tanh and sigmoid come from SLEEF, which is within 1 ulp of
 * the correctly rounded result but not always equal to it; Vectorgrad's are within 1 ulp too, so
 * the last bit may differ. Four-decimal prints are compared exactly.
 */
final class Normalize {
    private static final Pattern DTYPE = Pattern.compile("torch\\.(float32|float64|float16|bfloat16|int64|int32|int16|int8|uint8|bool|complex64|complex128)\\b");
    private static final Pattern TRIGGERED = Pattern.compile(" ?\\(Triggered internally at .*\\)$");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern JAVA_HINT = Pattern.compile(" \\[Java: .*\\]$");
    private static final Pattern PY_ERROR = Pattern.compile("\\b(ValueError|TypeError): ");

    private Normalize() {
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+\\.\\d+(?:e[-+]\\d+)?");

    /** Equal, or equal but for full-precision numbers one float32 ulp apart. */
    static boolean sameLine(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        var e = NUMBER.matcher(expected);
        var a = NUMBER.matcher(actual);
        if (!e.replaceAll("#").equals(a.replaceAll("#"))) {
            return false;
        }
        e.reset();
        a.reset();
        while (e.find() && a.find()) {
            String x = e.group();
            String y = a.group();
            if (x.equals(y)) {
                continue;
            }
            if (significantDigits(x) < 8 || significantDigits(y) < 8) {
                return false;
            }
            double dx = Double.parseDouble(x);
            double dy = Double.parseDouble(y);
            if (Math.abs(dx - dy) > Math.ulp((float) dx)) {
                return false;
            }
        }
        return true;
    }

    private static int significantDigits(String number) {
        String mantissa = number.replaceFirst("e.*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
        return mantissa.length();
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = DTYPE.matcher(line).replaceAll("$1");
            l = TRIGGERED.matcher(l).replaceAll("");
            l = JAVA_HINT.matcher(l).replaceAll("");
            l = ADDRESS.matcher(l).replaceAll("0x…");
            l = PY_ERROR.matcher(l).replaceAll("RuntimeError: ");
            out.add(l);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
