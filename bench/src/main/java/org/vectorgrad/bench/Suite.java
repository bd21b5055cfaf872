package org.vectorgrad.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.bench.report.Machine;
import org.vectorgrad.bench.report.Report;

/**
 * Runs the benchmark suite one JMH run at a time, printing first how long the plan should take
 * ({@link Estimate}) and then which benchmark runs and how long remains, then writes the report
 * (with the time each part took, {@code suite.time} in the machine section). {@code bench/run.sh} builds the module and calls this.
 *
 * <pre>
 * Suite [--demo | --full] [--out DIR] [--only REGEX] [--list] [--source TEXT] [--python EXE | --no-pytorch]
 * </pre>
 * <ul>
 *   <li>{@code --demo}: the short comparison the main job prints (SIMD against scalar and peers on
 *       one case per family, about a minute), 1 fork, 6 x 0.4 s warmup, 3 x 0.3 s measurement;</li>
 *   <li>quick (default): what users run (the programs, training steps, GEMM against OpenBLAS) and one
 *       kernel case per family, each in its own JVM: 1 fork, 3 x 0.4 s warmup, 10 x 0.1 s measurement
 *       (Vector API code is slow until C2 compiles it, so warmup gets the larger share; 10 iterations
 *       so that JMH's Student-t error is 1.5 standard errors, not the 18 of 3 iterations); and the
 *       op {@link Sweep}'s quick cases: every case under every backend in one JVM (this one: no fork),
 *       warmed up together ({@link #warmUp}), then 1 x 20 ms warmup and 10 x 10 ms measurement each,
 *       a case's backends one right after the other ({@link #sweepOptions});</li>
 *   <li>{@code --full}: every parameter combination of every benchmark, 1 fork, 3 x 1 s warmup,
 *       10 x 0.5 s measurement; every case of the sweep ({@link Sweep#fullCases}), 2 x 50 ms warmup,
 *       10 x 50 ms measurement;</li>
 *   <li>{@code --only REGEX}: only the runs whose label (as printed) matches;</li>
 *   <li>{@code --list}: print the plan and stop.</li>
 * </ul>
 * After the JMH runs, when the plan has sweep or GEMM runs and {@code EXE -c 'import torch'} works
 * ({@code /usr/bin/python3} unless {@code --python}), {@code bench/python/sweep.py} times the same
 * sweep cases in PyTorch and numpy's matmul into {@code pytorch.json} (its output in
 * {@code pytorch.log}); otherwise the report says "PyTorch not found".
 * Then, when the plan has {@link ProgramBenchmark} runs, {@link Programs} times the programs whole in
 * fresh JVMs and Pythons into {@code programs.json} (their output in {@code programs/}).
 * Output in DIR: {@code results.json} (JMH's JSON, rewritten after every run), {@code machine.properties},
 * {@code jmh.log} (JMH's own output), {@code sweep-cases.txt}, {@code pytorch.json}, {@code report.md}
 * and {@code speedups.svg}. Runs of a backend that cannot run here are skipped and named in the report.
 */
public final class Suite {
    /** Implementations that are peers, not backends. */
    private static final Set<String> PEERS = Set.of("loop", "ejml", "arraycopy");
    private static final String IMPLS = "impl=loop,scalar,simd";
    private static final String MATMUL_IMPLS = "impl=loop,scalar,simd,ejml";
    private static final String SWEEP = SweepBenchmark.class.getName() + ".run";
    /** The PyTorch twin of the sweep, relative to the repository root (bench/run.sh runs from there). */
    static final Path PYTORCH_SCRIPT = Path.of("bench", "python", "sweep.py");

    /** One JMH run: a benchmark method and one value for each of its parameters. */
    record Run(String benchmark, Map<String, String> params) {
        String label() {
            StringBuilder sb = new StringBuilder(benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1));
            params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            return sb.toString();
        }

