package org.vectorgrad.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Turns JMH JSON results into a readable report, or compares two result files.
 *
 * <pre>
 * Report report  --json results.json [--machine machine.properties] --out DIR   # DIR/report.md, DIR/speedups.svg
 * Report compare A.json B.json                                                 # ratios B over A on stdout
 * </pre>
 *
 * Every number in the report is computed from the JSON (JMH's time per operation and its error)
 * and the work each benchmark does per operation ({@link Family}).
 */
public final class Report {
    static final String MARKDOWN = "report.md";
    static final String CHART = "speedups.svg";
    /** PyTorch's side of the same run, beside {@code results.json} ({@code bench/python/sweep.py}). */
    public static final String PYTORCH_JSON = "pytorch.json";
    /** The programs in fresh processes, beside {@code results.json} ({@code Programs}). */
    public static final String PROGRAMS_JSON = "programs.json";

    private final List<Result> results;
    private final Machine machine;
    private final List<Table> tables = new ArrayList<>();
    private final SweepSection sweep;
    private final ProgramsSection programs;

    public Report(List<Result> results, Machine machine) {
        this(results, machine, PyTorch.notFound(machine.get("pytorch")), List.of());
    }

    /**
     * A report with PyTorch's times from the same run (or {@link PyTorch#notFound} saying why there
     * are none) and the programs run whole in fresh processes.
     */
    public Report(List<Result> results, Machine machine, PyTorch torch, List<ProgramsSection.Runs> programRuns) {
        this.results = List.copyOf(results);
        this.machine = machine;
        this.sweep = new SweepSection(results, torch);
        this.programs = new ProgramsSection(results, programRuns);
        Set<Result> claimed = new LinkedHashSet<>();
        results.stream().filter(r -> r.className().equals(SweepSection.CLASS) || r.className().equals("ProgramBenchmark"))
                .forEach(claimed::add);
        for (Family f : Family.known()) {
            List<Result> mine = results.stream().filter(f.member()).toList();
            claimed.addAll(mine);
            if (!mine.isEmpty()) {
                tables.add(new Table(f, mine));
            }
        }
        Map<String, List<Result>> others = new LinkedHashMap<>();
        for (Result r : results) {
            if (!claimed.contains(r)) {
                others.computeIfAbsent(r.className(), k -> new ArrayList<>()).add(r);
            }
        }
        others.forEach((cls, rs) -> tables.add(new Table(Family.generic(cls), rs)));
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("compare")) {
            compare(Result.load(Path.of(args[1])), Result.load(Path.of(args[2])), args[1], args[2], System.out);
            return;
        }
        if (args.length >= 1 && args[0].equals("report")) {
            Map<String, String> opts = options(args);
            Path json = Path.of(required(opts, "--json"));
            Path out = Path.of(required(opts, "--out"));
            Path machineFile = opts.containsKey("--machine") ? Path.of(opts.get("--machine"))
                    : json.resolveSibling("machine.properties");
            Machine m = Files.exists(machineFile) ? Machine.load(machineFile) : Machine.collect(null);
            new Report(Result.load(json), m, pyTorchBeside(json, m), programsBeside(json)).write(out);
            System.out.println("report: " + out.resolve(MARKDOWN) + " and " + out.resolve(CHART));
            return;
        }
        System.err.println("""
                usage: Report report --json RESULTS.json [--machine machine.properties] --out DIR
                       Report compare A.json B.json""");
        System.exit(2);
    }

    /** PyTorch's times in {@code pytorch.json} beside a results file, or why there are none. */
    public static PyTorch pyTorchBeside(Path resultsJson, Machine m) throws IOException {
        Path p = resultsJson.resolveSibling(PYTORCH_JSON);
        return Files.exists(p) ? PyTorch.load(p) : PyTorch.notFound(m.get("pytorch"));
    }

    /** The programs' fresh-process runs in {@code programs.json} beside a results file (none if absent). */
    public static List<ProgramsSection.Runs> programsBeside(Path resultsJson) throws IOException {
        return ProgramsSection.load(resultsJson.resolveSibling(PROGRAMS_JSON));
    }

    /** Writes {@code report.md} and {@code speedups.svg} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKDOWN), markdown());
        Files.writeString(dir.resolve(CHART), chart());
    }

    /** The Markdown report. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Vectorgrad benchmark report\n\n");
        md.append(String.format("%d measurements by JMH on %s. Times are JMH averages; **±** is JMH's error "
                + "(99.9%% confidence half-width) relative to the value. **simd vs X** is the time of X divided by "
                + "the time of the SIMD backend on the same case in the same run: above 1 the SIMD backend is faster. "
                + "**fits in** is where the working set fits on this machine.%n%n", results.size(), machine.get("date")));
        machineSection(md);
        if (!programs.isEmpty()) {
            programs.append(md);
        }
        summarySection(md);
        md.append("![Speedup of the SIMD backend](").append(CHART).append(")\n\n");
        if (!sweep.isEmpty()) {
            sweep.append(md);
        }
        for (Table t : tables) {
            tableSection(md, t);
        }
        return md.toString();
    }

    private void machineSection(StringBuilder md) {
        md.append("## Machine\n\n| | |\n|---|---|\n");
        row(md, "CPU", machine.get("cpu.model"));
        row(md, "Vector ISA", machine.get("cpu.isa"));
        row(md, "Vector API preferred species", machine.get("vector.preferred"));
        row(md, "Cores available to the JVM", machine.get("cpu.cores"));
        row(md, "Caches", String.format("L1d %s, L2 %s (per core), L3 %s", bytes(machine.cacheBytes("L1d")),
                bytes(machine.cacheBytes("L2")), bytes(machine.cacheBytes("L3"))));
        row(md, "Memory", machine.get("memory"));
        row(md, "Load average when the run started (1, 5, 15 min)", machine.get("load"));
        String end = machine.properties().get("load.end");
        if (end != null) {
            row(md, "Load average when the runs ended", end);
        }
        String time = machine.properties().get("suite.time");
        if (time != null) {
            row(md, "Time taken", time);
        }
        row(md, "OS", machine.get("os"));
        row(md, "JDK (benchmark JVMs)", distinct(results.stream().map(Result::jvm).toList()));
        row(md, "JVM flags (benchmark JVMs)", distinct(results.stream().map(r -> String.join(" ", r.jvmArgs())).toList()));
        row(md, "JMH settings", distinct(results.stream().map(Result::runSettings).toList()));
        row(md, "Vectorgrad backends available", machine.get("vectorgrad.backends"));
        row(md, "Kernel threads (-Dvectorgrad.threads)", machine.get("vectorgrad.threads"));
        row(md, "Code measured", machine.get("source"));
        String notes = machine.properties().get("suite.notes");
        if (notes != null && !notes.isBlank()) {
            row(md, "Suite notes", notes);
        }
        md.append('\n');
    }

    private void summarySection(StringBuilder md) {
        List<String> baselines = new ArrayList<>();
        for (Table t : tables) {
            for (String b : t.baselines()) {
                if (!baselines.contains(b)) {
                    baselines.add(b);
                }
            }
        }
        md.append("## Summary\n\n");
        if (baselines.isEmpty()) {
            md.append("No result of the SIMD backend in this run, so no speedups.\n\n");
            return;
        }
        md.append("Geometric mean of the speedup of the SIMD backend over each baseline, across the cases of a "
                + "family, with the smallest and largest in brackets.\n\n");
        StringJoiner head = new StringJoiner(" | ", "| ", " |\n");
        head.add("family").add("cases");
        baselines.forEach(b -> head.add("simd vs " + b));
        md.append(head).append("|---|---:|").append("---:|".repeat(baselines.size())).append('\n');
        for (Table t : tables) {
            if (t.baselines().isEmpty()) {
                continue;
            }
            StringJoiner line = new StringJoiner(" | ", "| ", " |\n");
            line.add(t.family.title()).add(String.valueOf(t.rows.size()));
            for (String b : baselines) {
                List<Double> s = t.speedups(b);
                line.add(s.isEmpty() ? "—" : String.format("%s× (%s–%s)", number(Table.geomean(s)),
                        number(s.stream().mapToDouble(Double::doubleValue).min().orElseThrow()),
                        number(s.stream().mapToDouble(Double::doubleValue).max().orElseThrow())));
            }
            md.append(line);
        }
        md.append('\n');
    }

    private void tableSection(StringBuilder md, Table t) {
        Family f = t.family;
        md.append("## ").append(f.title()).append("\n\n");
        md.append("Values in ").append(f.unit().label).append(f.unit().higherIsBetter ? " (higher is better)" : " (lower is better)")
                .append(".\n\n");
        boolean showFit = f.unit() != Family.Unit.US_PER_OP;
        boolean showGbps = f.unit() == Family.Unit.NS_PER_ELEMENT && t.impls.contains(Family.SIMD);
        boolean showCopy = f.unit() == Family.Unit.GB_PER_S && t.impls.contains(Family.SIMD) && !copyBandwidth().isEmpty();
        StringJoiner head = new StringJoiner(" | ", "| ", " |\n");
        f.columns().forEach(head::add);
        if (showFit) {
            head.add("fits in");
        }
        t.impls.forEach(head::add);
        t.baselines().forEach(b -> head.add("simd vs " + b));
        if (showGbps) {
            head.add("simd GB/s");
        }
        if (showCopy) {
            head.add("simd / copy");
        }
        md.append(head);
        int cols = head.toString().split(" \\| ").length;
        md.append("|").append("---|".repeat(cols)).append('\n');
        for (Map.Entry<List<String>, Map<String, Result>> e : t.rows.entrySet()) {
            Map<String, Result> row = e.getValue();
            StringJoiner line = new StringJoiner(" | ", "| ", " |\n");
            e.getKey().forEach(line::add);
            if (showFit) {
                line.add(machine.fitsIn(t.workingSet(row)));
            }
            for (String impl : t.impls) {
                Result r = row.get(impl);
                line.add(r == null ? "—" : number(t.value(r)) + " ±" + percent(r.relativeError()));
            }
            for (String b : t.baselines()) {
                double s = Table.speedup(row, b);
                line.add(Double.isNaN(s) ? "—" : "**" + number(s) + "×**");
            }
            Result simd = row.get(Family.SIMD);
            if (showGbps) {
                line.add(simd == null ? "—" : number(Family.Unit.GB_PER_S.of(simd.nsPerOp(), f.work().apply(simd))));
            }
            if (showCopy) {
                Double copy = simd == null ? null : copyBandwidth().get(copyKey(simd));
                line.add(copy == null ? "—" : percent(t.value(simd) / copy));
            }
            md.append(line);
        }
        md.append('\n');
    }

    /** Best STREAM-copy GB/s per "dtype n", the ceiling the memory-bound tables are set against. */
    private Map<String, Double> copyBandwidth() {
        Map<String, Double> best = new LinkedHashMap<>();
        for (Table t : tables) {
            for (Map<String, Result> row : t.rows.values()) {
                for (Result r : row.values()) {
                    if (r.className().equals(Family.COPY_BENCHMARK)) {
                        best.merge(copyKey(r), t.value(r), Math::max);
                    }
                }
            }
        }
        return best;
    }

    private static String copyKey(Result r) {
        return r.params().get("dtype") + " " + r.params().get("n");
    }

    /** The chart: one group per family that measured the SIMD backend, one bar per baseline. */
    public String chart() {
        List<Svg.Group> groups = new ArrayList<>();
        List<String> baselines = new ArrayList<>();
        for (Table t : tables) {
            if (t.baselines().isEmpty()) {
                continue;
            }
            List<Svg.Row> rows = new ArrayList<>();
            for (Map.Entry<List<String>, Map<String, Result>> e : t.rows.entrySet()) {
                List<Svg.Bar> bars = new ArrayList<>();
                for (String b : t.baselines()) {
                    double s = Table.speedup(e.getValue(), b);
                    if (!Double.isNaN(s)) {
                        bars.add(new Svg.Bar(b, s));
                        if (!baselines.contains(b)) {
                            baselines.add(b);
                        }
                    }
                }
                if (!bars.isEmpty()) {
                    rows.add(new Svg.Row(String.join(" ", e.getKey()).trim(), bars));
                }
            }
            if (!rows.isEmpty()) {
                groups.add(new Svg.Group(t.family.title(), rows));
            }
        }
        return Svg.chart("Speedup of the SIMD backend (log scale; " + machine.get("cpu.model") + ")", groups, baselines);
    }

    /** Prints, for every measurement in both files, the time in each and how many times faster B is. */
    static void compare(List<Result> a, List<Result> b, String nameA, String nameB, PrintStream out) {
        Map<String, Result> byKey = new LinkedHashMap<>();
        b.forEach(r -> byKey.put(r.key(), r));
        out.printf("| benchmark | A: %s | B: %s | B faster by |%n|---|---:|---:|---:|%n", nameA, nameB);
        List<Double> ratios = new ArrayList<>();
        List<String> onlyA = new ArrayList<>();
        for (Result ra : a) {
            Result rb = byKey.remove(ra.key());
            if (rb == null) {
                onlyA.add(ra.key());
                continue;
            }
            double ratio = ra.nsPerOp() / rb.nsPerOp();
            ratios.add(ratio);
            out.printf("| %s | %s ±%s | %s ±%s | %s× |%n", ra.key(), time(ra.nsPerOp()), percent(ra.relativeError()),
                    time(rb.nsPerOp()), percent(rb.relativeError()), number(ratio));
        }
        out.printf("%n%d measurements in both; geometric mean of B faster by: %s×%n", ratios.size(),
                ratios.isEmpty() ? "—" : number(Table.geomean(ratios)));
        onlyA.forEach(k -> out.println("only in A: " + k));
        byKey.keySet().forEach(k -> out.println("only in B: " + k));
    }

    /** Three significant digits, no exponent for everyday magnitudes. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a >= 0.001) {
            return String.format(Locale.ROOT, "%.3f", v).replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.2e", v);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "?" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** Nanoseconds with a readable unit. */
    static String time(double ns) {
        if (ns >= 1e9) {
            return number(ns / 1e9) + " s";
        }
        if (ns >= 1e6) {
            return number(ns / 1e6) + " ms";
        }
        if (ns >= 1e3) {
            return number(ns / 1e3) + " µs";
        }
        return number(ns) + " ns";
    }

    static String bytes(long b) {
        if (b <= 0) {
            return "unknown";
        }
        if (b >= 1L << 20) {
            return number(b / (double) (1L << 20)).replaceFirst("\\.0+$", "") + " MiB";
        }
        return number(b / 1024.0).replaceFirst("\\.0+$", "") + " KiB";
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }

    private static String distinct(List<String> values) {
        Set<String> d = new LinkedHashSet<>(values);
        return d.isEmpty() ? "unknown" : String.join("; ", d);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            m.put(args[i], args[++i]);
        }
        return m;
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }
}
