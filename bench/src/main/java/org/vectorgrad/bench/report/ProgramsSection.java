package org.vectorgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vectorgrad.bench.Program;

/**
 * The programs users run, first in the report: steady state per step (JMH, {@code ProgramBenchmark}),
 * the first 100 steps and the whole program's wall time in fresh processes ({@code programs.json}
 * from {@code Programs}), each beside the same program in PyTorch, and whether the printed losses
 * agree with PyTorch's.
 */
public final class ProgramsSection {
    /** One variant of a program as measured in fresh processes. */
    public record Runs(String program, String variant, List<Double> wallNs, List<Double> first100Ns, List<Double> steadyNs,
                String output, String failure) {
    }

    private final Map<String, Map<String, Runs>> runs = new LinkedHashMap<>();     // program -> variant -> runs
    private final Map<String, Result> jmh = new LinkedHashMap<>();                 // "program backend threads"

    ProgramsSection(List<Result> results, List<Runs> fresh) {
        for (Result r : results) {
            if (r.className().equals("ProgramBenchmark")) {
                jmh.put(r.param("program") + " " + r.param("backend") + " " + r.param("threads"), r);
            }
        }
        for (Runs r : fresh) {
            runs.computeIfAbsent(r.program(), k -> new LinkedHashMap<>()).put(r.variant(), r);
        }
    }

    boolean isEmpty() {
        return runs.isEmpty() && jmh.isEmpty();
    }

    @SuppressWarnings("unchecked")
    static List<Runs> load(Path json) throws IOException {
        List<Runs> out = new ArrayList<>();
        if (!Files.exists(json)) {
            return out;
        }
        for (Object o : (List<Object>) Json.parse(Files.readString(json))) {
            Map<String, Object> m = (Map<String, Object>) o;
            out.add(new Runs(String.valueOf(m.get("program")), String.valueOf(m.get("variant")), numbers(m.get("wall_ns")),
                    numbers(m.get("first100_ns")), numbers(m.get("steady_ns")), (String) m.get("output"), (String) m.get("failure")));
        }
        return out;
    }

