package org.vectorgrad.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.vectorgrad.DType;
import org.vectorgrad.bench.KernelMapBenchmark;
import org.vectorgrad.bench.KernelMatmulBenchmark;

/**
 * How the report reads one kind of benchmark: which results belong to it, which parameter names the
 * implementation (a backend or a peer) and which describe the case, and how much work one operation
 * does, from which the throughput unit is computed. Every number the report shows is JMH's time per
 * operation combined with this work; nothing else.
 *
 * @param title   the section heading
 * @param member  which results belong here
 * @param impl    the implementation a result measured: {@code simd}, {@code scalar}, {@code loop}, ...
 * @param columns the names of the case columns
 * @param cells   the case column values of a result
 * @param work    the work one operation does
 * @param unit    the unit of the table
 */
public record Family(String title, Predicate<Result> member, Function<Result, String> impl, List<String> columns,
                     Function<Result, List<String>> cells, Function<Result, Work> work, Unit unit) {

    /** The implementation every speedup is about. */
    public static final String SIMD = "simd";

    /** The benchmark whose GB/s is the memory-bandwidth ceiling of the memory-bound tables. */
    public static final String COPY_BENCHMARK = "StreamCopyBenchmark";

    /**
     * Work per operation: elements touched, bytes moved, floating-point operations, and the working
     * set (which decides the cache level it runs from).
     */
    public record Work(double elements, double bytes, double flops, double workingSet) {
    }

    /** The unit a family's table is in; {@link #higherIsBetter} says how to read it. */
    public enum Unit {
        NS_PER_ELEMENT("ns/element", false),
        GB_PER_S("GB/s", true),
        GFLOP_PER_S("GFLOP/s", true),
        US_PER_OP("µs/op", false);

        public final String label;
        public final boolean higherIsBetter;

        Unit(String label, boolean higherIsBetter) {
            this.label = label;
            this.higherIsBetter = higherIsBetter;
        }

        /** The result's time per operation in this unit. */
        public double of(double nsPerOp, Work w) {
            return switch (this) {
                case NS_PER_ELEMENT -> nsPerOp / w.elements();
                case GB_PER_S -> w.bytes() / nsPerOp;
                case GFLOP_PER_S -> w.flops() / nsPerOp;
                case US_PER_OP -> nsPerOp / 1e3;
            };
        }
    }

    /** The families of this module's benchmarks, in report order. */
    public static List<Family> known() {
        List<Family> all = new ArrayList<>();
        all.add(new Family("Elementwise (add, mul, sin, cos)", inClass("KernelMapBenchmark"), param("impl"),
                List.of("op", "dtype", "n", "layout"), cells("op", "dtype", "n", "layout"), r -> {
                    double n = Double.parseDouble(r.param("n"));
                    double bytes = n * item(r) * (KernelMapBenchmark.isBinary(r.param("op")) ? 3 : 2);
                    return new Work(n, bytes, n, bytes);
                }, Unit.NS_PER_ELEMENT));
        all.add(new Family("Reductions (sum, mean, max)", inClass("KernelReduceBenchmark"), param("impl"),
                List.of("op", "dtype", "n", "layout"), cells("op", "dtype", "n", "layout"), r -> {
                    double n = Double.parseDouble(r.param("n"));
                    return new Work(n, n * item(r), n, n * item(r));
                }, Unit.GB_PER_S));
        all.add(new Family("Dot product", inClass("KernelDotBenchmark"), param("impl"),
                List.of("dtype", "n", "layout"), cells("dtype", "n", "layout"), r -> {
                    double n = Double.parseDouble(r.param("n"));
                    return new Work(n, 2 * n * item(r), 2 * n, 2 * n * item(r));
                }, Unit.GB_PER_S));
        Function<Result, Work> gemm = r -> {
            int[] mkn = KernelMatmulBenchmark.parseShape(r.param("shape"));
            double m = mkn[0];
            double k = mkn[1];
            double n = mkn[2];
            double ws = (m * k + k * n + m * n) * item(r);
            return new Work(m * n, ws, 2 * m * n * k, ws);
        };
        all.add(new Family("Matmul, square (M x K x N)", inClass("KernelMatmulBenchmark").and(Family::square),
                param("impl"), List.of("shape", "dtype", "b layout"), cells("shape", "dtype", "layout"), gemm, Unit.GFLOP_PER_S));
        all.add(new Family("Matmul, skinny (M x K x N)", inClass("KernelMatmulBenchmark").and(r -> !square(r)),
                param("impl"), List.of("shape", "dtype", "b layout"), cells("shape", "dtype", "layout"), gemm, Unit.GFLOP_PER_S));
        all.add(new Family("Memory bandwidth ceiling (STREAM copy, one thread)", inClass(COPY_BENCHMARK),
                param("impl"), List.of("dtype", "n"), cells("dtype", "n"), r -> {
                    double n = Double.parseDouble(r.param("n"));
                    return new Work(n, 2 * n * item(r), 0, 2 * n * item(r));
                }, Unit.GB_PER_S));
        all.add(new Family("End to end: Tensor API and autograd", inClass("EndToEndBenchmark"), param("backend"),
                List.of("workload"), r -> List.of(r.method()), r -> new Work(1, 0, 0, 0), Unit.US_PER_OP));
        all.add(new Family("Training: fused Adam step and an nn training step (TrainingBenchmark)", inClass("TrainingBenchmark"),
                r -> switch (r.method()) {
                    case "adamBandwidthFloor1M" -> "bandwidth floor";
                    case "mlpStepByHand" -> "hand-written";
                    case "mlpStepNnSetToNone" -> "simd, zeroGrad(true)";
                    default -> r.param("backend");
                },
                List.of("workload"), r -> List.of(r.method().startsWith("adam") ? "Adam step, 1M float32 (target: >= 0.5x the floor)"
                        : "MLP 64-128-10 SGD step (target: >= 1x hand-written)"), r -> new Work(1, 0, 0, 0), Unit.US_PER_OP));
        all.addAll(issue4Targets());
        return all;
    }

    /**
     * The SIMD helpers' own benchmarks of the issue-4 targets, where the implementation is in the
     * method name: {@code plainJava*} is the plain loop, {@code svml*} the Vector API's own math.
     */
    private static List<Family> issue4Targets() {
        Function<Result, String> impl = r -> r.method().startsWith("plainJava") ? "loop"
                : r.method().startsWith("svml") ? "svml" : r.param("backend");
        Function<Result, List<String>> cells = r -> List.of(methodOp(r), r.param("size"),
                r.param("threads").equals("0") ? "all" : r.param("threads"));
        List<Family> all = new ArrayList<>();
        all.add(new Family("Elementwise float32, kernel detail (ElementwiseKernelBenchmark)",
                inClass("ElementwiseKernelBenchmark"), impl, List.of("op", "n", "threads"), cells, r -> {
                    double n = Double.parseDouble(r.param("size"));
                    boolean binary = methodOp(r).startsWith("add") || methodOp(r).startsWith("mul");
                    return new Work(n, n * 4 * (binary ? 3 : 2), n, n * 4 * (binary ? 3 : 2));
                }, Unit.NS_PER_ELEMENT));
        all.add(new Family("Reductions float32, kernel detail (ReductionKernelBenchmark)",
                inClass("ReductionKernelBenchmark"), impl, List.of("op", "n", "threads"), cells, r -> {
                    double n = Double.parseDouble(r.param("size"));
                    return new Work(n, n * 4, n, n * 4);
                }, Unit.NS_PER_ELEMENT));
        all.add(new Family("GEMM by thread count (MatmulBenchmark, n x n x n)", inClass("MatmulBenchmark"),
                r -> r.method().startsWith("simd") ? SIMD : r.method().equals("scalarBackend") ? "scalar"
                        : r.method().equals("vectorIkjLoop") ? "vector ikj loop" : r.method(),
                List.of("n", "dtype", "threads"),
                r -> List.of(String.valueOf(squareSide(r)), r.method().contains("Float64") ? "float64" : "float32",
                        r.method().contains("2Threads") || r.method().contains("TwoThreads") ? "2" : "1"),
                r -> {
                    double n = squareSide(r);
                    double item = r.method().contains("Float64") ? 8 : 4;
                    return new Work(n * n, 3 * n * n * item, 2 * n * n * n, 3 * n * n * item);
                }, Unit.GFLOP_PER_S));
        return all;
    }

    /** The operation a method name measures, without its implementation prefix: plainJavaAdd is add. */
    private static String methodOp(Result r) {
        String m = r.method().replaceFirst("^(plainJava|svml)", "");
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** The matrix side of a MatmulBenchmark result, whichever state class carried it. */
    private static int squareSide(Result r) {
        for (String p : List.of("n", "n64", "size")) {
            if (r.params().containsKey(p)) {
                return Integer.parseInt(r.params().get(p));
            }
        }
        throw new IllegalArgumentException(r.benchmark() + " has no matrix size parameter (n, n64 or size)");
    }

    /**
     * A family for a benchmark class the report has no definition for: time per operation, the
     * implementation from an {@code impl} or {@code backend} parameter, else the method name.
     */
    public static Family generic(String className) {
        Function<Result, String> impl = r -> r.params().getOrDefault("impl", r.params().getOrDefault("backend", r.method()));
        Function<Result, List<String>> cells = r -> {
            List<String> c = new ArrayList<>();
            String i = impl.apply(r);
            c.add(i.equals(r.method()) ? "" : r.method());
            StringBuilder p = new StringBuilder();
            r.params().forEach((k, v) -> {
                if (!v.equals(i)) {
                    p.append(p.isEmpty() ? "" : ", ").append(k).append('=').append(v);
                }
            });
            c.add(p.toString());
            return c;
        };
        return new Family(className, inClass(className), impl, List.of("benchmark", "params"), cells,
                r -> new Work(1, 0, 0, 0), Unit.US_PER_OP);
    }

    private static Predicate<Result> inClass(String simpleName) {
        return r -> r.className().equals(simpleName);
    }

    private static Function<Result, String> param(String name) {
        return r -> r.param(name);
    }

    private static Function<Result, List<String>> cells(String... names) {
        return r -> {
            List<String> c = new ArrayList<>();
            for (String n : names) {
                c.add(r.param(n));
            }
            return c;
        };
    }

    private static boolean square(Result r) {
        int[] mkn = KernelMatmulBenchmark.parseShape(r.param("shape"));
        return mkn[0] == mkn[1] && mkn[1] == mkn[2];
    }

    private static int item(Result r) {
        return DType.parse(r.param("dtype")).itemSize();
    }
}
