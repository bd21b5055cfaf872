package org.vectorgrad.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The op sweep's part of the report: {@code SweepBenchmark} under each backend beside PyTorch from
 * the same run, the cases to fix first (SIMD slower than scalar; Vectorgrad slower than PyTorch),
 * the fixed cost of a small op, the JVM's allocation floor, and GEMM against numpy's OpenBLAS.
 */
final class SweepSection {
    static final String CLASS = "SweepBenchmark";
    /** The cases below this many elements are about fixed costs, not kernels: not held against PyTorch. */
    static final long PYTORCH_MIN_ELEMENTS = 2000;
    private static final List<String> LADDER = List.of("0", "100", "2000", "8192", "65536", "1048576");

    private final Map<String, Map<String, Result>> cases = new LinkedHashMap<>();   // id -> backend -> result
    private final Map<String, Result> gemm = new LinkedHashMap<>();                  // "n threads" -> simd result
    private final PyTorch torch;

    SweepSection(List<Result> results, PyTorch torch) {
        this.torch = torch;
        for (Result r : results) {
            if (r.className().equals(CLASS)) {
                cases.computeIfAbsent(r.param("id"), k -> new LinkedHashMap<>()).put(r.param("backend"), r);
            } else if (r.className().equals("MatmulBenchmark") && r.params().containsKey("n")
                    && (r.method().equals("simd1Thread") || r.method().equals("simd2Threads"))) {
                gemm.put(r.param("n") + " " + (r.method().equals("simd1Thread") ? 1 : 2), r);
            }
        }
    }

    boolean isEmpty() {
        return cases.isEmpty() && gemm.isEmpty();
    }

    /** SIMD's time minus its error above scalar's plus its error. */
    static boolean slowerBeyondError(double ns, double err, double otherNs, double otherErr) {
        return ns - nanToZero(err) > otherNs + nanToZero(otherErr);
    }

    /** Cases where the SIMD backend is slower than the scalar one beyond both errors, worst first. */
    List<String> simdSlowerThanScalar() {
        List<String> out = new ArrayList<>();
        cases.forEach((id, by) -> {
            Result s = by.get("simd");
            Result c = by.get("scalar");
            if (s != null && c != null && slowerBeyondError(s.nsPerOp(), s.nsError(), c.nsPerOp(), c.nsError())) {
                out.add(id);
            }
        });
        out.sort(Comparator.comparingDouble((String id) -> -ratio(id, "scalar")));
        return out;
    }

    /** Cases of 2,000 elements or more where SIMD takes longer than PyTorch at default threads, worst first. */
    List<String> slowerThanPyTorch() {
        List<String> out = new ArrayList<>();
        cases.forEach((id, by) -> {
            if (elements(id) >= PYTORCH_MIN_ELEMENTS && ratio(id, "torch") > 1) {
                out.add(id);
            }
        });
        out.sort(Comparator.comparingDouble((String id) -> -ratio(id, "torch")));
        return out;
    }

