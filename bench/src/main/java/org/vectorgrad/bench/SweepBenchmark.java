package org.vectorgrad.bench;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vectorgrad.backend.Backends;

/**
 * One case of the op {@link Sweep} through the public {@link org.vectorgrad.Tensor} API under one
 * backend: allocation, dispatch, kernels and (for {@code .bwd} cases) autograd included. The suite
 * runs all cases in one JVM without forking ({@code Suite}), as a program meets them: the JIT has
 * seen the other ops first; each case under one backend right after the other, so that the two are
 * compared in the same JVM state and load.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main SweepBenchmark -f 0 \
 *     -p backend=simd -p id=mul/row/65536,sum.dim1/contiguous/2000
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SweepBenchmark {
    @Param({"simd", "scalar"})
    public String backend;

    /** A case id of {@link Sweep}: {@code op/layout/size}. */
    @Param({"mul/contiguous/65536"})
    public String id;

    private Backends.Scope scope;
    private Supplier<Object> call;

    /** Per iteration because the backend scope is per thread, and so is an iteration's loop. */
    @Setup(Level.Iteration)
    public void setup() {
        scope = Backends.use(backend);
        if (call == null) {
            call = Sweep.prepare(id);
        }
    }

    @TearDown(Level.Iteration)
    public void tearDown() {
        scope.close();
    }

    @Benchmark
    public Object run() {
        return call.get();
    }
}