    private static List<Double> numbers(Object list) {
        List<Double> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            l.forEach(v -> out.add(Json.number(v)));
        }
        return out;
    }

    void append(StringBuilder md) {
        md.append("## Programs: what users run\n\n");
        md.append("Each program beside the same program in PyTorch (`bench/python/NAME.py`), float32. **steady (JMH)**: "
                + "µs per training step, JMH average ± error (`ProgramBenchmark`). The other columns come from running the "
                + "program whole in a fresh process several times (`Programs`; median, min–max in brackets): **steady "
                + "(in program)** is the median µs per step of its 100-step blocks after the first 500 steps, **first 100 "
                + "steps** µs per step of the first 100 (JIT warm-up for Java), **whole program** the wall time of the "
                + "process, JVM start or `import torch` included. **losses** compares the printed losses with PyTorch's "
                + "output of the same run to 4 significant digits.\n\n");
        for (String program : programs()) {
            md.append("### ").append(program).append("\n\n");
            md.append("| run | steady (JMH) µs/step | steady (in program) µs/step | first 100 steps µs/step | whole program s | losses |\n")
                    .append("|---|---:|---:|---:|---:|---|\n");
            Map<String, Runs> byVariant = runs.getOrDefault(program, Map.of());
            Runs torch = byVariant.get("pytorch");
            List<String> variants = new ArrayList<>(List.of("java", "java threads=1", "java scalar", "java AOT cache",
                    "pytorch", "pytorch threads=1"));
            byVariant.keySet().stream().filter(v -> !variants.contains(v)).forEach(variants::add);
            for (String v : variants) {
                Runs r = byVariant.get(v);
                Result j = jmh.get(program + " " + jmhKey(v));
                if (r == null && j == null) {
                    continue;
                }
                md.append("| ").append(label(v)).append(" | ")
                        .append(j == null ? "—" : Report.number(j.nsPerOp() / 1e3) + " ±" + Report.percent(j.relativeError()))
                        .append(" | ").append(r == null ? "—" : median(r.steadyNs(), 1e3))
                        .append(" | ").append(r == null ? "—" : median(r.first100Ns(), 1e5))
                        .append(" | ").append(r == null ? "—" : median(r.wallNs(), 1e9))
                        .append(" | ").append(lossCell(r, torch, v)).append(" |\n");
            }
            md.append('\n');
            ratios(md, program, byVariant);
        }
        appendFirstMatmuls(md);
    }

    /** {@code FirstMatmuls}: the first 12 products of 256^3 in a fresh JVM against the steady state. */
    private void appendFirstMatmuls(StringBuilder md) {
        Map<String, Runs> byVariant = runs.get(org.vectorgrad.bench.Programs.FIRST_MATMULS);
        if (byVariant == null) {
            return;
        }
        md.append("### First matrix products\n\n`FirstMatmuls`: `a.matmul(b)`, float32 256 x 256, in a fresh JVM, "
                + "mean of the first 12 calls against the median of calls 300-400 (median of the runs, min–max in "
                + "brackets; target: first 12 within 2x of steady). **After the MLP**: the same products after "
                + org.vectorgrad.bench.Programs.MLP_STEPS_BEFORE_MATMULS + " steps of the MLP program in the same JVM, "
                + "a new shape's first calls once the small model's products are compiled.\n\n")
                .append("| run | first 12 calls µs/call | steady µs/call | first 12 / steady |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, Runs> e : byVariant.entrySet()) {
            Runs r = e.getValue();
            md.append("| ").append(e.getKey().equals("java") ? "Vectorgrad (SIMD)" : label(e.getKey())).append(" | ")
                    .append(median(r.first100Ns(), 1e3)).append(" | ").append(median(r.steadyNs(), 1e3)).append(" | ")
                    .append(r.failure() != null ? "failed: " + r.failure()
                            : Report.number(med(r, Runs::first100Ns) / med(r, Runs::steadyNs))).append(" |\n");
        }
        md.append('\n');
    }

    /** Vectorgrad over PyTorch for the targets, when both were measured. */
    private void ratios(StringBuilder md, String program, Map<String, Runs> byVariant) {
        List<String> lines = new ArrayList<>();
        ratio(lines, "steady state, default threads (JMH / PyTorch in program)", jmhNs(program, "simd 0"),
                med(byVariant.get("pytorch"), Runs::steadyNs));
        ratio(lines, "steady state, 1 thread", jmhNs(program, "simd 1"), med(byVariant.get("pytorch threads=1"), Runs::steadyNs));
        ratio(lines, "first 100 steps", med(byVariant.get("java"), Runs::first100Ns), med(byVariant.get("pytorch"), Runs::first100Ns));
        ratio(lines, "first 100 steps, SIMD over scalar backend", med(byVariant.get("java"), Runs::first100Ns),
                med(byVariant.get("java scalar"), Runs::first100Ns));
        ratio(lines, "first 100 steps with the AOT cache", med(byVariant.get("java AOT cache"), Runs::first100Ns),
                med(byVariant.get("pytorch"), Runs::first100Ns));
        ratio(lines, "whole program", med(byVariant.get("java"), Runs::wallNs), med(byVariant.get("pytorch"), Runs::wallNs));
        ratio(lines, "whole program with the AOT cache", med(byVariant.get("java AOT cache"), Runs::wallNs),
                med(byVariant.get("pytorch"), Runs::wallNs));
        if (!lines.isEmpty()) {
            md.append("Vectorgrad's time over PyTorch's (below 1: Vectorgrad faster): ").append(String.join("; ", lines)).append(".\n\n");
        }
    }

    private static void ratio(List<String> lines, String what, double ns, double torchNs) {
        if (!Double.isNaN(ns) && !Double.isNaN(torchNs)) {
            lines.add(what + " **" + Report.number(ns / torchNs) + "**");
        }
    }

    private double jmhNs(String program, String key) {
        Result r = jmh.get(program + " " + key);
        return r == null ? Double.NaN : r.nsPerOp();
    }

    private static double med(Runs r, java.util.function.Function<Runs, List<Double>> f) {
        if (r == null || f.apply(r).isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = f.apply(r).stream().sorted().toList();
        return v.get(v.size() / 2);
    }

    private List<String> programs() {
        List<String> p = new ArrayList<>(runs.keySet());
        p.remove(org.vectorgrad.bench.Programs.FIRST_MATMULS);
        jmh.keySet().stream().map(k -> k.substring(0, k.indexOf(' '))).distinct().filter(k -> !p.contains(k)).forEach(p::add);
        return p;
    }

    private static String jmhKey(String variant) {
        return switch (variant) {
            case "java" -> "simd 0";
            case "java threads=1" -> "simd 1";
            case "java scalar" -> "scalar 0";
            default -> "none";
        };
    }

    private static String label(String variant) {
        return switch (variant) {
            case "java" -> "Vectorgrad (SIMD, default threads)";
            case "java threads=1" -> "Vectorgrad, `-Dvectorgrad.threads=1`";
            case "java scalar" -> "Vectorgrad, scalar backend";
            case "java AOT cache" -> "Vectorgrad with `-XX:AOTCache`";
            case "java warm-up on" -> "Vectorgrad, `-Dvectorgrad.warmup=true`";
            case "java after MLP" -> "Vectorgrad (SIMD), after the MLP";
            case "pytorch" -> "PyTorch, default threads";
            case "pytorch threads=1" -> "PyTorch, `torch.set_num_threads(1)`";
            default -> variant;
        };
    }

    private static String median(List<Double> values, double unit) {
        if (values.isEmpty()) {
            return "—";
        }
        List<Double> v = values.stream().sorted().toList();
        String m = Report.number(v.get(v.size() / 2) / unit);
        return v.size() == 1 ? m : m + " (" + Report.number(v.get(0) / unit) + "–" + Report.number(v.get(v.size() - 1) / unit) + ")";
    }

    private static String lossCell(Runs r, Runs torch, String variant) {
        if (r == null) {
            return "—";
        }
        if (r.failure() != null) {
            return "failed: " + r.failure();
        }
        if (variant.startsWith("pytorch") || torch == null || torch.output() == null || r.output() == null) {
            return "—";
        }
        String diff = Program.differenceBeyond4Digits(r.output(), torch.output());
        return diff == null ? "equal" : "**differ**: " + diff.replace("|", "\\|");
    }
}
