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
 *   <li>trailing blank lines are dropped.</li>
 * </ul>
 */
final class Normalize {
    private static final Pattern DTYPE = Pattern.compile("torch\\.(float32|float64|float16|bfloat16|int64|int32|int16|int8|uint8|bool|complex64|complex128)\\b");
    private static final Pattern TRIGGERED = Pattern.compile(" ?\\(Triggered internally at .*\\)$");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern PY_ERROR = Pattern.compile("\\b(ValueError|TypeError): ");

    private Normalize() {
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String l = DTYPE.matcher(line).replaceAll("$1");
            l = TRIGGERED.matcher(l).replaceAll("");
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
