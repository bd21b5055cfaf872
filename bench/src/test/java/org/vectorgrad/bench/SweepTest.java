package org.vectorgrad.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

class SweepTest {

    @Test
    void everyOpRunsAtTwoThousandAndAt65536AndSoDoesItsBackward() {
        List<String> cases = Sweep.quickCases();
        assertEquals(cases.size(), new HashSet<>(cases).size(), "a case twice");
        for (Sweep.Op o : Sweep.OPS.values()) {
            if (o.kind() == Sweep.Kind.MATMUL || o.kind() == Sweep.Kind.WORKLOAD) {
                assertTrue(cases.stream().anyMatch(c -> c.startsWith(o.name() + "/")), o.name());
                continue;
            }
            String layout = o.name().equals("mv") ? "/row/" : "/contiguous/";
            for (String size : List.of("2000", "65536")) {
                assertTrue(cases.contains(o.name() + layout + size), o.name() + " " + size);
                assertEquals(o.differentiable(), cases.contains(o.name() + ".bwd" + layout + size), o.name() + ".bwd");
            }
        }
    }

    /** --full: every op and its backward at every size of the ladder, and every layout from 100 elements up. */
    @Test
    void theFullSweepHasEveryOpAtEverySize() {
        List<String> cases = Sweep.fullCases();
        assertEquals(cases.size(), new HashSet<>(cases).size(), "a case twice");
        assertTrue(cases.containsAll(Sweep.quickCases()), "quick cases missing from --full");
        for (Sweep.Op o : Sweep.OPS.values()) {
            if (o.kind() == Sweep.Kind.MATMUL || o.kind() == Sweep.Kind.WORKLOAD) {
                continue;
            }
            String layout = o.name().equals("mv") ? "/row/" : "/contiguous/";
            for (String size : Sweep.LADDER.subList(1, Sweep.LADDER.size())) {
                assertTrue(cases.contains(o.name() + layout + size), o.name() + " " + size);
                assertEquals(o.differentiable(), cases.contains(o.name() + ".bwd" + layout + size), o.name() + ".bwd " + size);
                if (Sweep.BROADCASTING.contains(o.name())) {
                    for (String l : List.of("scalar", "row", "transposed")) {
                        assertTrue(cases.contains(o.name() + "/" + l + "/" + size), o.name() + " " + l + " " + size);
                    }
                }
            }
        }
        assertTrue(cases.contains("exp/contiguous/0") && cases.contains("exp.bwd/contiguous/0") && cases.contains("sum/contiguous/0"));
        assertTrue(cases.contains("addmm.bwd/contiguous/32x784x128"));
    }

    /** Every case of --full runs (at its two smallest sizes, under every backend): no case fails only in a long run. */
    @Test
    void everyFullCaseRunsAtSmallSizes() {
        for (String backend : Backends.available()) {
            try (var scope = Backends.use(backend)) {
                for (String id : Sweep.fullCases()) {
                    String size = id.substring(id.lastIndexOf('/') + 1);
                    if (size.equals("0") || size.equals("100")) {
                        assertNotNull(Sweep.prepare(id).get(), backend + " " + id);
                    }
                }
            }
        }
    }

    @Test
    void layoutsGiveTheOperandsTheirShapesAndStrides() {
        Sweep.Inputs row = inputsOf("add/row/2000");
        assertArrayEquals(new long[] {40, 50}, row.x.shape());
        assertArrayEquals(new long[] {50}, row.y.shape());
        Sweep.Inputs t = inputsOf("add/transposed/2000");
        assertArrayEquals(new long[] {40, 50}, t.y.shape());
        assertArrayEquals(new long[] {1, 40}, t.y.stride());
        assertArrayEquals(new long[] {1, 256}, inputsOf("sum/transposed/65536").x.stride());
        assertEquals(0, inputsOf("mul/scalar/100").y.dim());
        assertEquals(0, inputsOf("mul/contiguous/0").x.dim());
        Sweep.Inputs mm = inputsOf("matmul/contiguous/64x128x10");
        assertArrayEquals(new long[] {64, 128}, mm.x.shape());
        assertArrayEquals(new long[] {128, 10}, mm.y.shape());
        // positive ops draw x in [0.5, 2.5)
        double[] x = inputsOf("log/contiguous/2000").x.toDoubleArray();
        assertTrue(java.util.Arrays.stream(x).allMatch(v -> v >= 0.5 && v < 2.5));
    }