        /** The backend this run needs, or null for a peer. */
        String backend() {
            String b = params.get("backend");
            if (b != null) {
                return b;
            }
            String impl = params.get("impl");
            return impl == null || PEERS.contains(impl) ? null : impl;
        }
    }

    private Suite() {
    }

    /** How much to run and how long to measure each run (a sweep case: the {@code sweep*} fields). */
    enum Preset {
        // JMH's error is a Student-t half-width: with 3 iterations it is 18 standard errors of one
        // iteration, with 10 it is 1.5, hence many short iterations rather than a few long ones
        DEMO(6, 400, 3, 300, 1, 20, 10, 10), QUICK(3, 400, 10, 100, 1, 20, 10, 10), FULL(3, 1000, 10, 500, 2, 50, 10, 50);

        final int warmups;
        final int warmupMillis;
        final int measurements;
        final int measurementMillis;
        final int sweepWarmups;
        final int sweepWarmupMillis;
        final int sweepMeasurements;
        final int sweepMeasurementMillis;

        Preset(int warmups, int warmupMillis, int measurements, int measurementMillis,
               int sweepWarmups, int sweepWarmupMillis, int sweepMeasurements, int sweepMeasurementMillis) {
            this.warmups = warmups;
            this.warmupMillis = warmupMillis;
            this.measurements = measurements;
            this.measurementMillis = measurementMillis;
            this.sweepWarmups = sweepWarmups;
            this.sweepWarmupMillis = sweepWarmupMillis;
            this.sweepMeasurements = sweepMeasurements;
            this.sweepMeasurementMillis = sweepMeasurementMillis;
        }

        List<Run> plan() {
            return switch (this) {
                case DEMO -> demoPlan();
                case QUICK -> quickPlan();
                case FULL -> fullPlan();
            };
        }
    }

    public static void main(String[] args) throws IOException {
        Preset preset = Preset.QUICK;
        boolean list = false;
        Path out = null;
        String only = null;
        String source = null;
        String python = "/usr/bin/python3";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> preset = Preset.FULL;
                case "--demo" -> preset = Preset.DEMO;
                case "--list" -> list = true;
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--only" -> only = value(args, ++i, "--only");
                case "--source" -> source = value(args, ++i, "--source");
                case "--python" -> python = value(args, ++i, "--python");
                case "--no-pytorch" -> python = null;
                default -> {
                    System.err.println("unknown option '" + args[i] + "'; usage: Suite [--demo | --full] [--out DIR] [--only REGEX] "
                            + "[--list] [--source TEXT] [--python EXE | --no-pytorch]");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            out = Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        List<Run> plan = preset.plan();
        if (only != null) {
            Pattern p = Pattern.compile(only);
            plan = plan.stream().filter(r -> p.matcher(r.label()).find()).toList();
        }
        List<String> notes = new ArrayList<>();
        List<String> available = Backends.available();
        List<Run> runnable = new ArrayList<>();
        for (Run r : plan) {
            if (r.backend() != null && !available.contains(r.backend())) {
                String note = "backend '" + r.backend() + "' unavailable here, its runs skipped";
                if (!notes.contains(note)) {
                    notes.add(note);
                }
            } else {
                runnable.add(r);
            }
        }
        if (list) {
            runnable.forEach(r -> System.out.println(r.label()));
            notes.forEach(System.out::println);
            System.out.println(runnable.size() + " runs");
            System.out.println(estimate(runnable, preset, python != null && torchMissing(python) == null).describe());
            return;
        }
        run(runnable, preset, out, source, notes, python);
    }

    private static void run(List<Run> runs, Preset preset, Path out, String source, List<String> notes, String python)
            throws IOException {
        Files.createDirectories(out);
        Path json = out.resolve("results.json");
        Path machineFile = out.resolve("machine.properties");
        Machine machine = Machine.collect(source);
        machine.store(machineFile);
        System.out.printf("Vectorgrad benchmarks, %s suite: %d runs, results in %s%n", preset.name().toLowerCase(java.util.Locale.ROOT),
                runs.size(), out);
        notes.forEach(n -> System.out.println("note: " + n));
        if (preset == Preset.DEMO) {
            System.out.printf("Load average %s (1, 5, 15 min) on %s cores; a figure with an error above ±%.0f%% is marked "
                    + "too noisy to read.%n", machine.get("load"), machine.get("cpu.cores"), 100 * NOISY);
        }
        List<RunResult> all = new ArrayList<>();
        int noisyRuns = 0;
        long start = System.nanoTime();
        Path torchJson = out.resolve(Report.PYTORCH_JSON);
        Files.deleteIfExists(torchJson);   // never a stale PyTorch number beside this run's
        Files.deleteIfExists(out.resolve(Report.PROGRAMS_JSON));
        List<String> sweepCases = runs.stream().filter(r -> r.benchmark().equals(SWEEP))
                .map(r -> r.params().get("id")).distinct().toList();
        boolean gemm = runs.stream().anyMatch(r -> r.benchmark().startsWith(MatmulBenchmark.class.getName()));
        boolean programs = runs.stream().anyMatch(r -> r.benchmark().startsWith(ProgramBenchmark.class.getName()));
        String torchMissing = python == null ? "PyTorch not measured (--no-pytorch)" : torchMissing(python);
        int programReps = programReps(preset);
        Estimate estimate = estimate(runs, preset, torchMissing == null);
        System.out.println(estimate.describe());
        long jmhStart = System.nanoTime();
        long sweepNanos = 0;
        double doneEstimate = 0;
        try (PrintStream log = new PrintStream(Files.newOutputStream(out.resolve("jmh.log")), true)) {
            for (int i = 0; i < runs.size(); ) {
                Run r = runs.get(i);
                int j = i + 1;
                while (r.benchmark().equals(SWEEP) && j < runs.size() && runs.get(j).benchmark().equals(SWEEP)) {
                    j++;
                }
                List<Run> batch = runs.subList(i, j);
                boolean sweep = r.benchmark().equals(SWEEP);
                String label = !sweep ? r.label()
                        : "SweepBenchmark.run (" + batch.size() + " runs: each case under " + String.join(" then ", backends(batch))
                        + ", one JVM)";
                System.out.printf("[%3d/%d] %s ... ", j, runs.size(), label);
                System.out.flush();
                long batchStart = System.nanoTime();
                if (sweep) {
                    warmUp(batch);
                }
                try {
                    List<String> failures = new ArrayList<>();
                    Collection<RunResult> rr = runEach(sweep ? sweepOptions(batch, preset) : List.of(options(r, preset)),
                            o -> new Runner(o, OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL)).run(), failures);
                    if (!sweep && !failures.isEmpty()) {
                        throw new RunnerException(failures.get(0));
                    }
                    all.addAll(rr);
                    for (RunResult res : rr) {
                        var p = res.getPrimaryResult();
                        double error = p.getScoreError() / p.getScore();
                        if (!sweep) {
                            System.out.printf("%s %s ±%.0f%%%s", Report.number(p.getScore()), p.getScoreUnit(), 100 * error,
                                    noisy(error) ? " (too noisy to read)" : "");
                        }
                        if (noisy(error)) {
                            noisyRuns++;
                        }
                    }
                    if (sweep) {
                        System.out.printf("%d of %d runs measured", rr.size(), batch.size());
                        if (rr.size() < batch.size()) {
                            notes.add("failed: " + (batch.size() - rr.size()) + " sweep runs (details in jmh.log)"
                                    + (failures.isEmpty() ? "" : "; " + failures.size() + " JMH runs did not start: " + failures.get(0)));
                        }
                    }
                } catch (RunnerException | RuntimeException e) {
                    String why = rootMessage(e);
                    System.out.print("FAILED: " + why + " (details in jmh.log)");
                    notes.add("failed: " + label + ": " + why);
                }
                if (sweep) {
                    sweepNanos += System.nanoTime() - batchStart;
                }
                for (Run done : batch) {
                    doneEstimate += estimate.seconds(done);
                }
                long elapsed = System.nanoTime() - start;
                // what remains as estimated, scaled by how this run's pace compares with the estimate so far
                long left = (long) ((estimate.totalSeconds() - doneEstimate) * (elapsed / 1e9 / doneEstimate) * 1e9);
                System.out.printf("   [%s elapsed, ~%s left]%n", minutes(elapsed), minutes(left));
                ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(all);
                i = j;
            }
        }
        long jmhNanos = System.nanoTime() - jmhStart;
        String pytorch = "not measured: the plan had no sweep or GEMM runs";
        long torchStart = System.nanoTime();
        if (!sweepCases.isEmpty() || gemm) {
            Files.write(out.resolve("sweep-cases.txt"), sweepCases);
            String why = torchMissing != null ? torchMissing : runPyTorch(python, out, gemm);
            pytorch = why == null ? "measured by " + PYTORCH_SCRIPT : why;
            if (why != null) {
                notes.add(why);
            }
        }
        long torchNanos = System.nanoTime() - torchStart;
        long programsStart = System.nanoTime();
        if (programs) {
            try {
                Programs.measure(out, torchMissing == null ? python : null, programReps);
            } catch (IOException | RuntimeException e) {
                notes.add("programs in fresh JVMs failed: " + rootMessage(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notes.add("programs in fresh JVMs: interrupted");
            }
        }
        long programsNanos = System.nanoTime() - programsStart;
        Map<String, String> props = new LinkedHashMap<>(machine.properties());
        props.put("pytorch", pytorch);
        props.put("load.end", Machine.collect(source).get("load"));
        props.put("suite.time", String.format("%s in all (estimated %s): JMH forks %s, sweep %s, PyTorch %s, programs %s",
                minutes(System.nanoTime() - start), minutes((long) (estimate.allSeconds() * 1e9)),
                minutes(jmhNanos - sweepNanos), minutes(sweepNanos), minutes(torchNanos), minutes(programsNanos)));
        if (!notes.isEmpty()) {
            props.put("suite.notes", String.join("; ", notes));
        }
        machine = new Machine(props);
        machine.store(machineFile);
        Report report = new Report(org.vectorgrad.bench.report.Result.load(json), machine, Report.pyTorchBeside(json, machine),
                Report.programsBeside(json));
        report.write(out);
        System.out.printf("Done in %s. Report: %s%n", props.get("suite.time"), out.resolve("report.md"));
        if (preset == Preset.DEMO) {
            // The main job ends with the report's summary table: readable without opening the file.
            String md = Files.readString(out.resolve("report.md"));
            int from = md.indexOf("## Summary");
            int to = md.indexOf("\n![", from);
            if (from >= 0) {
                System.out.println();
                System.out.println(md.substring(from, to > from ? to : md.length()).strip());
            }
            System.out.println();
            System.out.println(noiseCaveat(noisyRuns, runs.size(), machine));
        }
    }

    /**
     * How long a plan takes, printed before it starts. The constants were measured on the idle 2-core
     * Zen 3 of README (load average 0.2-1.8; December 2026, the quick plan's phases as the report's
     * "Time taken" row gives them: 42 forks 2m24s, 1,152 sweep cases 3m18s, 576 PyTorch cases 32 s,
     * 34 program processes 56 s). Under load the run takes longer: {@link #describe} says so.
     */
    record Estimate(Preset preset, int forks, double forkSeconds, int sweepRuns, double sweepSeconds, double torchSeconds,
                    int programProcesses, double programSeconds) {
        /** A JVM's start, JMH's setup in it and the first iteration's compilation, beyond the iterations' time. */
        static final double FORK_OVERHEAD = 0.6;
        /** A sweep case's warm-up ({@link #warmUp}'s two passes) and JMH's setup of it, beyond its iterations. */
        static final double SWEEP_CASE_OVERHEAD = 0.05;
        /** {@code sweep.py}: a case (8 timed loops of 5 ms, again at 1 thread from 32,768 elements), and its start plus numpy's matmuls. */
        static final double TORCH_CASE = 0.04;
        static final double TORCH_FIXED = 10;
        /** One process of {@link Programs}: a JVM or a Python running a whole program. */
        static final double PROGRAM_PROCESS = 1.65;

        static Estimate of(List<Run> runs, Preset preset, boolean torch, int sweepCases, int programProcesses) {
            int forks = 0;
            double forkSeconds = 0;
            int sweepRuns = 0;
            double sweepSeconds = 0;
            Estimate e = new Estimate(preset, 0, 0, 0, 0, 0, 0, 0);
            for (Run r : runs) {
                if (r.benchmark().equals(SWEEP)) {
                    sweepRuns++;
                    sweepSeconds += e.seconds(r);
                } else {
                    forks++;
                    forkSeconds += e.seconds(r);
                }
            }
            return new Estimate(preset, forks, forkSeconds, sweepRuns, sweepSeconds, torch ? TORCH_FIXED + TORCH_CASE * sweepCases : 0,
                    programProcesses, PROGRAM_PROCESS * programProcesses);
        }

        /** Seconds for one run of the plan. */
        double seconds(Run r) {
            if (r.benchmark().equals(SWEEP)) {
                return SWEEP_CASE_OVERHEAD + (preset.sweepWarmups * preset.sweepWarmupMillis
                        + preset.sweepMeasurements * preset.sweepMeasurementMillis) / 1e3;
            }
            if (r.benchmark().startsWith(ProgramBenchmark.class.getName())) {
                return FORK_OVERHEAD + PROGRAM_WARMUP_SECONDS + preset.measurements * PROGRAM_MEASUREMENT_MILLIS / 1e3;
            }
            return FORK_OVERHEAD + (preset.warmups * preset.warmupMillis + preset.measurements * preset.measurementMillis) / 1e3;
        }

        /** The JMH runs' share only (the progress line's pace is measured on them). */
        double totalSeconds() {
            return forkSeconds + sweepSeconds;
        }

        /** Every part: JMH runs, PyTorch, programs. */
        double allSeconds() {
            return forkSeconds + sweepSeconds + torchSeconds + programSeconds;
        }

        String describe() {
            double all = allSeconds();
            return String.format("Estimated %s on a 2-core machine: %d JMH forks %s, %d sweep cases (one JVM, backends alternating) %s, "
                    + "PyTorch %s, %d program processes %s; the build before and the report after are not counted. "
                    + "Other work on the machine makes it longer (at load average 12 on 2 cores: 2.9x).",
                    minutes((long) (all * 1e9)), forks, minutes((long) (forkSeconds * 1e9)), sweepRuns,
                    minutes((long) (sweepSeconds * 1e9)), torchSeconds == 0 ? "not run" : minutes((long) (torchSeconds * 1e9)),
                    programProcesses, minutes((long) (programSeconds * 1e9)));
        }
    }

    /** Each is a whole program in a fresh process. */
    private static int programReps(Preset preset) {
        return preset == Preset.FULL ? 5 : 2;
    }

    private static Estimate estimate(List<Run> runs, Preset preset, boolean torch) {
        long sweepCases = runs.stream().filter(r -> r.benchmark().equals(SWEEP)).map(r -> r.params().get("id")).distinct().count();
        boolean gemm = runs.stream().anyMatch(r -> r.benchmark().startsWith(MatmulBenchmark.class.getName()));
        boolean programs = runs.stream().anyMatch(r -> r.benchmark().startsWith(ProgramBenchmark.class.getName()));
        return Estimate.of(runs, preset, torch && (sweepCases > 0 || gemm), (int) sweepCases,
                programs ? Programs.processes(torch, programReps(preset)) : 0);
    }

    /** {@link ProgramBenchmark}'s own warmup (kept in every preset: C2 takes a while to settle a whole program). */
    static final double PROGRAM_WARMUP_SECONDS = 4;
    /** A program's step is tens of µs to ms: longer iterations than a kernel's. */
    static final int PROGRAM_MEASUREMENT_MILLIS = 300;

    /** Null when {@code python -c 'import torch'} works and the scripts are here, else why not. */
    private static String torchMissing(String python) {
        if (!Files.exists(PYTORCH_SCRIPT)) {
            return "PyTorch not measured: " + PYTORCH_SCRIPT + " not found (run from the repository root, as bench/run.sh does)";
        }
        try {
            Process check = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            String said = new String(check.getInputStream().readAllBytes()).strip();
            if (check.waitFor() != 0) {
                return "PyTorch not found: " + python + " -c 'import torch' failed: "
                        + said.lines().reduce((a, b) -> b).orElse("exit " + check.exitValue());
            }
            return null;
        } catch (IOException e) {
            return "PyTorch not found: cannot run " + python + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "PyTorch not measured: interrupted";
        }
    }

    /**
     * PyTorch's side of the sweep and numpy's matmul, into {@code out/pytorch.json}: null when
     * measured, else the reason it was not (the report then says "PyTorch not found").
     * {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} are unset for this command only, so
     * OpenBLAS picks its kernel and blocking for this CPU itself.
     */
    private static String runPyTorch(String python, Path out, boolean gemm) {
        try {
            System.out.printf("PyTorch and numpy (%s %s) ... ", python, PYTORCH_SCRIPT);
            System.out.flush();
            ProcessBuilder pb = new ProcessBuilder(python, PYTORCH_SCRIPT.toString(), "--cases",
                    out.resolve("sweep-cases.txt").toString(), "--out", out.resolve(Report.PYTORCH_JSON).toString());
            if (!gemm) {
                pb.command().addAll(List.of("--matmul", ""));
            }
            pb.environment().remove("OPENBLAS_CORETYPE");
            pb.environment().remove("OPENBLAS_L2_SIZE");
            pb.redirectErrorStream(true).redirectOutput(out.resolve("pytorch.log").toFile());
            long t0 = System.nanoTime();
            int rc = pb.start().waitFor();
            System.out.printf("%s in %s%n", rc == 0 ? "done" : "FAILED (exit " + rc + ", see pytorch.log)",
                    minutes(System.nanoTime() - t0));
            return rc == 0 ? null : "PyTorch not measured: " + PYTORCH_SCRIPT + " failed (exit " + rc + "), see pytorch.log";
        } catch (IOException e) {
            return "PyTorch not found: cannot run " + python + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "PyTorch not measured: interrupted";
        }
    }

    /**
     * Runs every case of a sweep batch before JMH measures any: a program has run its ops many
     * times before its steady state, and without this the first cases measured would carry the
     * compilation of code all cases share (Vector API code is a thousand times slower until C2 has
     * compiled it, which takes seconds on a loaded machine). Two passes over all cases, the first
     * feeding the compiler every path (3 calls and 10 ms a case), the second running each case for
     * 20 ms and 200 calls more, but no longer than 150 ms: a kernel still running in the interpreter
     * (about 2 ms a call for erf on 2,000 floats, against 7 us compiled) needs its calls counted,
     * not timed, before C2 compiles it, and with only 20 ms such a case was measured interpreted in
     * its first JMH iterations (erf, floorDivide and clamp on 2,000 floats read 30-500 us, ±100-240%,
     * in the quick suite). What a case still lacks is its JMH warmup iteration's. Bounded per case,
     * not "until steady": on a loaded machine no round looks steady and such a loop ran a second a case.
     * Then it waits for the JIT to go quiet, so that the compilations the passes queued are not still
     * pending when the first cases are measured (those that were had been measured at 2,000 floats).
     */
    private static void warmUp(List<Run> batch) {
        for (int pass = 0; pass < 2; pass++) {
            for (Run r : batch) {
                try (var scope = Backends.use(r.backend())) {
                    callFor(Sweep.prepare(r.params().get("id")), pass == 0 ? 3 : 200, pass == 0 ? 10_000_000L : 20_000_000L,
                            150_000_000L);
                } catch (RuntimeException e) {
                    // JMH runs the case again and reports why it fails
                }
            }
        }
        awaitQuietCompiler(Duration.ofMillis(300), Duration.ofSeconds(20));
    }

    /** Returns once the JIT has compiled nothing for {@code quiet} (its total time stopped growing), or after {@code max}. */
    private static void awaitQuietCompiler(Duration quiet, Duration max) {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long end = System.nanoTime() + max.toNanos();
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end && System.nanoTime() - quietSince < quiet.toNanos()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /** Calls at least {@code calls} times and for at least {@code nanos}, but stops after {@code maxNanos}. */
    private static void callFor(java.util.function.Supplier<Object> call, int calls, long nanos, long maxNanos) {
        long start = System.nanoTime();
        int n = 0;
        long t;
        do {
            call.get();
            n++;
            t = System.nanoTime() - start;
        } while ((n < calls || t < nanos) && t < maxNanos);
    }

    /**
     * The sweep batch in this JVM, one JMH run per case with its backends one right after the other (a
     * failing case is left out, not fatal). Each backend's cases used to run as a block, SIMD first: the
     * scalar block met a JIT that the SIMD block had fed for minutes and a machine whose load had moved
     * on, and ops whose code no backend runs (views, a no-op {@code contiguous()}, {@code new float[n]},
     * {@code uniform_}) read up to 2.2x slower under SIMD beyond JMH's error, which only sees one block's
     * iterations. Measured side by side after the same warm-up they agree within 2%.
     */
    static List<org.openjdk.jmh.runner.options.Options> sweepOptions(List<Run> batch, Preset preset) {
        List<org.openjdk.jmh.runner.options.Options> runs = new ArrayList<>();
        for (String id : batch.stream().map(r -> r.params().get("id")).distinct().toList()) {
            runs.add(new OptionsBuilder()
                    .include("^" + Pattern.quote(SWEEP) + "$")
                    .forks(0)
                    .warmupIterations(preset.sweepWarmups)
                    .warmupTime(TimeValue.milliseconds(preset.sweepWarmupMillis))
                    .measurementIterations(preset.sweepMeasurements)
                    .measurementTime(TimeValue.milliseconds(preset.sweepMeasurementMillis))
                    .param("backend", batch.stream().filter(r -> r.params().get("id").equals(id)).map(Run::backend).toArray(String[]::new))
                    .param("id", id)
                    .shouldFailOnError(false)
                    .build());
        }
        return runs;
    }

    /** The backends of a sweep batch, in the order its runs name them. */
    private static List<String> backends(List<Run> batch) {
        return batch.stream().map(Run::backend).distinct().toList();
    }

    /** Above this relative error (JMH's 99.9% half-width) a figure says little, and a speedup built on it less. */
    static final double NOISY = 0.10;

    static boolean noisy(double relativeError) {
        return !(relativeError <= NOISY);
    }

    /**
     * What the demo's figures are worth: a short run on a busy machine (other builds, a VM
     * neighbour) gives error bars of hundreds of percent, and its speedups are then not results.
     */
    static String noiseCaveat(int noisyRuns, int runs, Machine machine) {
        String load = "load average " + machine.get("load") + " (1, 5, 15 min) on " + machine.get("cpu.cores") + " cores";
        if (noisyRuns == 0) {
            return String.format("Every figure is within ±%.0f%% (%s when the run started).", 100 * NOISY, load);
        }
        return String.format("Caution: %d of %d figures have an error above ±%.0f%% and are too noisy to read, and so are "
                + "the speedups built on them: other work competed for the CPU (%s when the run started). These are short "
                + "runs for a first look; for numbers, run ./bench/run.sh on a quiet machine.", noisyRuns, runs, 100 * NOISY, load);
    }

    private static org.openjdk.jmh.runner.options.Options options(Run r, Preset preset) {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + Pattern.quote(r.benchmark()) + "$")
                .forks(1)
                .shouldFailOnError(true);
        // a whole program has many hot paths for C2 to settle: its own (longer) warmup, in every preset
        if (!r.benchmark().startsWith(ProgramBenchmark.class.getName())) {
            o.warmupIterations(preset.warmups)
                    .warmupTime(TimeValue.milliseconds(preset.warmupMillis))
                    .measurementIterations(preset.measurements)
                    .measurementTime(TimeValue.milliseconds(preset.measurementMillis));
        } else {
            o.measurementIterations(preset.measurements).measurementTime(TimeValue.milliseconds(PROGRAM_MEASUREMENT_MILLIS));
        }
        r.params().forEach(o::param);
        return o.build();
    }

    /** One telling case per kernel family through the SPI, beside its peers (the plain loop, EJML). */
    private static void kernelFamilies(List<Run> p) {
        String map = KernelMapBenchmark.class.getName() + ".run";
        grid(p, map, "op=add", "dtype=float32", "n=262144", "layout=contiguous", IMPLS);
        grid(p, map, "op=sin", "dtype=float32", "n=16384", "layout=contiguous", IMPLS);
        grid(p, KernelReduceBenchmark.class.getName() + ".run", "op=sum", "dtype=float32", "n=32768", "layout=contiguous", IMPLS);
        grid(p, KernelMatmulBenchmark.class.getName() + ".run", "shape=256x256x256", "dtype=float32", "layout=contiguous",
                "impl=scalar,simd,ejml");
    }

    /** One telling case per family, for the main job's short comparison. */
    static List<Run> demoPlan() {
        List<Run> p = new ArrayList<>();
        kernelFamilies(p);
        grid(p, EndToEndBenchmark.class.getName() + ".tensorAdd1024", "backend=scalar,simd");
        grid(p, EndToEndBenchmark.class.getName() + ".mlpTrainingStep", "backend=scalar,simd");
        return p;
    }

    /**
     * What users run first (the programs, the op sweep, training steps, GEMM against OpenBLAS), then
     * one case per kernel family through the SPI beside its peers; the other kernel cases are in
     * {@code --full}. Each run here is a JVM of its own (about 1.5 s before the first iteration), so
     * the list stays short; the sweep's hundreds of cases share one JVM.
     */
    static List<Run> quickPlan() {
        List<Run> p = new ArrayList<>();
        // the programs users run, steady state (and in fresh JVMs after the runs: Programs)
        grid(p, ProgramBenchmark.class.getName() + ".step", "program=polynomial_fit,mlp", "backend=simd", "threads=0,1");
        grid(p, ProgramBenchmark.class.getName() + ".step", "program=polynomial_fit,mlp", "backend=scalar", "threads=0");
        // issue 12: a fused Adam step against the memory traffic it cannot avoid; an nn training step
        // against the same step written by hand
        for (Method m : benchmarks(TrainingBenchmark.class)) {
            grid(p, TrainingBenchmark.class.getName() + "." + m.getName(), "backend=simd");
        }
        // against numpy's OpenBLAS (bench/python/sweep.py) at n = 64 .. 2048
        grid(p, MatmulBenchmark.class.getName() + ".simd1Thread", "n=64,128,256,512,1024,2048");
        grid(p, MatmulBenchmark.class.getName() + ".simd2Threads", "n=64,128,256,512,1024,2048");
        // the kernels alone (the sweep covers the Tensor API at user sizes)
        kernelFamilies(p);
        grid(p, KernelMapBenchmark.class.getName() + ".run", "op=add", "dtype=float32", "n=262144", "layout=transposed", IMPLS);
        grid(p, StreamCopyBenchmark.class.getName() + ".run", "dtype=float32", "n=33554432", "impl=loop,arraycopy");
        // the issue-4 target: sin at 64K against the Vector API's SVML
        String detail = ElementwiseKernelBenchmark.class.getName();
        grid(p, detail + ".sin", "backend=simd", "size=65536", "threads=0");
        grid(p, detail + ".svmlSin", "backend=simd", "size=65536", "threads=0");
        sweep(p, Sweep.quickCases());
        return p;
    }

    /** Every case of the op sweep under each backend, SIMD first. */
    private static void sweep(List<Run> p, List<String> cases) {
        for (String backend : List.of("simd", "scalar")) {
            for (String id : cases) {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("backend", backend);
                params.put("id", id);
                p.add(new Run(SWEEP, params));
            }
        }
    }

    /** Every benchmark method with every combination of its {@code @Param} values. */
    static List<Run> fullPlan() {
        List<Run> p = new ArrayList<>();
        for (Class<?> c : List.of(KernelMapBenchmark.class, KernelReduceBenchmark.class, KernelDotBenchmark.class,
                KernelMatmulBenchmark.class, StreamCopyBenchmark.class, EndToEndBenchmark.class, ProgramBenchmark.class,
                ElementwiseKernelBenchmark.class, ReductionKernelBenchmark.class, MatmulBenchmark.class)) {
            for (Method m : benchmarks(c)) {
                List<String> specs = new ArrayList<>();
                addParams(c, specs);
                for (Class<?> state : m.getParameterTypes()) {
                    addParams(state, specs);
                }
                grid(p, c.getName() + "." + m.getName(), specs.toArray(String[]::new));
            }
        }
        sweep(p, Sweep.fullCases());
        return p;
    }

    /** {@code name=v1,v2,...} for every {@code @Param} field of a benchmark or state class. */
    private static void addParams(Class<?> c, List<String> specs) {
        for (Field f : c.getDeclaredFields()) {
            Param param = f.getAnnotation(Param.class);
            if (param != null) {
                specs.add(f.getName() + "=" + String.join(",", param.value()));
            }
        }
    }

    private static List<Method> benchmarks(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted(java.util.Comparator.comparing(Method::getName))
                .toList();
    }

    /** Adds the cartesian product of {@code name=v1,v2,...} specs, the last spec varying fastest. */
    private static void grid(List<Run> plan, String benchmark, String... specs) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String name = spec.substring(0, eq);
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : spec.substring(eq + 1).split(",")) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(name, v);
                    next.add(m);
                }
            }
            combos = next;
        }
        combos.forEach(c -> plan.add(new Run(benchmark, c)));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** One JMH invocation: {@code Runner.run} in the suite, a stand-in in tests. */
    @FunctionalInterface
    interface JmhCall<O, R> {
        Collection<R> run(O options) throws RunnerException;
    }

    /**
     * Every run's results, each run on its own: one that throws (JMH's lock taken by another JMH
     * instance at that moment, a case that cannot start) adds its reason to {@code failures} and the
     * others still run and keep their results. The sweep is one run per case, some 600: with them in one
     * try, a single failure dropped every case already measured and left the rest unmeasured.
     */
    static <O, R> List<R> runEach(List<O> runs, JmhCall<O, R> call, List<String> failures) {
        List<R> results = new ArrayList<>();
        for (O o : runs) {
            try {
                results.addAll(call.run(o));
            } catch (RunnerException | RuntimeException e) {
                failures.add(rootMessage(e));
            }
        }
        return results;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).lines().findFirst().orElse("").trim();
    }

    private static String minutes(long nanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return Duration.ofSeconds(s).toMinutes() + "m" + String.format("%02ds", s % 60);
    }
}
