package org.vectorgrad.bench;

import java.util.List;
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
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Whole programs through the public {@link Tensor} API, including allocation, dispatch and the
 * autograd engine, under the backend named by {@code backend} (the JVM's default backend, set
 * before the first tensor operation of the fork):
 * <ul>
 *   <li>{@code tensorAdd1024}: {@code a.add(b)} on two float32 tensors of 1,024 elements;</li>
 *   <li>{@code seed001Square}: the seed 001 notebook's {@code y = x * x; y.backward()} on a float64
 *       scalar;</li>
 *   <li>{@code seed002Mean}: seed 002's {@code x = ones(2, 2)}, {@code ((x + 2) * (x + 2) * 3).mean()},
 *       backward;</li>
 *   <li>{@code seed000Sin}: seed 000's {@code sin} of 100 values, {@code sum}, backward;</li>
 *   <li>{@code mlpTrainingStep}: one SGD step of a 16-32-1 tanh MLP on a batch of 64: two
 *       matmuls, bias adds, mean-squared error, backward, the update under
 *       {@link Autograd#noGrad()}.</li>
 * </ul>
 * Each returns the value computed (a gradient or the loss), so nothing is optimized away.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class EndToEndBenchmark {
    @Param({"scalar", "simd"})
    public String backend;

    private Tensor a1024;
    private Tensor b1024;
    private float[] sinInput;
    private Tensor mlpX;
    private Tensor mlpY;
    private List<Tensor> mlpParams;

    @Setup
    public void setup() {
        System.setProperty("vectorgrad.backend", backend);
        String running = Backends.current().name();
        if (!running.equals(backend)) {
            throw new IllegalStateException("the JVM already computes with backend '" + running
                    + "'; run each backend in its own fork (JMH -f 1 or more)");
        }
        Tensor.manualSeed(0);
        a1024 = Tensor.rand(1024);
        b1024 = Tensor.rand(1024);
        sinInput = Tensor.rand(100).mul(20).sub(10).toFloatArray();   // seed 000's x, range [-10, 10)
        mlpX = Tensor.randn(64, 16);
        mlpY = Tensor.randn(64, 1);
        mlpParams = List.of(
                Tensor.randn(16, 32).mul(0.25).requiresGrad_(true),
                Tensor.zeros(32).requiresGrad_(true),
                Tensor.randn(32, 1).mul(0.18).requiresGrad_(true),
                Tensor.zeros(1).requiresGrad_(true));
    }

    @Benchmark
    public Tensor tensorAdd1024() {
        return a1024.add(b1024);
    }

    @Benchmark
    public Tensor seed001Square() {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        Tensor y = x.mul(x);
        y.backward();
        return x.grad();
    }

    @Benchmark
    public Tensor seed002Mean() {
        Tensor x = Tensor.ones(2, 2).requiresGrad_(true);
        Tensor y = x.add(2);
        Tensor out = y.mul(y).mul(3).mean();
        out.backward();
        return x.grad();
    }

    @Benchmark
    public Tensor seed000Sin() {
        Tensor x = Tensor.from(sinInput, 100).requiresGrad_(true);
        x.sin().sum().backward();
        return x.grad();
    }

    @Benchmark
    public Tensor mlpTrainingStep() {
        Tensor w1 = mlpParams.get(0);
        Tensor b1 = mlpParams.get(1);
        Tensor w2 = mlpParams.get(2);
        Tensor b2 = mlpParams.get(3);
        Tensor hidden = mlpX.matmul(w1).add(b1).tanh();
        Tensor loss = hidden.matmul(w2).add(b2).sub(mlpY).pow(2).mean();
        loss.backward();
        try (var scope = Autograd.noGrad()) {
            for (Tensor p : mlpParams) {
                p.sub_(p.grad().mul(0.01));
                p.setGrad(null);
            }
        }
        return loss;
    }
}