    @Test
    void aCaseComputesItsOpAndItsBackwardClearsTheGradients() {
        try (var scope = Backends.use("scalar")) {
            Tensor y = (Tensor) Sweep.prepare("pow2/contiguous/100").get();
            Sweep.Inputs in = inputsOf("pow2/contiguous/100");
            assertTrue(y.allclose(in.x.mul(in.x)));
            // d/dx sum(x^2 * ones) = 2x
            Tensor grad = (Tensor) Sweep.prepare("pow2.bwd/contiguous/100").get();
            assertTrue(grad.allclose(in.x.mul(2)));
        }
        assertThrows(IllegalArgumentException.class, () -> Sweep.prepare("sign.bwd/contiguous/100"));
        assertThrows(IllegalArgumentException.class, () -> Sweep.prepare("nosuchop/contiguous/100"));
        assertThrows(IllegalArgumentException.class, () -> Sweep.prepare("exp/row/100"));
    }

    @Test
    void everyOpRunsUnderEveryBackendOnASmallCase() {
        for (String backend : Backends.available()) {
            try (var scope = Backends.use(backend)) {
                for (Sweep.Op o : Sweep.OPS.values()) {
                    String size = o.kind() == Sweep.Kind.MATMUL ? (o.name().equals("bmm") ? "2x3x4x5" : "3x4x5") : "100";
                    String layout = o.name().equals("mv") ? "row" : "contiguous";
                    assertFalse(Sweep.prepare(o.name() + "/" + layout + "/" + size).get() == null, o.name());
                    if (o.differentiable()) {
                        Sweep.prepare(o.name() + ".bwd/" + layout + "/" + size).get();
                    }
                }
            }
        }
    }

    /** bench/python/sweep.py times the same ops by the same names. */
    @Test
    void thePyTorchScriptHasTheSameOps() throws IOException {
        Path script = Path.of("python", "sweep.py");   // surefire runs in the module directory
        Matcher m = Pattern.compile("^op\\(\"([^\"]+)\"", Pattern.MULTILINE).matcher(Files.readString(script));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertEquals(List.copyOf(Sweep.OPS.keySet()), names);
    }

    private static Sweep.Inputs inputsOf(String id) {
        return Sweep.inputsFor(id);
    }

    /**
     * The floor's gradient count against what a backward case really returns: per leaf, a gradient of
     * n elements (cat and stack excepted, whose leaves adopt slices of the incoming gradient).
     */
    @Test
    void aBackwardsFloorCountsTheGradientsOfNElementsItReturns() {
        try (var scope = Backends.use("scalar")) {
            for (String id : Sweep.quickCases()) {
                String[] p = id.split("/");
                if (!p[0].endsWith(".bwd") || !p[2].equals("2000")) {
                    continue;
                }
                Sweep.Inputs in = Sweep.inputsFor(id);
                in.x.requiresGrad_(true);
                in.y.requiresGrad_(true);
                String name = p[0].substring(0, p[0].length() - 4);
                Tensor out = (Tensor) Sweep.OPS.get(name).call().apply(in);
                out.backward(out.detach().onesLike());
                int full = 0;
                for (Tensor leaf : new Tensor[] {in.x, in.y}) {
                    full += leaf.grad() != null && leaf.grad().numel() == 2000 ? 1 : 0;
                }
                int expected = name.equals("cat") || name.equals("stack") ? 0 : full;
                assertEquals(expected, Sweep.freshResultFloors(id) - Sweep.freshResultFloors(name + "/" + p[1] + "/" + p[2]), id);
            }
        }
    }

    /**
     * The floor counts no array a case does not allocate: every case of 2,000 elements allocates at
     * least its floors' bytes per call (a floor above that would take off time the case never spends).
     */
    @Test
    void noCaseAllocatesLessThanItsFloors() {
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        try (var scope = Backends.use("scalar")) {
            for (String id : Sweep.quickCases()) {
                int floors = Sweep.freshResultFloors(id);
                if (floors == 0 || !id.endsWith("/2000")) {
                    continue;
                }
                var call = Sweep.prepare(id);
                call.get();
                long before = mx.getThreadAllocatedBytes(thread);
                call.get();
                long bytes = mx.getThreadAllocatedBytes(thread) - before;
                long floorBytes = Sweep.floorOp(id).equals("new_bool") ? 2000 : 4 * 2000;
                assertTrue(bytes >= floors * floorBytes, id + ": " + bytes + " B for " + floors + " floors");
            }
        }
    }
}
