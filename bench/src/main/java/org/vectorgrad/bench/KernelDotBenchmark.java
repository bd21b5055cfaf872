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

/**
 * {@code dot(a, b)} of two rank-1 operands of {@code n} elements through the {@code Backend} SPI,
 * both {@code contiguous} or both {@code sliced} ({@code x[::2]}). {@code impl} is a backend name or
 * {@code loop}. Time per call; the report turns it into GB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelDotBenchmark {
    @Param({"float32", "float64"})
    public String dtype;

    /** Elements per operand: float32 needs 8 B per pair, so 2K sits in L1, 32K in L2, 1M in L3, 32M in DRAM. */
    @Param({"2048", "32768", "65536", "1048576", "33554432"})
    public int n;

    @Param({"contiguous", "sliced"})
    public String layout;

    @Param({"loop", "scalar", "simd"})
    public String impl;

    private Object out;
    private Runnable kernel;

    @Setup
    public void setup() {
        DType t = DType.parse(dtype);
        Operand a = Operand.vector(t, layout, n, 1);
        Operand b = Operand.vector(t, layout, n, 2);
        out = Operand.zeros(t, 1);
        if (impl.equals("loop")) {
            kernel = out instanceof float[] o
                    ? () -> o[0] = PlainLoops.dot((float[]) a.buffer(), a.layout(), (float[]) b.buffer(), b.layout())
                    : () -> ((double[]) out)[0] = PlainLoops.dot((double[]) a.buffer(), a.layout(),
                            (double[]) b.buffer(), b.layout());
            return;
        }
        Backend be = Backends.get(impl);
        kernel = () -> be.dot(t, a.buffer(), a.layout(), b.buffer(), b.layout(), out, 0);
    }

    @Benchmark
    public Object run() {
        kernel.run();
        return out;
    }
}
