package org.vectorgrad.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepSectionTest {

    private static Result sweep(String id, String backend, double ns, double err) {
        return new Result("org.vectorgrad.bench.SweepBenchmark.run", Map.of("id", id, "backend", backend), ns, err,
                "ns/op", "vm", List.of(), "settings");
    }

    private static final PyTorch TORCH = new PyTorch(null, Map.of("torch", "1.13", "python", "3.11", "threads.default", "2"),
            Map.of("mul/contiguous/65536", new PyTorch.Timing(10_000, 500),
                    "exp/contiguous/2000", new PyTorch.Timing(3_000, 100),
                    "sin/contiguous/100", new PyTorch.Timing(1_000, 10)),
            Map.of(), Map.of(), List.of());

    private static List<Result> results() {
        List<Result> r = new ArrayList<>();
        // SIMD slower than scalar by more than both errors: 30 - 2 > 20 + 1
        r.add(sweep("mul/contiguous/65536", "simd", 30_000, 2_000));
        r.add(sweep("mul/contiguous/65536", "scalar", 20_000, 1_000));
        // slower, but within the errors: 25 - 3 <= 20 + 3
        r.add(sweep("exp/contiguous/2000", "simd", 25_000, 3_000));
        r.add(sweep("exp/contiguous/2000", "scalar", 20_000, 3_000));
        // slower than PyTorch, but under 2,000 elements: not listed against PyTorch
        r.add(sweep("sin/contiguous/100", "simd", 2_000, 10));
        r.add(sweep("sin/contiguous/100", "scalar", 3_000, 10));
        r.add(sweep("new_float/contiguous/65536", "simd", 8_000, 100));
        return r;
    }

    @Test
    void listsSimdSlowerThanScalarOnlyBeyondBothErrors() {
        assertEquals(List.of("mul/contiguous/65536"), new SweepSection(results(), TORCH).simdSlowerThanScalar());
    }

    @Test
    void listsCasesOf2000ElementsOrMoreSlowerThanPyTorchWorstFirst() {
        // exp: 25000 / 3000 = 8.33; mul: 30000 / 10000 = 3
        assertEquals(List.of("exp/contiguous/2000", "mul/contiguous/65536"),
                new SweepSection(results(), TORCH).slowerThanPyTorch());
    }

    @Test
    void theFloorCountsOnlyForCasesThatReturnAFreshTensorOfTheirSize() {
        List<Result> r = new ArrayList<>();
        r.add(sweep("new_float/contiguous/65536", "simd", 12_000, 100));
        // a map: 20 µs less the 12 µs floor is under PyTorch's 10
        r.add(sweep("relu/contiguous/65536", "simd", 20_000, 500));
        // a reduction returns one float: no floor under it
        r.add(sweep("sum/contiguous/65536", "simd", 20_000, 500));
        // a bool result: its floor is new boolean[n], 3 µs, so 14 - 3 is still above PyTorch's 10
        r.add(sweep("new_bool/contiguous/65536", "simd", 3_000, 100));
        r.add(sweep("eq/contiguous/65536", "simd", 14_000, 200));
        PyTorch torch = new PyTorch(null, Map.of("torch", "1.13"),
                Map.of("relu/contiguous/65536", new PyTorch.Timing(10_000, 100),
                        "sum/contiguous/65536", new PyTorch.Timing(10_000, 100),
                        "eq/contiguous/65536", new PyTorch.Timing(10_000, 100)), Map.of(), Map.of(), List.of());
        String md = new Report(r, new Machine(Map.of()), torch, List.of()).markdown();
        assertTrue(md.contains("3 of them beyond JMH's error; 2 of those also beyond the JVM's floor"), md);
        assertTrue(md.contains("| eq/contiguous/65536 | 14.0 ±1% | 10.0 ±1% | **1.40** | yes | 3.00 (case 4.67×) | 1× = 3.00 ±0.1: "
                + "still slower |"), md);
        assertTrue(md.contains("| relu/contiguous/65536 | 20.0 ±3% | 10.0 ±1% | **2.00** | yes | 12.0 (case 1.67×) | 1× = 12.0 ±0.1: "
                + "no slower |"), md);
        assertTrue(md.contains("| sum/contiguous/65536 | 20.0 ±3% | 10.0 ±1% | **2.00** | yes | 12.0 (case 1.67×) | — |"), md);
        assertEquals(1, org.vectorgrad.bench.Sweep.freshResultFloors("contiguous/transposed/2000"));
        assertEquals(2, org.vectorgrad.bench.Sweep.freshResultFloors("cat/contiguous/65536"));
        assertEquals(2, org.vectorgrad.bench.Sweep.freshResultFloors("to_float64/contiguous/65536"));
        assertEquals(1, org.vectorgrad.bench.Sweep.freshResultFloors("eq/row/2000"));
        assertEquals("new_bool", org.vectorgrad.bench.Sweep.floorOp("logicalNot/contiguous/65536"));
        assertEquals("new_float", org.vectorgrad.bench.Sweep.floorOp("where/row/2000"));
        for (String id : List.of("contiguous/contiguous/2000", "t/contiguous/2000", "add_/contiguous/2000", "new_bool/contiguous/2000",
                "mv/row/2000", "matmul/contiguous/64x64x128", "add/contiguous/0", "maskedSelect/contiguous/2000",
                "slice2_contiguous/contiguous/2000")) {
            assertEquals(0, org.vectorgrad.bench.Sweep.freshResultFloors(id), id);
        }
    }

    /**
     * A backward case's floor: its forward's fresh result plus one fresh gradient of n elements per
     * leaf requiring grad (x; y of a binary op when y has n elements), counted by hand from the ops.
     */
    @Test
    void aBackwardCountsItsResultAndEachGradientOfNElements() {
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("relu.bwd/contiguous/65536", 2);         // relu(x) and x's gradient
        expected.put("neg.bwd/contiguous/2000", 2);
        expected.put("add.bwd/contiguous/65536", 3);          // x + y, and both gradients
        expected.put("add.bwd/transposed/65536", 3);          // y transposed still has n elements
        expected.put("mul.bwd/row/65536", 2);                 // y is one row: its gradient has cols elements
        expected.put("div.bwd/scalar/65536", 2);              // y is 0-dim: one float
        expected.put("rdiv_s.bwd/contiguous/65536", 2);       // 2.5 / x and x's gradient (y unused)
        expected.put("where.bwd/contiguous/65536", 3);
        expected.put("dot.bwd/contiguous/65536", 2);          // a 0-dim result, two gradients of n
        expected.put("mv.bwd/row/65536", 1);                  // a result of rows, x's gradient of n, y's of cols
        expected.put("sum.bwd/contiguous/65536", 1);
        expected.put("norm.dim1.bwd/contiguous/65536", 1);
        expected.put("indexAdd.bwd/contiguous/65536", 2);     // x read twice, one gradient
        expected.put("narrow.bwd/contiguous/65536", 1);       // a view: only the gradient
        expected.put("contiguous.bwd/contiguous/65536", 1);   // x itself: only the gradient
        expected.put("to_float64.bwd/contiguous/65536", 3);   // n doubles and x's gradient
        expected.put("repeat.bwd/contiguous/65536", 3);
        expected.put("cat.bwd/contiguous/65536", 2);          // the leaves adopt slices of the incoming gradient
        expected.put("stack.bwd/contiguous/65536", 2);
        expected.put("maskedSelect.bwd/contiguous/65536", 1);
        expected.put("matmul.bwd/contiguous/64x64x128", 0);
        expected.forEach((id, n) -> assertEquals(n, org.vectorgrad.bench.Sweep.freshResultFloors(id), id));
    }

    /**
     * relu.bwd must allocate relu's result and x's gradient: 2 floors of 10 µs ±1 taken off. 33 - 20 = 13 µs
     * less its own 0.5 error would still be above PyTorch's 10 + 0.5, but not less the floors' 2 µs error too.
     */
    @Test
    void aBackwardTakesOffEachFreshArrayAndTheFloorsErrorCounts() {
        List<Result> r = List.of(sweep("new_float/contiguous/65536", "simd", 10_000, 1_000),
                sweep("relu.bwd/contiguous/65536", "simd", 33_000, 500));
        PyTorch torch = new PyTorch(null, Map.of("torch", "1.13"),
                Map.of("relu.bwd/contiguous/65536", new PyTorch.Timing(10_000, 500)), Map.of(), Map.of(), List.of());
        String md = new Report(r, new Machine(Map.of()), torch, List.of()).markdown();
        assertTrue(md.contains("1 of them beyond JMH's error; 0 of those also beyond the JVM's floor"), md);
        assertTrue(md.contains("| relu.bwd/contiguous/65536 | 33.0 ±2% | 10.0 ±5% | **3.30** | yes | 10.0 (case 3.30×) | "
                + "2× = 20.0 ±2.00: no slower |"), md);
    }

    @Test
    void matmulShapesCountTheirLargestOperand() {
        assertEquals(128 * 784, SweepSection.elements("matmul/contiguous/32x784x128"));
        assertEquals(8 * 64 * 64, SweepSection.elements("bmm/contiguous/8x64x64x64"));
        assertEquals(1, SweepSection.elements("add/contiguous/0"));
    }

    @Test
    void reportShowsTheFloorAndSaysWhenPyTorchIsMissing() {
        String md = new Report(results(), new Machine(Map.of()), TORCH, List.of()).markdown();
        // mul/contiguous/65536: simd 30 µs ±7%, scalar 20 µs ±5%, simd/scalar 1.5, floor new float[65536] 8 µs
        assertTrue(md.contains("SIMD slower than scalar: 1 cases beyond JMH error (2 slower at face value)"), md);
        // floor: new float[65536] 8 µs, the case 30 / 8 = 3.75 times it
        assertTrue(md.contains("| mul/contiguous/65536 | 30.0 ±7% | 20.0 ±5% | **1.50** | yes | 8.00 (case 3.75×) |"), md);
        assertTrue(md.contains("| exp/contiguous/2000 | 25.0 ±12% | 20.0 ±15% | **1.25** | no | — |"), md);
        assertTrue(md.contains("Vectorgrad (SIMD) slower than PyTorch, 2,000 elements or more: 2 of 2 cases"), md);
        // mul must return a fresh float[65536]: 30 - 8 = 22 µs less its 2 µs error still above PyTorch's 10 + 0.5;
        // exp at 2,000 has no new_float case of its size here, so nothing is taken off
        assertTrue(md.contains("2 of them beyond JMH's error; 2 of those also beyond the JVM's floor"), md);
        assertTrue(md.contains("| mul/contiguous/65536 | 30.0 ±7% | 10.0 ±5% | **3.00** | yes | 8.00 (case 3.75×) | 1× = 8.00 ±0.1: "
                + "still slower |"), md);
        String without = new Report(results(), new Machine(Map.of()), PyTorch.notFound("no torch here"), List.of()).markdown();
        assertTrue(without.contains("**PyTorch not found**: no torch here"), without);
        assertTrue(!without.contains("slower than PyTorch"), without);
    }
}
