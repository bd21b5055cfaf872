package org.vectorgrad.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.MSELoss;
import org.vectorgrad.nn.ReLU;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.Optimizer;
import org.vectorgrad.optim.SGD;

/**
 * The two training targets, as same-run ratios (the report's "Training" table, in the quick
 * suite):
 * <ul>
 *   <li>{@code adamStep1M} against {@code adamBandwidthFloor1M}: one {@link Adam} step over 1M float32
 *       parameters (the optimizer's whole {@code step()}: one fused pass), and a vector loop that
 *       reads the four arrays Adam reads (param, grad, two moments) and writes the three it writes,
 *       once each, doing nothing else: the memory traffic no Adam update can avoid. Target: within
 *       2x, i.e. "simd vs bandwidth floor" at least 0.5.</li>
 *   <li>{@code mlpStepNn} against {@code mlpStepByHand}: one training step of the 64-128-10 ReLU MLP
 *       of {@link TwoLayerMlp} (batch 64, mean squared error, lr 0.01) written with
 *       {@code nn.Sequential}, {@code MSELoss}, {@code SGD} and {@code zeroGrad()}, and
 *       {@code TwoLayerMlp.step()} itself, written with Tensor ops and a hand update loop. Target:
 *       nn no slower ("simd vs hand-written" at least 1).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainingBenchmark {
    static final int PARAMS = 1 << 20;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;

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
    private final MSELoss mse = new MSELoss();
    private Tensor x;
    private Tensor target;
    private TwoLayerMlp byHand;

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

        byHand = new TwoLayerMlp();
        Tensor.manualSeed(0);
        x = Tensor.randn(64, 64);
        target = Tensor.randn(64, 10);
        model = new Sequential(new Linear(64, 128), new ReLU(), new Linear(128, 10));
        sgd = new SGD(model.parameters(), TwoLayerMlp.LEARNING_RATE);
    }

    @Benchmark
    public double adamStep1M() {
        adam.step();
        return param.detach().sharedFloatArray()[0];
    }

    /** Reads p, g, m, v and writes p, m, v once, with one add each: the memory traffic of any Adam update. */
    @Benchmark
    public float adamBandwidthFloor1M() {
        int bound = FS.loopBound(PARAMS);
        for (int i = 0; i < bound; i += FS.length()) {
            FloatVector gi = FloatVector.fromArray(FS, g, i);
            FloatVector.fromArray(FS, p, i).add(gi).intoArray(p, i);
            FloatVector.fromArray(FS, m, i).add(gi).intoArray(m, i);
            FloatVector.fromArray(FS, v, i).add(gi).intoArray(v, i);
        }
        return p[0];
    }

    @Benchmark
    public double mlpStepNn() {
        sgd.zeroGrad();
        Tensor loss = mse.forward(model.forward(x), target);
        loss.backward();
        sgd.step();
        return loss.item();
    }

    /**
     * As {@link #mlpStepNn} with {@code zeroGrad(true)} ({@code zero_grad(set_to_none=True)}): the grads
     * are dropped as the hand-written loop drops them, instead of zeroed and then added into.
     */
    @Benchmark
    public double mlpStepNnSetToNone() {
        sgd.zeroGrad(true);
        Tensor loss = mse.forward(model.forward(x), target);
        loss.backward();
        sgd.step();
        return loss.item();
    }

    @Benchmark
    public double mlpStepByHand() {
        return byHand.step().item();
    }
}
