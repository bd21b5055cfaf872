package org.vectorgrad.bench;

import java.util.List;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * A two-layer perceptron trained with hand-written SGD: 64 inputs, 128 hidden units with ReLU, 10
 * outputs, a batch of 64, mean squared error, learning rate 0.01. Its twin is
 * {@code bench/python/mlp.py}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.vectorgrad.bench.TwoLayerMlp [--steps 2000]
 * </pre>
 */
public final class TwoLayerMlp implements Program {
    static final double LEARNING_RATE = 0.01;

    private final Tensor x;
    private final Tensor target;
    private final Tensor w1;
    private final Tensor b1;
    private final Tensor w2;
    private final Tensor b2;

    public TwoLayerMlp() {
        Tensor.manualSeed(0);
        x = Tensor.randn(64, 64);
        target = Tensor.randn(64, 10);
        w1 = Tensor.randn(64, 128).mul(0.1).requiresGrad_(true);
        b1 = Tensor.zeros(128).requiresGrad_(true);
        w2 = Tensor.randn(128, 10).mul(0.1).requiresGrad_(true);
        b2 = Tensor.zeros(10).requiresGrad_(true);
    }

    @Override
    public Tensor step() {
        Tensor h = x.matmul(w1).add(b1).relu();
        Tensor out = h.matmul(w2).add(b2);
        Tensor loss = out.sub(target).pow(2).mean();
        loss.backward();
        try (var noGrad = Autograd.noGrad()) {
            for (Tensor p : List.of(w1, b1, w2, b2)) {
                p.sub_(p.grad().mul(LEARNING_RATE));
                p.setGrad(null);
            }
        }
        return loss;
    }

    public static void main(String[] args) {
        Program.run(TwoLayerMlp::new, Program.steps(args, 2000), System.out, System.err);
    }
}
