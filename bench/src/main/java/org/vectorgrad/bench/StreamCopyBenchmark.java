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

/**
 * The memory-bandwidth ceiling, measured in the same run as the kernels: STREAM's {@code copy}
 * ({@code b[i] = a[i]}) as a loop and as {@code System.arraycopy}, one thread. The report counts
 * {@code 2 * n * itemSize} bytes per call (a read and a write, as STREAM does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class StreamCopyBenchmark {
    @Param({"float32", "float64"})
    public String dtype;

    /** The reduction sizes, so each reduction row has a copy row of the same footprint. */
    @Param({"2048", "32768", "65536", "1048576", "33554432"})
    public int n;

    @Param({"loop", "arraycopy"})
    public String impl;

    private Object src;
    private Object dst;
    private Runnable copy;

    @Setup
    public void setup() {
        DType t = DType.parse(dtype);
        src = Operand.random(t, n, 1);
        dst = Operand.zeros(t, n);
        copy = switch (impl) {
            case "arraycopy" -> () -> System.arraycopy(src, 0, dst, 0, n);
            case "loop" -> src instanceof float[] a ? () -> copy(a, (float[]) dst) : () -> copy((double[]) src, (double[]) dst);
            default -> throw new IllegalArgumentException("unknown copy impl '" + impl + "'; known: loop, arraycopy");
        };
    }

    @Benchmark
    public Object run() {
        copy.run();
        return dst;
    }

    private static void copy(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
    }

    private static void copy(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
    }
}
