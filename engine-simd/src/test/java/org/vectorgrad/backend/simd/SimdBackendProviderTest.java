package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BackendProvider;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

class SimdBackendProviderTest {

    @Test
    void serviceLoaderFindsAnAvailableProvider() {
        BackendProvider p = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("simd"))
                .findFirst()
                .orElseThrow();
        assertEquals(100, p.priority());
        assertNull(p.unavailableReason());
        assertInstanceOf(SimdBackend.class, p.create());
    }

    @Test
    void isTheDefaultChoiceAndComputes() {
        assertEquals("simd", Backends.available().get(0));
        Backend b = Backends.get("simd");
        assertEquals("simd", b.name());
        float[] y = new float[3];
        b.unary(UnaryOp.SQRT, DType.FLOAT32, new float[] {1, 4, 9}, Layout.contiguous(3), y, Layout.contiguous(3));
        assertArrayEquals(new float[] {1, 2, 3}, y);
    }

    /** Without --add-modules the provider loads, reports how to enable it, and the scalar backend is chosen. */
    @Test
    void withoutTheIncubatorModuleItExplainsHowToEnableIt() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("simd unavailable: ") && out.contains("--add-modules jdk.incubator.vector"), out);
        assertTrue(out.contains("available: [scalar]"), out);
    }

    /** Run in a JVM without the incubator module. */
    public static final class Probe {
        public static void main(String[] args) {
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
                if (p.name().equals("simd")) {
                    System.out.println("simd unavailable: " + p.unavailableReason());
                }
            }
            System.out.println("available: " + Backends.available());
        }
    }
}
