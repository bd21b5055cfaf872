import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands float/double templates into Java sources, as the JDK's Spp expands X-Buffer.java.template:
 * the Vector API has no primitive-generic vector type, so a kernel written once for {@code $type$}
 * becomes a float and a double method at build time rather than a boxed generic one at run time.
 *
 * <pre>
 *   java Specialize.java TEMPLATE_DIR OUT_DIR
 * </pre>
 * turns every {@code TEMPLATE_DIR/p/X.java.template} into {@code OUT_DIR/p/X.java} (rewritten only when
 * its text changes, so an unchanged template does not recompile the module) and deletes other
 * {@code .java} files under OUT_DIR. A template is Java plus directive lines:
 * <pre>
 *   // #for-each float double     the lines up to the matching #end, once per type (start them with a
 *                                 blank line to separate the instances' members)
 *   // #if float                  inside for-each: lines for the float instance only (also #if double)
 *   // #else
 *   // #end
 * </pre>
 * Inside for-each, {@code $type$ $Type$ $TYPE$ $x$ $X$ $bits$} stand for {@code float Float FLOAT f F 32},
 * {@code double Double DOUBLE d D 64} or {@code long Long LONG L L 64}: {@code $Type$Vector}, {@code Widths.$TYPE$S}, {@code add$X$},
 * {@code 1$x$} (a typed literal). Any other {@code $word$}, or a token outside for-each, is an error.
 */
public final class Specialize {
    private static final Map<String, Map<String, String>> TYPES = Map.of(
            "float", Map.of("type", "float", "Type", "Float", "TYPE", "FLOAT", "x", "f", "X", "F", "bits", "32"),
            "double", Map.of("type", "double", "Type", "Double", "TYPE", "DOUBLE", "x", "d", "X", "D", "bits", "64"),
            "long", Map.of("type", "long", "Type", "Long", "TYPE", "LONG", "x", "L", "X", "L", "bits", "64"));
    private static final Pattern DIRECTIVE = Pattern.compile("\\s*// #(for-each|if|else|end)\\b\\s*(.*?)\\s*");
    private static final Pattern TOKEN = Pattern.compile("\\$(\\w+)\\$");

    private final Path file;
    private final List<String> lines;
    private int at;

    private Specialize(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: java Specialize.java TEMPLATE_DIR OUT_DIR");
        }
        Path templates = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Set<Path> written = new HashSet<>();
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path t : files.filter(p -> p.toString().endsWith(".java.template")).sorted().toList()) {
                Path rel = templates.relativize(t);
                Path target = out.resolve(rel.toString().substring(0, rel.toString().length() - ".template".length()));
                String header = "// GENERATED from " + t + " by src/build/Specialize.java at generate-sources:\n"
                        + "// edit the template, not this file.\n";
                String text = header + String.join("\n", new Specialize(t, Files.readAllLines(t)).expand()) + "\n";
                Files.createDirectories(target.getParent());
                if (!Files.exists(target) || !Files.readString(target).equals(text)) {
                    Files.writeString(target, text);
                }
                written.add(target);
            }
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.walk(out)) {
                files.filter(p -> p.toString().endsWith(".java") && !written.contains(p)).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    private List<String> expand() {
        List<String> result = new ArrayList<>();
        while (at < lines.size()) {
            String line = lines.get(at);
            Matcher d = DIRECTIVE.matcher(line);
            if (!d.matches()) {
                result.add(substitute(line, null));
                at++;
                continue;
            }
            if (!d.group(1).equals("for-each")) {
                throw error("#" + d.group(1) + " outside #for-each");
            }
            String[] types = d.group(2).split("\\s+");
            int start = ++at;
            for (int k = 0; k < types.length; k++) {
                if (!TYPES.containsKey(types[k])) {
                    at = start - 1;
                    throw error("unknown type " + types[k] + " (float or double)");
                }
                at = start;
                block(types[k], true, result);
            }
            at++;   // the #end of the for-each
        }
        return result;
    }

    /** Lines from {@code at} up to the #end (or #else) closing this level, which {@code at} is left on. */
    private void block(String type, boolean emit, List<String> result) {
        while (true) {
            if (at >= lines.size()) {
                throw error("missing #end");
            }
            String line = lines.get(at);
            Matcher d = DIRECTIVE.matcher(line);
            if (!d.matches()) {
                if (emit) {
                    result.add(substitute(line, type));
                }
                at++;
                continue;
            }
            switch (d.group(1)) {
                case "end", "else" -> {
                    return;
                }
                case "if" -> {
                    if (!TYPES.containsKey(d.group(2))) {
                        throw error("#if names no type: " + d.group(2));
                    }
                    boolean match = d.group(2).equals(type);
                    at++;
                    block(type, emit && match, result);
                    if (lines.get(at).trim().equals("// #else")) {
                        at++;
                        block(type, emit && !match, result);
                    }
                    at++;
                }
                default -> throw error("nested #for-each");
            }
        }
    }

    private String substitute(String line, String type) {
        Matcher m = TOKEN.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = type == null ? null : TYPES.get(type).get(m.group(1));
            if (value == null) {
                throw error(type == null ? "token " + m.group() + " outside #for-each" : "unknown token " + m.group());
            }
            m.appendReplacement(sb, value);
        }
        return m.appendTail(sb).toString();
    }

    private IllegalStateException error(String message) {
        return new IllegalStateException(file + ":" + (at + 1) + ": " + message);
    }
}
