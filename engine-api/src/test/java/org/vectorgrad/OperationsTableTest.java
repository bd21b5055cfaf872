package org.vectorgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OPERATIONS.md (repository root) and {@link Tensor} name the same methods: every public method,
 * by name, number of parameters and static-ness ({@code Tensor.zeros(shape...)} is static,
 * {@code add(other)} is not), appears in the table's "Vectorgrad" column and nothing else does;
 * every backward node the table names is one the code records.
 */
class OperationsTableTest {
    private static final Path TABLE = Path.of("..", "OPERATIONS.md");
    private static final Pattern SIGNATURE = Pattern.compile("`(Tensor\\.)?(\\w+)\\(([^)`]*)\\)`");
    private static final Pattern NODE = Pattern.compile("`(\\w+Backward\\d*|CopySlices|CopyBackwards)`");
    /** A cell separator: a pipe not escaped as {@code \|}. */
    private static final Pattern CELL = Pattern.compile("(?<!\\\\)\\|");

    private static final List<String[]> rows = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        for (String line : Files.readAllLines(TABLE)) {
            if (!line.startsWith("| ") || line.startsWith("| PyTorch ") || line.startsWith("| ---")) {
                continue;
            }
            String[] cells = CELL.split(line, -1);
            assertEquals(6, cells.length, "four cells: " + line);
            rows.add(new String[] {cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip()});
        }
        assertTrue(rows.size() > 100, "the table was read: " + rows.size() + " rows");
    }

    /** "Tensor.zeros/2" for a static method, "add/1" for an instance method. */
    private static String key(boolean isStatic, String name, int parameters) {
        return (isStatic ? "Tensor." : "") + name + "/" + parameters;
    }

    private static Set<String> inCode() {
        Set<String> keys = new TreeSet<>();
        for (Method m : Tensor.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                keys.add(key(Modifier.isStatic(m.getModifiers()), m.getName(), m.getParameterCount()));
            }
        }
        return keys;
    }

    private static Set<String> inTable() {
        Set<String> keys = new TreeSet<>();
        for (String[] row : rows) {
            Matcher m = SIGNATURE.matcher(row[1]);
            while (m.find()) {
                String params = m.group(3).strip();
                keys.add(key(m.group(1) != null, m.group(2), params.isEmpty() ? 0 : params.split(",").length));
            }
        }
        return keys;
    }

    @Test
    void everyPublicTensorMethodIsInTheTable() {
        Set<String> missing = new TreeSet<>(inCode());
        missing.removeAll(inTable());
        assertEquals(Set.of(), missing, "public Tensor methods missing from OPERATIONS.md (name/parameters)");
    }

    @Test
    void everyMethodInTheTableExists() {
        Set<String> unknown = new TreeSet<>(inTable());
        unknown.removeAll(inCode());
        assertEquals(Set.of(), unknown, "OPERATIONS.md names methods Tensor does not have (name/parameters)");
    }

    @Test
    void everyBackwardNodeInTheTableIsRecordedByTheCode() throws IOException {
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.append(Files.readString(f));
            }
        }
        Set<String> unknown = new TreeSet<>();
        for (String[] row : rows) {
            // PyTorch's own node names, quoted for a difference, are not Vectorgrad's.
            Matcher m = NODE.matcher(row[2].replaceAll("\\(PyTorch: [^)]*\\)", ""));
            while (m.find()) {
                if (!sources.toString().contains("\"" + m.group(1) + "\"")) {
                    unknown.add(m.group(1));
                }
            }
        }
        assertEquals(Set.of(), unknown, "backward nodes in OPERATIONS.md that no engine-api source records");
    }
}
