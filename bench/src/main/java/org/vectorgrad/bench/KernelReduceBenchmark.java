package org.vectorgrad.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;

/**
 * Full reductions through the {@code Backend} SPI: {@code sum}, {@code mean} (a sum and one
 * division, as the ops layer computes it) and {@code max} of {@code n} elements with the given
 * layout. {@code impl} is a backend name or {@code loop} (a strict left-to-right loop). Time per call;
 * the report turns it into GB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelReduceBenchmark {
    @Param({"sum", "mean", "max"})
    public String op;

    @Param({"float32", "float64"})
    public String dtype;

    /** Elements: float32 needs 4 B each, so 2K sits in L1, 32K in L2, 1M in L3, 32M in DRAM. */
    @Param({"2048", "32768", "65536", "1048576", "33554432"})
    public int n;

    @Param({"contiguous", "transposed", "sliced"})
    public String layout;

    @Param({"loop", "scalar", "simd"})
    public String impl;

    private Object out;
    private Runnable kernel;

    @Setup
    public void setup() {
        DType t = DType.parse(dtype);
        Operand a = Operand.matrix(t, layout, n, 1);
        out = Operand.zeros(t, 1);
        boolean mean = op.equals("mean");
        ReduceOp f = switch (op) {
            case "sum", "mean" -> ReduceOp.SUM;
            case "max" -> ReduceOp.MAX;
            default -> throw new IllegalArgumentException("unknown reduction '" + op + "'; known: sum, mean, max");
        };
        if (impl.equals("loop")) {
            kernel = loop(f, mean, a, out);
            return;
        }
        Backend be = Backends.get(impl);
        Layout scalarOut = Layout.contiguous();
        Runnable reduce = () -> be.reduce(f, t, a.buffer(), a.layout(), 2, out, scalarOut);
        kernel = mean ? () -> {
            reduce.run();
            divide(out, n);
        } : reduce;
    }

    @Benchmark
    public Object run() {
        kernel.run();
        return out;
    }

    private static Runnable loop(ReduceOp f, boolean mean, Operand a, Object out) {
        int n = a.layout().size();
        if (out instanceof float[] o) {
            float[] x = (float[]) a.buffer();
            if (f == ReduceOp.MAX) {
                return () -> o[0] = PlainLoops.fold(x, a.layout(), Float.NEGATIVE_INFINITY, Math::max);
            }
            return () -> o[0] = PlainLoops.fold(x, a.layout(), 0f, (s, v) -> s + v) / (mean ? n : 1);
        }
        double[] x = (double[]) a.buffer();
        double[] o = (double[]) out;
        if (f == ReduceOp.MAX) {
            return () -> o[0] = PlainLoops.fold(x, a.layout(), Double.NEGATIVE_INFINITY, Math::max);
        }
        return () -> o[0] = PlainLoops.fold(x, a.layout(), 0, Double::sum) / (mean ? n : 1);
    }

    private static void divide(Object out, int n) {
        if (out instanceof float[] o) {
            o[0] /= n;
        } else {
            ((double[]) out)[0] /= n;
        }
    }
}
