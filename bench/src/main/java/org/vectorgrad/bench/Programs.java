package org.vectorgrad.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link Program}s as users run them: each program's {@code main} in a fresh JVM, and its
 * PyTorch twin ({@code bench/python/NAME.py}) in a fresh Python, several times, timing the whole
 * process (JVM start or {@code import torch} included) and reading the first 100 steps and the
 * steady state from the program's own timing line. Java runs at the default threads, at
 * {@code -Dvectorgrad.threads=1}, under the scalar backend, and with a JDK AOT cache
 * ({@code -XX:AOTCacheOutput} training run, then {@code -XX:AOTCache}) and with {@code -Dvectorgrad.warmup=true};
 * then {@link FirstMatmuls} (in a fresh JVM with the warm-up off and on, and after {@value #MLP_STEPS_BEFORE_MATMULS}
 * steps of the MLP); PyTorch at its default
 * threads and at {@code torch.set_num_threads(1)}. The variants of a program alternate, one fresh
 * process each per round, so that a loaded machine weighs on all of them alike. Writes
 * {@code programs.json} for the report.
 */
public final class Programs {
    /** The programs, by the name their PyTorch twin's file has. */
    public static final List<String> NAMES = List.of("polynomial_fit", "mlp");
    static final Path PYTHON_DIR = Path.of("bench", "python");
    private static final Pattern TIMING = Pattern.compile("timing: first100_ns=(\\d+) steady_ns=(\\S+)");
    /**
     * The programs.json entry of {@link FirstMatmuls} (fresh JVMs: warm-up off, on, after the MLP): its
     * "first100_ns" holds the mean ns per call of the first 12 products, "steady_ns" the steady ns per call.
     */
    public static final String FIRST_MATMULS = "first_matmuls";
    /** Steps of the MLP before {@link FirstMatmuls}' products in its "after MLP" variant. */
    public static final int MLP_STEPS_BEFORE_MATMULS = 2000;
    private static final Pattern FIRST12 = Pattern.compile("timing: first12_ns=(\\S+) steady_ns=(\\S+)");

    private Programs() {
    }

    /** A fresh program by name. */
    public static Program make(String name) {
        return switch (name) {
            case "polynomial_fit" -> new PolynomialFit();
            case "mlp" -> new TwoLayerMlp();
            default -> throw new IllegalArgumentException("unknown program '" + name + "'; known: " + NAMES);
        };
    }

    static String mainClass(String name) {
        return make(name).getClass().getName();
    }

    /** One way of running a program: its command, and the run that must come first (the AOT training). */
    record Variant(String name, List<String> command, List<String> before) {
    }

    /** How many processes {@link #measure} starts: as its variants below, for the suite's estimate. */
    static int processes(boolean python, int reps) {
        return NAMES.size() * (5 * reps + 1 + (python ? 2 * reps : 0)) + 3 * reps;
    }

    /** Measures every program {@code reps} times per variant into {@code out/programs.json}. */
    static void measure(Path out, String python, int reps) throws IOException, InterruptedException {
        List<String> java = new ArrayList<>();
        java.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // the programs run as users start them: no AOT cache but their own, the JVM's default heap
            if (!a.startsWith("-XX:AOTCache") && !a.startsWith("-Xms") && !a.startsWith("-Xmx") && !a.equals("-XX:+AlwaysPreTouch")) {
                java.add(a);
            }
        }
        java.addAll(List.of("-cp", System.getProperty("java.class.path")));
        Files.createDirectories(out.resolve("programs"));
        StringBuilder json = new StringBuilder("[\n");
        for (String name : NAMES) {
            Path aot = out.resolve("programs").resolve(name + ".aot").toAbsolutePath();
            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant("java", concat(java, mainClass(name)), null));
            variants.add(new Variant("java threads=1", concat(java, "-Dvectorgrad.threads=1", mainClass(name)), null));
            variants.add(new Variant("java scalar", concat(java, "-Dvectorgrad.backend=scalar", mainClass(name)), null));
            variants.add(new Variant("java warm-up on", concat(java, "-Dvectorgrad.warmup=true", mainClass(name)), null));
            variants.add(new Variant("java AOT cache", concat(java, "-XX:AOTCache=" + aot, mainClass(name)),
                    concat(java, "-XX:AOTCacheOutput=" + aot, mainClass(name))));
            Path script = PYTHON_DIR.resolve(name + ".py");
            if (python != null && Files.exists(script)) {
                variants.add(new Variant("pytorch", List.of(python, script.toString()), null));
                variants.add(new Variant("pytorch threads=1", List.of(python, script.toString(), "--threads", "1"), null));
            }
            System.out.printf("program %s, %d variants x %d fresh processes, alternating ... ", name, variants.size(), reps);
            System.out.flush();
            for (Variant v : variants) {
                if (v.before() != null) {
                    run(v.before(), out.resolve("programs").resolve(name + " " + v.name() + " training.log"));
                }
            }
            // Alternating the variants, rather than running each one's repetitions in a row, spreads what
            // else the machine does over all of them: the medians are then comparable on a loaded machine.
            List<List<long[]>> runs = new ArrayList<>();
            String[] outputs = new String[variants.size()];
            String[] failures = new String[variants.size()];
            for (int i = 0; i < variants.size(); i++) {
                runs.add(new ArrayList<>());
            }
            for (int r = 0; r < reps; r++) {
                for (int i = 0; i < variants.size(); i++) {
                    Variant v = variants.get(i);
                    if (failures[i] != null) {
                        continue;
                    }
                    Path log = out.resolve("programs").resolve(name + " " + v.name() + ".out");
                    long t0 = System.nanoTime();
                    int rc = run(v.command(), log);
                    long wall = System.nanoTime() - t0;
                    String text = Files.readString(log);
                    Matcher m = TIMING.matcher(text);
                    if (rc != 0 || !m.find()) {
                        failures[i] = "exit " + rc + ", see programs/" + log.getFileName();
                        continue;
                    }
                    double steady = Double.parseDouble(m.group(2));
                    runs.get(i).add(new long[] {wall, Long.parseLong(m.group(1)), Math.round(steady)});
                    outputs[i] = text.lines().filter(l -> !l.startsWith("timing:") && !l.startsWith("WARNING:"))
                            .reduce("", (a, b) -> a + b + "\n");
                }
            }
            System.out.println(Arrays.stream(failures).allMatch(f -> f == null) ? "done" : "FAILED: see programs.json");
            for (int i = 0; i < variants.size(); i++) {
                json.append(json.length() > 2 ? ",\n" : "").append(String.format(Locale.ROOT,
                        "{\"program\": %s, \"variant\": %s, \"wall_ns\": %s, \"first100_ns\": %s, \"steady_ns\": %s, "
                                + "\"output\": %s, \"failure\": %s}",
                        quote(name), quote(variants.get(i).name()), column(runs.get(i), 0), column(runs.get(i), 1),
                        column(runs.get(i), 2), quote(outputs[i]), quote(failures[i])));
            }
        }
        for (Variant v : List.of(new Variant("java", concat(java, FirstMatmuls.class.getName()), null),
                new Variant("java warm-up on", concat(java, "-Dvectorgrad.warmup=true", FirstMatmuls.class.getName()), null),
                new Variant("java after MLP", concat(java, FirstMatmuls.class.getName(), "--after-mlp",
                        String.valueOf(MLP_STEPS_BEFORE_MATMULS)), null))) {
            System.out.printf("first 12 matmuls 256^3, %s ... ", v.name());
            System.out.flush();
            List<long[]> runs = new ArrayList<>();
            String failure = null;
            for (int r = 0; r < reps && failure == null; r++) {
                Path log = out.resolve("programs").resolve(FIRST_MATMULS + " " + v.name() + ".out");
                int rc = run(v.command(), log);
                Matcher m = FIRST12.matcher(Files.readString(log));
                if (rc != 0 || !m.find()) {
                    failure = "exit " + rc + ", see programs/" + log.getFileName();
                } else {
                    runs.add(new long[] {0, Math.round(Double.parseDouble(m.group(1))), Math.round(Double.parseDouble(m.group(2)))});
                }
            }
            System.out.println(failure == null ? "done" : "FAILED: " + failure);
            json.append(",\n").append(String.format(Locale.ROOT,
                    "{\"program\": %s, \"variant\": %s, \"wall_ns\": [], \"first100_ns\": %s, \"steady_ns\": %s, "
                            + "\"output\": null, \"failure\": %s}",
                    quote(FIRST_MATMULS), quote(v.name()), column(runs, 1), column(runs, 2), quote(failure)));
        }
        Files.writeString(out.resolve(org.vectorgrad.bench.report.Report.PROGRAMS_JSON), json.append("\n]\n"));
    }

    private static int run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        return pb.start().waitFor();
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> c = new ArrayList<>(head);
        c.addAll(List.of(tail));
        return c;
    }

    private static String column(List<long[]> runs, int i) {
        return runs.stream().map(r -> String.valueOf(r[i])).reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]").orElse("[]");
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
