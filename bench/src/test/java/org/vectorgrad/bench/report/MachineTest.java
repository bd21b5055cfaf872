package org.vectorgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineTest {
    private final Machine m = new Machine(Map.of("cache.L1d", "32768", "cache.L2", "524288", "cache.L3", "33554432"));

    @Test
    void workingSetsAreAssignedToTheSmallestCacheThatHoldsThem() {
        assertEquals("L1", m.fitsIn(32768));
        assertEquals("L2", m.fitsIn(32769));
        assertEquals("L3", m.fitsIn(786432));
        assertEquals("DRAM", m.fitsIn(33554433));
        assertEquals("?", new Machine(Map.of()).fitsIn(10));
    }

    @Test
    void storeAndLoadKeepEveryValue(@TempDir Path dir) throws Exception {
        Machine original = new Machine(Map.of("java.flags", "--add-modules=jdk.incubator.vector -Da=b:c", "cpu.model", "X \\ Y"));
        original.store(dir.resolve("m.properties"));
        assertEquals(original.properties(), Machine.load(dir.resolve("m.properties")).properties());
    }

    @Test
    void collectDescribesThisJvm() {
        Machine here = Machine.collect("test");
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()), here.get("cpu.cores"));
        assertEquals("test", here.get("source"));
        if (java.nio.file.Files.exists(Path.of("/proc/loadavg"))) {
            org.junit.jupiter.api.Assertions.assertTrue(here.get("load").matches("[0-9.]+ [0-9.]+ [0-9.]+"), here.get("load"));
        }
        // the tests run with --add-modules jdk.incubator.vector, so the species is known
        assertFalse(here.get("vector.preferred").startsWith("unknown"), here.get("vector.preferred"));
    }
}
