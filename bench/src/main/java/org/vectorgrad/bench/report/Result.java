package org.vectorgrad.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark result from a JMH JSON file, with its score converted to nanoseconds per operation
 * whatever mode and unit JMH used.
 *
 * @param benchmark the fully qualified benchmark method, e.g. {@code org.vectorgrad.bench.KernelMapBenchmark.run}
 * @param params    the JMH parameters, sorted by name
 * @param nsPerOp   average time of one operation
 * @param nsError   JMH's error (99.9% confidence half-width) of {@code nsPerOp}, NaN when unknown
 * @param rawUnit   the unit JMH reported, e.g. {@code us/op}
 * @param jvm       the JVM that ran it: {@code vmName vmVersion (jdkVersion)}
 * @param jvmArgs   the forked JVM's arguments
 */
public record Result(String benchmark, Map<String, String> params, double nsPerOp, double nsError,
                     String rawUnit, String jvm, List<String> jvmArgs, String runSettings) {

    public Result {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The class name without package, e.g. {@code KernelMapBenchmark}. */
    public String className() {
        String withoutMethod = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return withoutMethod.substring(withoutMethod.lastIndexOf('.') + 1);
    }

    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException(benchmark + " has no parameter '" + name + "' (has " + params.keySet() + ")");
        }
        return v;
    }

    /** Identifies the measurement across files: class, method and parameters. */
    public String key() {
        StringBuilder sb = new StringBuilder(className()).append('.').append(method());
        params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** Relative error, e.g. 0.03 for 3%. */
    public double relativeError() {
        return nsError / nsPerOp;
    }

    /** Every result in a JMH JSON file ({@code -rf json}). */
    public static List<Result> load(Path json) throws IOException {
        Object root = Json.parse(Files.readString(json));
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException(json + " is not a JMH JSON result file (expected a top-level array)");
        }
        List<Result> out = new ArrayList<>();
        for (Object e : entries) {
            out.add(fromJson(asMap(e, json)));
        }
        return out;
    }

    static Result fromJson(Map<String, Object> m) {
        Map<String, Object> metric = asMap(m.get("primaryMetric"), "primaryMetric");
        String unit = String.valueOf(metric.get("scoreUnit"));
        double score = Json.number(metric.get("score"));
        double error = Json.number(metric.get("scoreError"));
        double ns = toNanosPerOp(score, unit);
        Map<String, String> params = new LinkedHashMap<>();
        if (m.get("params") instanceof Map<?, ?> p) {
            p.forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
        }
        List<String> args = new ArrayList<>();
        if (m.get("jvmArgs") instanceof List<?> l) {
            l.forEach(a -> args.add(String.valueOf(a)));
        }
        String jvm = m.get("vmName") + " " + m.get("vmVersion") + " (JDK " + m.get("jdkVersion") + ")";
        String settings = String.format("forks %s, warmup %s x %s, measurement %s x %s, benchmark threads %s",
                intText(m.get("forks")), intText(m.get("warmupIterations")), m.get("warmupTime"),
                intText(m.get("measurementIterations")), m.get("measurementTime"), intText(m.get("threads")));
        return new Result(String.valueOf(m.get("benchmark")), params, ns, ns * (error / score), unit, jvm, args, settings);
    }

    /** {@code score} in {@code unit} (a time per op, or ops per time) as nanoseconds per operation. */
    static double toNanosPerOp(double score, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("unknown JMH score unit '" + unit + "'");
        }
        if (parts[1].equals("op")) {
            return score * nanos(parts[0], unit);
        }
        if (parts[0].equals("ops")) {
            return nanos(parts[1], unit) / score;
        }
        throw new IllegalArgumentException("unknown JMH score unit '" + unit + "'");
    }

    private static double nanos(String timeUnit, String unit) {
        return switch (timeUnit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> throw new IllegalArgumentException("unknown time unit in JMH score unit '" + unit + "'");
        };
    }

    private static String intText(Object v) {
        return v instanceof Double d ? String.valueOf(d.longValue()) : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object v, Object where) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("expected a JSON object in " + where + ", got " + v);
    }
}
