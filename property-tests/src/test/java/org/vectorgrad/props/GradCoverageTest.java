package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import org.vectorgrad.GradFn;
import org.vectorgrad.Tensor;

/**
 * Every gradient formula of the op tables has a gradcheck row: each node name declared in
 * engine-api's {@code *Ops.java} files appears in the graph of some case that {@link GradCases}
 * generates (and so {@link GradientProperties} checks against finite differences). A new op row
 * without a case fails here, naming its node.
 */
class GradCoverageTest {
    private static final Path TABLES = Path.of("..", "engine-api", "src", "main", "java", "org", "vectorgrad");
    /** A quoted node name: PyTorch's {@code XxxBackwardN}, {@code CopyBackwards}, {@code CopySlices}. */
    private static final Pattern NODE = Pattern.compile("\"([A-Z][A-Za-z]*(?:Backward\\d+|Backwards|Slices))\"");
    /**
     * Declared nodes no finite difference can check, each with where it is checked instead.
     * ToCopyBackward0 is a cast between float dtypes: through float32 the differences measure rounding,
     * and float64 to float64 records no node; conformance case 106 checks its names and gradients.
     */
    private static final Set<String> NOT_GRADCHECKED = Set.of("ToCopyBackward0");
    /** Samples drawn from each generator; with the fixed seed the test is deterministic. */
    private static final int SAMPLES = 600;

    /** An example (one run) rather than a JUnit test: jqwik generators run on jqwik's threads only. */
    @Example
    void everyDeclaredGradientHasAGradcheckRow() throws Exception {
        Map<String, Path> declared = declaredNodes();
        assertTrue(declared.size() > 40, "found only " + declared.keySet() + " in " + TABLES.toAbsolutePath());
        Set<String> reached = reachedNodes();
        Map<String, Path> missing = new TreeMap<>(declared);
        missing.keySet().removeAll(reached);
        missing.keySet().removeAll(NOT_GRADCHECKED);
        if (!missing.isEmpty()) {
            fail("no GradCases row reaches these nodes (add a row for the op to GradCases): " + missing);
        }
    }

    /** Node names quoted in the op tables, with the file that declares each. */
    static Map<String, Path> declaredNodes() throws IOException {
        Map<String, Path> names = new TreeMap<>();
        try (Stream<Path> files = Files.list(TABLES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Ops.java")).toList()) {
                Matcher m = NODE.matcher(Files.readString(f));
                while (m.find()) {
                    // "BackwardBackward0" is no name but the suffix of a view's second-order node (ViewOps.scatterView).
                    if (!m.group(1).startsWith("BackwardBackward")) {
                        names.put(m.group(1), f.getFileName());
                    }
                }
            }
        }
        return names;
    }

    /** Node names in the graphs of cases drawn from every GradCases generator. */
    private static Set<String> reachedNodes() throws Exception {
        Set<String> reached = new TreeSet<>();
        for (Method m : GradCases.class.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0
                    || !(m.getGenericReturnType() instanceof ParameterizedType t) || t.getRawType() != Arbitrary.class
                    || t.getActualTypeArguments()[0] != GradCase.class) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Arbitrary<GradCase> cases = GradCases.withLeafChoice((Arbitrary<GradCase>) m.invoke(null));
            RandomGenerator<GradCase> generator = cases.generator(1000);
            Random random = new Random(m.getName().hashCode());
            for (int i = 0; i < SAMPLES; i++) {
                GradCase c = generator.next(random).value();
                try {
                    collect(GradCheck.recordedOutput(c).gradFn(), reached);
                } catch (RuntimeException e) {
                    // A case gradcheck would reject (NaN values, say) teaches nothing about coverage.
                }
            }
        }
        return reached;
    }

    private static void collect(GradFn root, Set<String> names) {
        Set<GradFn> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<GradFn> todo = new ArrayDeque<>();
        if (root != null) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            GradFn fn = todo.pop();
            if (seen.add(fn)) {
                names.add(fn.name());
                for (GradFn.Edge e : fn.nextFunctions()) {
                    if (e.function() != null) {
                        todo.push(e.function());
                    }
                }
            }
        }
    }
}
