package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Results are a function of input, backend, vector width and thread count only: the same
 * reductions, products and training run give the same bits cold (interpreted), after C2 has
 * compiled the kernels, under C1 only, and in another JVM. Each run is a fresh JVM running
 * {@link ReproducibilityProbe}, so "cold" really is the first call. Twenty rounds are enough for C2
 * to compile the reduction, dot, GEMM and transcendental kernels (checked with
 * {@code -XX:+PrintCompilation}: level 4).
 */
class ReproducibilityTest {

    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    void sameBitsBeforeAndAfterWarmUpAndAcrossJvms(String backend) throws Exception {
        Map<String, String> c2 = probe(backend, 20);
        Map<String, String> c1 = probe(backend, 3, "-XX:TieredStopAtLevel=1");
        assertSame(c2.get("cold"), c2.get("warm"), "cold vs after C2 warm-up, one JVM");
        assertSame(c1.get("cold"), c1.get("warm"), "cold vs warm under C1 only");
        assertSame(c2.get("warm"), c1.get("warm"), "C2-compiled vs C1-compiled, two JVMs");
        assertSame(c2.get("small"), c1.get("small"), "1,000 calls on 37 and 1,003 elements: C2 vs C1");
    }

    /** Equal digests, or a failure naming the results that differ. */
    private static void assertSame(String expected, String actual, String what) {
        List<String> differ = new ArrayList<>();
        Map<String, String> e = entries(expected);
        Map<String, String> a = entries(actual);
        for (Map.Entry<String, String> en : e.entrySet()) {
            if (!en.getValue().equals(a.get(en.getKey()))) {
                differ.add(en.getKey());
            }
        }
        assertEquals(expected, actual, what + "; results that differ: " + differ);
    }

    /** The probe's {@code {label=digest, ...}} line as a map. */
    private static Map<String, String> entries(String digests) {
        Map<String, String> m = new HashMap<>();
        for (String kv : digests.substring(1, digests.length() - 1).split(", ")) {
            int eq = kv.lastIndexOf('=');
            m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return m;
    }

    /** Runs the probe in a fresh JVM with this JVM's java, class path and module flags. */
    private static Map<String, String> probe(String backend, int rounds, String... jvmFlags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(jvmFlags));
        cmd.addAll(List.of(ReproducibilityProbe.class.getName(), backend, Integer.toString(rounds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        Map<String, String> lines = new HashMap<>();
        for (String line : out.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.matches("^(cold|warm|small) .*")) {
                lines.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        assertEquals(3, lines.size(), out);
        return lines;
    }
}
