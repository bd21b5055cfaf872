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
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * The single ops and the two training steps of issue 15's table, float32, through the public API under
 * the backend named by {@code backend}; {@code bench/program_ops.py} times the same calls in PyTorch.
 * <ul>
 *   <li>{@code polyStep}: one step of the "Learning PyTorch with Examples" autograd tutorial: 2,000
 *       points, {@code a + b*x + c*x^2 + d*x^3}, {@code (y_pred - y).pow(2).sum()}, backward, SGD under
 *       {@link Autograd#noGrad()};</li>
 *   <li>{@code mlpStep}: a 64 -> 128 -> 10 relu MLP on a batch of 64, mean-squared error, backward, SGD.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ProgramOpsBenchmark {
    @Param({"scalar", "simd"})
    public String backend;

    private Tensor x100;
    private Tensor x2000;
    private Tensor s;
    private Tensor x65536;
    private Tensor y65536;
    private Tensor h;
    private Tensor bias;
    private Tensor w10;
    private Tensor polyX;
    private Tensor polyY;
    private List<Tensor> poly;
    private Tensor mlpX;
    private Tensor mlpY;
    private List<Tensor> mlp;

    @Setup
    public void setup() {
        System.setProperty("vectorgrad.backend", backend);
        String running = Backends.current().name();
        if (!running.equals(backend)) {
            throw new IllegalStateException("the JVM already computes with backend '" + running + "'");
        }
        Tensor.manualSeed(0);
        x100 = Tensor.rand(100);
        x2000 = Tensor.linspace(-Math.PI, Math.PI, 2000);
        s = Tensor.of(1.5);
        x65536 = Tensor.rand(65536);
        y65536 = Tensor.rand(65536);
        h = Tensor.randn(64, 128);
        bias = Tensor.randn(128);
        w10 = Tensor.randn(128, 10);
        polyX = x2000;
        polyY = x2000.sin();
        poly = List.of(Tensor.randn().requiresGrad_(true), Tensor.randn().requiresGrad_(true),
                Tensor.randn().requiresGrad_(true), Tensor.randn().requiresGrad_(true));
        mlpX = Tensor.randn(64, 64);
        mlpY = Tensor.randn(64, 10);
        mlp = List.of(Tensor.randn(64, 128).mul(0.125).requiresGrad_(true), Tensor.zeros(128).requiresGrad_(true),
                Tensor.randn(128, 10).mul(0.09).requiresGrad_(true), Tensor.zeros(10).requiresGrad_(true));
    }

    @Benchmark public Tensor pow2_2000() { return x2000.pow(2); }
    @Benchmark public Tensor pow2_65536() { return x65536.pow(2); }
    @Benchmark public Tensor pow3_2000() { return x2000.pow(3); }
    @Benchmark public Tensor pow2p5_2000() { return x2000.pow(2.5); }
    @Benchmark public Tensor mul0dim_2000() { return s.mul(x2000); }
    @Benchmark public Tensor sin100() { return x100.sin(); }
    @Benchmark public Tensor exp100() { return x100.exp(); }
    @Benchmark public Tensor add100() { return x100.add(x100); }
    @Benchmark public Tensor addBias64x128() { return h.add(bias); }
    @Benchmark public Tensor sum1_64x128() { return h.sum(1); }
    @Benchmark public Tensor sum2000() { return x2000.sum(); }
    @Benchmark public Tensor mul65536() { return x65536.mul(y65536); }
    @Benchmark public Tensor exp65536() { return x65536.exp(); }
    @Benchmark public Tensor matmul64x128x10() { return h.matmul(w10); }

    @Benchmark
    public Tensor polyStep() {
        Tensor a = poly.get(0);
        Tensor b = poly.get(1);
        Tensor c = poly.get(2);
        Tensor d = poly.get(3);
        Tensor yPred = a.add(b.mul(polyX)).add(c.mul(polyX.pow(2))).add(d.mul(polyX.pow(3)));
        Tensor loss = yPred.sub(polyY).pow(2).sum();
        loss.backward();
        try (var scope = Autograd.noGrad()) {
            for (Tensor p : poly) {
                p.sub_(p.grad().mul(1e-6));
                p.setGrad(null);
            }
        }
        return loss;
    }

    @Benchmark
    public Tensor mlpStep() {
        Tensor hidden = mlpX.matmul(mlp.get(0)).add(mlp.get(1)).relu();
        Tensor loss = hidden.matmul(mlp.get(2)).add(mlp.get(3)).sub(mlpY).pow(2).mean();
        loss.backward();
        try (var scope = Autograd.noGrad()) {
            for (Tensor p : mlp) {
                p.sub_(p.grad().mul(1e-3));
                p.setGrad(null);
            }
        }
        return loss;
    }
}