    void append(StringBuilder md) {
        md.append("## Op sweep: every Tensor operation as programs call it (SweepBenchmark)\n\n");
        md.append(String.format("%d cases (`op/layout/size`, defined in `Sweep`) timed through the public Tensor API "
                + "under each backend, all in one JVM, each case under one backend right after the other; `.bwd` is forward plus `backward(ones)`. "
                + "Times in µs per call, **±** JMH's error. %s **simd/scalar** and **simd/torch** divide the SIMD "
                + "backend's time by the other's: above 1, SIMD is slower. **floor** is `new float[n]` for the "
                + "case's n (the JVM zeroing a fresh array, which every new tensor pays), with the SIMD time as a "
                + "multiple of it.%n%n", cases.size(), torchSentence()));
        if (!torch.found()) {
            md.append("**PyTorch not found**: ").append(torch.notFound()).append("\n\n");
        } else if (!torch.errors().isEmpty()) {
            md.append("PyTorch rejected: ").append(String.join("; ", torch.errors())).append("\n\n");
        }
        List<String> vsScalar = simdSlowerThanScalar();
        List<String> slower = new ArrayList<>(cases.keySet().stream().filter(id -> ratio(id, "scalar") > 1).toList());
        slower.sort(Comparator.comparingDouble((String id) -> -ratio(id, "scalar")));
        md.append(String.format("### SIMD slower than scalar: %d cases beyond JMH error (%d slower at face value)%n%n",
                vsScalar.size(), slower.size()));
        if (!slower.isEmpty()) {
            md.append("| case | simd | scalar | simd/scalar | beyond error | floor |\n|---|---:|---:|---:|---|---:|\n");
            for (String id : slower) {
                md.append("| ").append(id).append(" | ").append(cell(id, "simd")).append(" | ").append(cell(id, "scalar"))
                        .append(" | **").append(Report.number(ratio(id, "scalar"))).append("** | ")
                        .append(vsScalar.contains(id) ? "yes" : "no").append(" | ").append(floor(id)).append(" |\n");
            }
            md.append('\n');
        }
        if (torch.found()) {
            List<String> vsTorch = slowerThanPyTorch();
            long counted = cases.keySet().stream().filter(id -> elements(id) >= PYTORCH_MIN_ELEMENTS
                    && !Double.isNaN(ratio(id, "torch"))).count();
            int beyond = 0;
            int beyondFloor = 0;
            for (String id : vsTorch) {
                if (slowerThanTorchBeyondError(id, 0, 0)) {
                    beyond++;
                    if (slowerThanTorchBeyondError(id, floorNs(id), floorErr(id))) {
                        beyondFloor++;
                    }
                }
            }
            md.append(String.format("### Vectorgrad (SIMD) slower than PyTorch, 2,000 elements or more: %d of %d cases%n%n",
                    vsTorch.size(), counted));
            md.append(String.format("%d of them beyond JMH's error; %d of those also beyond the JVM's floor: still slower "
                    + "than PyTorch with the time of `new float[n]` taken off as many times as the case must allocate a "
                    + "fresh array of its n elements (**less floor**: the count, the time taken off ± the floor's own error, "
                    + "then the verdict beyond all three errors). The count is what the semantics force, no temporaries: "
                    + "a result of n floats 1, of 2n floats or n eight-byte elements 2 (cat, stack, repeat, to_float64, arange), "
                    + "`new boolean[n]` for a bool result, none for views, in-place ops, reductions, products and results of fewer "
                    + "elements; a backward adds to its forward's count one gradient of n floats per leaf that requires grad "
                    + "and has n elements: x, and y of a binary op in layouts contiguous and transposed (a 0-dim or row y has a "
                    + "small gradient), none for cat and stack (their leaves take slices of the incoming gradient without a copy). "
                    + "So relu.bwd 2, add.bwd 3, add.bwd/scalar 2, sum.bwd 1. The JVM zeroes a fresh "
                    + "array in memory not in cache, where PyTorch's allocator hands back the block just freed.%n%n",
                    beyond, beyondFloor));
            if (!vsTorch.isEmpty()) {
                md.append("| case | simd | PyTorch | simd/torch | beyond error | floor | less floor |\n")
                        .append("|---|---:|---:|---:|---|---:|---|\n");
                for (String id : vsTorch) {
                    md.append("| ").append(id).append(" | ").append(cell(id, "simd")).append(" | ")
                            .append(torchCell(torch.byDefault().get(id)))
                            .append(" | **").append(Report.number(ratio(id, "torch"))).append("** | ")
                            .append(slowerThanTorchBeyondError(id, 0, 0) ? "yes" : "no")
                            .append(" | ").append(floor(id)).append(" | ").append(lessFloor(id))
                            .append(" |\n");
                }
                md.append('\n');
            }
        }
        ladder(md);
        gemmTable(md);
        md.append("### All cases\n\n| case | simd | scalar | simd/scalar | PyTorch | PyTorch 1 thread | simd/torch | floor |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String id : cases.keySet()) {
            md.append("| ").append(id).append(" | ").append(cell(id, "simd")).append(" | ").append(cell(id, "scalar"))
                    .append(" | ").append(ratioCell(id, "scalar")).append(" | ").append(torchCell(torch.byDefault().get(id)))
                    .append(" | ").append(torchCell(torch.oneThread().get(id))).append(" | ").append(ratioCell(id, "torch"))
                    .append(" | ").append(floor(id)).append(" |\n");
        }
        md.append('\n');
    }

