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
import org.vectorgrad.nn.CrossEntropyLoss;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.ReLU;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.Optimizer;
import org.vectorgrad.optim.SGD;

/**
 * The two training targets, as same-run ratios:
 * <ul>
 *   <li>{@code adamStep1M} against {@code adamBandwidth1M}: one {@link Adam} step over 1M float32
 *       parameters, and a plain loop that reads the four tensors Adam reads (param, grad, two
 *       moments) and writes the three it writes, once each: the bandwidth floor of the update.
 *       The target is a ratio within 2x.</li>
 *   <li>{@code mlpStepNn} against {@code mlpStepByHand}: one training step of a 64-128-10 ReLU MLP
 *       on a batch of 256 with cross entropy and SGD, through {@code nn}/{@code optim}, and the
 *       same computation written with Tensor ops and an update loop under no-grad. The target:
 *       nn no slower.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingBenchmark {
    static final int PARAMS = 1 << 20;

    @Param({"simd"})
    public String backend;

    private Tensor param;
    private Optimizer adam;
    private float[] p;
    private float[] g;
    private float[] m;
    private float[] v;

    private Sequential model;
    private Optimizer sgd;
    private final CrossEntropyLoss lossFn = new CrossEntropyLoss();
    private Tensor x;
    private Tensor y;
    private List<Tensor> handParams;

    @Setup
    public void setup() {
        System.setProperty("vectorgrad.backend", backend);
        if (!Backends.current().name().equals(backend)) {
            throw new IllegalStateException("the JVM already computes with backend '" + Backends.current().name() + "'");
        }
        Tensor.manualSeed(0);
        param = Tensor.randn(PARAMS).requiresGrad_(true);
        param.setGrad(Tensor.randn(PARAMS));
        adam = new Adam(List.of(param), 1e-3);
        p = Tensor.randn(PARAMS).toFloatArray();
        g = Tensor.randn(PARAMS).toFloatArray();
        m = new float[PARAMS];
        v = new float[PARAMS];

        model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
        sgd = new SGD(model.parameters(), 0.01);
        x = Tensor.randn(256, 64);
        y = Tensor.randint(0, 10, 256);
        handParams = model.parameters().stream().map(t -> t.detach().clone().requiresGrad_(true)).toList();
    }

    @Benchmark
    public double adamStep1M() {
        adam.step();
        return param.detach().sharedFloatArray()[0];
    }

    /** Reads p, g, m, v and writes p, m, v once: the memory traffic of any Adam update. */
    @Benchmark
    public float adamBandwidth1M() {
        float b1 = 0.9f;
        float b2 = 0.999f;
        for (int i = 0; i < PARAMS; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + (1 - b1) * gi;
            float vi = b2 * v[i] + (1 - b2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= 1e-3f * mi / ((float) Math.sqrt(vi) + 1e-8f);
        }
        return p[0];
    }

    @Benchmark
    public double mlpStepNn() {
        sgd.zeroGrad();
        Tensor loss = lossFn.forward(model.forward(x), y);
        loss.backward();
        sgd.step();
        return loss.item();
    }

    @Benchmark
    public double mlpStepByHand() {
        Tensor w1 = handParams.get(0);
        Tensor b1 = handParams.get(1);
        Tensor w2 = handParams.get(2);
        Tensor b2 = handParams.get(3);
        Tensor h = x.matmul(w1.t()).add(b1).relu();
        Tensor logits = h.matmul(w2.t()).add(b2);
        Tensor loss = logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();
        loss.backward();
        try (var ng = Autograd.noGrad()) {
            for (Tensor t : handParams) {
                t.sub_(t.grad().mul(0.01));
                t.grad().zero_();
            }
        }
        return loss.item();
    }
}
