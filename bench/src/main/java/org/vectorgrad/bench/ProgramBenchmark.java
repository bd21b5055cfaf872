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
import org.openjdk.jmh.infra.Blackhole;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Steady-state time of one training step of the {@link Program}s users run, under the backend
 * {@code backend} with {@code threads} kernel threads (0: all cores, as by default). The suite
 * times the same programs whole, in fresh JVMs, beside their PyTorch twins ({@code Programs}). The
 * suite keeps this class's warmup (4 x 1 s) in every preset: C2 takes a while to settle a whole program.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ProgramBenchmark {
    @Param({"polynomial_fit", "mlp"})
    public String program;

    @Param({"simd", "scalar"})
    public String backend;

    /** -Dvectorgrad.threads, 0 for the default (all cores). */
    @Param({"0", "1"})
    public int threads;

    private Program p;

    @Setup
    public void setup() {
        System.setProperty("vectorgrad.backend", backend);
        if (threads > 0) {
            System.setProperty("vectorgrad.threads", Integer.toString(threads));
        }
        String running = Backends.current().name();
        if (!running.equals(backend)) {
            throw new IllegalStateException("the JVM already computes with backend '" + running + "'; run each in its own fork");
        }
        p = Programs.make(program);
    }

    @Benchmark
    public void step(Blackhole bh) {
        Tensor loss = p.step();
        bh.consume(loss);
    }
}
