package org.vectorgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

class SuiteTest {

    @Test
    void quickPlanRunsEachCaseOnceWithValuesOfTheFullGrid() throws Exception {
        List<Suite.Run> quick = Suite.quickPlan();
        Set<String> labels = new HashSet<>();
        for (Suite.Run r : quick) {
            assertTrue(labels.add(r.label()), "duplicate run " + r.label());
            Class<?> c = Class.forName(r.benchmark().substring(0, r.benchmark().lastIndexOf('.')));
            String method = r.benchmark().substring(r.benchmark().lastIndexOf('.') + 1);
            List<Class<?>> holders = new java.util.ArrayList<>(List.of(c));
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method)) {
                    holders.addAll(List.of(m.getParameterTypes()));
                }
            }
            if (r.benchmark().equals(SweepBenchmark.class.getName() + ".run")) {
                assertTrue(Sweep.quickCases().contains(r.params().get("id")), r.label());
                assertTrue(List.of("simd", "scalar").contains(r.backend()), r.label());
                continue;
            }
            for (Map.Entry<String, String> p : r.params().entrySet()) {
                Field f = null;
                for (Class<?> h : holders) {
                    try {
                        f = h.getDeclaredField(p.getKey());
                    } catch (NoSuchFieldException e) {
                        continue;
                    }
                }
                assertTrue(f != null && List.of(f.getAnnotation(Param.class).value()).contains(p.getValue()), r.label());
            }
        }
        // 6 programs, 5 TrainingBenchmark, 12 MatmulBenchmark, 19 kernel runs: forks of their own
        assertEquals(6 + 5 + 12 + 19 + 2 * Sweep.quickCases().size(), quick.size());
    }

    @Test
    void fullPlanIsTheCartesianProductOfEveryParam() {
        Map<String, Long> perClass = new java.util.TreeMap<>();
        for (Suite.Run r : Suite.fullPlan()) {
            perClass.merge(r.label().substring(0, r.label().indexOf('.')), 1L, Long::sum);
        }
        assertEquals(4L * 2 * 6 * 3 * 3, perClass.get("KernelMapBenchmark"));
        assertEquals(3L * 2 * 5 * 3 * 3, perClass.get("KernelReduceBenchmark"));
        assertEquals(2L * 5 * 2 * 3, perClass.get("KernelDotBenchmark"));
        assertEquals(7L * 2 * 2 * 4, perClass.get("KernelMatmulBenchmark"));
        assertEquals(2L * 5 * 2, perClass.get("StreamCopyBenchmark"));
        assertEquals(5L * 2, perClass.get("EndToEndBenchmark"));
        assertEquals(2L * 2 * 2, perClass.get("ProgramBenchmark"));
        assertEquals(12L * 2 * 2 * 2, perClass.get("ElementwiseKernelBenchmark"));
        assertEquals(6L * 2, perClass.get("ReductionKernelBenchmark"));
        assertEquals(5L * 6 + 1 + 1 + 8 + 2, perClass.get("MatmulBenchmark"));
        assertEquals(2L * Sweep.fullCases().size(), perClass.get("SweepBenchmark"));
    }

    /** The estimate printed before a run adds up its parts, each run counted once. */
    @Test
    void theEstimateCountsEveryRunOnce() {
        List<Suite.Run> quick = Suite.quickPlan();
        Suite.Estimate e = Suite.Estimate.of(quick, Suite.Preset.QUICK, true, Sweep.quickCases().size(), 10);
        assertEquals(42, e.forks());
        assertEquals(2 * Sweep.quickCases().size(), e.sweepRuns());
        double sum = quick.stream().mapToDouble(e::seconds).sum();
        assertEquals(sum, e.totalSeconds(), 1e-9);
        // a sweep case: its warm-up, 1 x 20 ms and 10 x 10 ms
        assertEquals(Suite.Estimate.SWEEP_CASE_OVERHEAD + 0.12, e.seconds(quick.get(quick.size() - 1)), 1e-9);
        assertEquals(Suite.Estimate.TORCH_FIXED + Suite.Estimate.TORCH_CASE * Sweep.quickCases().size(), e.torchSeconds(), 1e-9);
        assertEquals(0, Suite.Estimate.of(quick, Suite.Preset.QUICK, false, Sweep.quickCases().size(), 0).torchSeconds());
    }

    @Test
    void runsKnowWhichBackendTheyNeed() {
        assertEquals("simd", new Suite.Run("a.B.run", Map.of("impl", "simd")).backend());
        assertEquals("scalar", new Suite.Run("a.B.run", Map.of("backend", "scalar")).backend());
        assertNull(new Suite.Run("a.B.run", Map.of("impl", "ejml")).backend());
        assertEquals("B.run impl=loop", new Suite.Run("a.B.run", Map.of("impl", "loop")).label());
    }

    @Test
    void theSweepMeasuresEachCaseUnderItsBackendsOneRightAfterTheOther() {
        List<Suite.Run> batch = Suite.quickPlan().stream().filter(r -> r.benchmark().endsWith("SweepBenchmark.run")).toList();
        List<org.openjdk.jmh.runner.options.Options> runs = Suite.sweepOptions(batch, Suite.Preset.QUICK);
        assertEquals(Sweep.quickCases().size(), runs.size());
        assertEquals(2 * runs.size(), batch.size());
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(List.of(Sweep.quickCases().get(i)), List.copyOf(runs.get(i).getParameter("id").get()));
            assertEquals(List.of("simd", "scalar"), List.copyOf(runs.get(i).getParameter("backend").get()));
            assertEquals(0, runs.get(i).getForkCount().get());
        }
    }

    /**
     * The sweep is one JMH run per case: a run that throws (here the second of four, as when another
     * JMH instance holds JMH's lock for a moment) costs its own results only, not those measured before
     * it nor the runs after it.
     */
    @Test
    void aFailedJmhRunLosesOnlyItsOwnResults() {
        List<String> failures = new java.util.ArrayList<>();
        List<String> results = Suite.runEach(List.of("add", "mul", "exp", "sin"), id -> {
            if (id.equals("mul")) {
                throw new org.openjdk.jmh.runner.RunnerException("ERROR: Another JMH instance might be running");
            }
            return List.of(id + " under simd", id + " under scalar");
        }, failures);
        assertEquals(List.of("add under simd", "add under scalar", "exp under simd", "exp under scalar", "sin under simd",
                "sin under scalar"), results);
        assertEquals(List.of("ERROR: Another JMH instance might be running"), failures);
    }
}