    private String torchSentence() {
        if (!torch.found()) {
            return "PyTorch was not measured in this run.";
        }
        return String.format("PyTorch %s (Python %s) measured in the same run by `bench/python/sweep.py` (median of "
                + "7 timed loops, ± half the spread of the middle five) at its default %s thread(s), and at 1 for the cases "
                + "it may split (products, and 32,768 elements or more: below its grain size an op runs on one thread "
                + "anyway, — in that column).",
                torch.info().get("torch"), torch.info().get("python"), torch.info().get("threads.default"));
    }

    /** The size ladder of the cases measured at several sizes: SIMD µs, PyTorch µs in brackets. */
    private void ladder(StringBuilder md) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String id : cases.keySet()) {
            String[] p = id.split("/");
            if (LADDER.contains(p[2])) {
                rows.computeIfAbsent(p[0] + "/" + p[1], k -> new LinkedHashMap<>()).put(p[2], id);
            }
        }
        rows.values().removeIf(m -> m.size() < 3);
        if (rows.isEmpty()) {
            return;
        }
        md.append("### By size: fixed cost and scaling\n\nSIMD backend µs per call; in brackets scalar, then PyTorch. "
                + "The 100-element column is the fixed cost of a call (the `new_float` row: the JVM's floor).\n\n");
        StringJoiner head = new StringJoiner(" | ", "| ", " |\n");
        head.add("op/layout");
        LADDER.forEach(s -> head.add(s.equals("0") ? "0-dim" : s));
        md.append(head).append("|---|").append("---:|".repeat(LADDER.size())).append('\n');
        rows.forEach((name, bySize) -> {
            StringJoiner line = new StringJoiner(" | ", "| ", " |\n");
            line.add(name);
            for (String size : LADDER) {
                String id = bySize.get(size);
                Result s = id == null ? null : cases.get(id).get("simd");
                Result c = id == null ? null : cases.get(id).get("scalar");
                PyTorch.Timing t = id == null ? null : torch.byDefault().get(id);
                line.add(s == null ? "—" : us(s.nsPerOp()) + " (" + (c == null ? "—" : us(c.nsPerOp())) + ", "
                        + (t == null ? "—" : us(t.ns())) + ")");
            }
            md.append(line);
        });
        md.append('\n');
    }

    private void gemmTable(StringBuilder md) {
        if (gemm.isEmpty()) {
            return;
        }
        md.append("### Matmul float32 against OpenBLAS (numpy, same run)\n\n");
        if (torch.found()) {
            md.append("numpy ").append(torch.info().getOrDefault("numpy", "?")).append(", ")
                    .append(torch.info().getOrDefault("openblas.config", torch.info().getOrDefault("openblas", "?")))
                    .append(", kernel **").append(torch.info().getOrDefault("openblas.corename", "?"))
                    .append("** (`OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE` unset for that command).\n\n");
        }
        md.append("| n | threads | simd GFLOP/s | OpenBLAS GFLOP/s | simd / OpenBLAS |\n|---:|---:|---:|---:|---:|\n");
        gemm.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, Result> e) -> Integer.parseInt(e.getKey().split(" ")[1]))
                .thenComparingInt(e -> Integer.parseInt(e.getKey().split(" ")[0]))).forEach(e -> {
                    String[] nt = e.getKey().split(" ");
                    double n = Double.parseDouble(nt[0]);
                    double flops = 2 * n * n * n;
                    Result r = e.getValue();
                    PyTorch.Timing t = torch.numpyMatmul().get(e.getKey());
                    md.append("| ").append(nt[0]).append(" | ").append(nt[1]).append(" | ")
                            .append(Report.number(flops / r.nsPerOp())).append(" ±").append(Report.percent(r.relativeError()))
                            .append(" | ").append(t == null ? "—" : Report.number(flops / t.ns()) + " ±" + Report.percent(t.err() / t.ns()))
                            .append(" | ").append(t == null ? "—" : "**" + Report.number(t.ns() / r.nsPerOp()) + "**").append(" |\n");
                });
        md.append('\n');
    }

    /** SIMD's time over the other's: {@code scalar} or {@code torch}; NaN when either is missing. */
    double ratio(String id, String other) {
        Result s = cases.get(id).get("simd");
        if (s == null) {
            return Double.NaN;
        }
        if (other.equals("torch")) {
            PyTorch.Timing t = torch.byDefault().get(id);
            return t == null ? Double.NaN : s.nsPerOp() / t.ns();
        }
        Result o = cases.get(id).get(other);
        return o == null ? Double.NaN : s.nsPerOp() / o.nsPerOp();
    }

    /** Elements of a case's largest operand: the size, or for {@code MxKxN} the largest of M*K, K*N, M*N. */
    static long elements(String id) {
        String size = id.substring(id.lastIndexOf('/') + 1);
        if (!size.contains("x")) {
            return Math.max(1, Long.parseLong(size));
        }
        String[] d = size.split("x");
        int k = d.length - 3;
        long batch = 1;
        for (int i = 0; i < k; i++) {
            batch *= Long.parseLong(d[i]);
        }
        long m = Long.parseLong(d[k]);
        long kk = Long.parseLong(d[k + 1]);
        long n = Long.parseLong(d[k + 2]);
        return batch * Math.max(m * kk, Math.max(kk * n, m * n));
    }

    /** SIMD's time less {@code lessNs} (± {@code lessErr}) still above PyTorch's, beyond all three errors. */
    private boolean slowerThanTorchBeyondError(String id, double lessNs, double lessErr) {
        Result s = cases.get(id).get("simd");
        PyTorch.Timing t = torch.byDefault().get(id);
        return slowerBeyondError(s.nsPerOp() - lessNs, nanToZero(s.nsError()) + nanToZero(lessErr), t.ns(), t.err());
    }

    /**
     * The floor under the case: {@code new_float}'s (or {@code new_bool}'s) time at its size, as many
     * times as the case must allocate a fresh array of that size ({@code Sweep.freshResultFloors}).
     */
    private double floorNs(String id) {
        Result r = floorResult(id);
        return r == null ? 0 : org.vectorgrad.bench.Sweep.freshResultFloors(id) * r.nsPerOp();
    }

    /** The floor's JMH error, as many times as {@link #floorNs} counts it (errors of separate runs add up). */
    private double floorErr(String id) {
        Result r = floorResult(id);
        return r == null ? 0 : org.vectorgrad.bench.Sweep.freshResultFloors(id) * nanToZero(r.nsError());
    }

    /** The less-floor cell: how many floors, their time ± error in µs, and whether the case is still slower. */
    private String lessFloor(String id) {
        double floor = floorNs(id);
        if (floor == 0) {
            return "—";
        }
        return org.vectorgrad.bench.Sweep.freshResultFloors(id) + "× = " + us(floor) + " ±" + us(floorErr(id)) + ": "
                + (slowerThanTorchBeyondError(id, floor, floorErr(id)) ? "still slower" : "no slower");
    }

    private Result floorResult(String id) {
        String size = id.substring(id.lastIndexOf('/') + 1);
        Map<String, Result> f = cases.get(org.vectorgrad.bench.Sweep.floorOp(id) + "/contiguous/" + size);
        return f == null ? null : f.getOrDefault("simd", f.get("scalar"));
    }

    private String floor(String id) {
        String size = id.substring(id.lastIndexOf('/') + 1);
        if (size.contains("x") || size.equals("0")) {
            return "—";
        }
        Result r = floorResult(id);
        Result s = cases.get(id).get("simd");
        if (r == null) {
            return "—";
        }
        return s == null || id.startsWith("new_") ? us(r.nsPerOp())
                : us(r.nsPerOp()) + " (case " + Report.number(s.nsPerOp() / r.nsPerOp()) + "×)";
    }

    private String cell(String id, String backend) {
        Result r = cases.get(id).get(backend);
        return r == null ? "—" : us(r.nsPerOp()) + " ±" + Report.percent(r.relativeError());
    }

    private String ratioCell(String id, String other) {
        double r = ratio(id, other);
        return Double.isNaN(r) ? "—" : r > 1 ? "**" + Report.number(r) + "**" : Report.number(r);
    }

    private static String torchCell(PyTorch.Timing t) {
        return t == null ? "—" : us(t.ns()) + " ±" + Report.percent(t.err() / t.ns());
    }

    private static String us(double ns) {
        return Report.number(ns / 1e3);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
