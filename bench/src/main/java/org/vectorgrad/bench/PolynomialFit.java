package org.vectorgrad.bench;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * PyTorch's tutorial "Learning PyTorch with Examples", autograd version, line by line: fit
 * {@code y = sin(x)} on 2,000 points of [-pi, pi] with {@code a + b x + c x^2 + d x^3}, sum of
 * squared errors, manual SGD. Its twin is {@code bench/python/polynomial_fit.py}.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.vectorgrad.bench.PolynomialFit [--steps 2000]
 * </pre>
 */
public final class PolynomialFit implements Program {
    static final double LEARNING_RATE = 1e-6;

    private final Tensor x;
    private final Tensor y;
    private final Tensor a;
    private final Tensor b;
    private final Tensor c;
    private final Tensor d;

    public PolynomialFit() {
        Tensor.manualSeed(0);
        x = Tensor.linspace(-Math.PI, Math.PI, 2000);
        y = x.sin();
        a = Tensor.randn().requiresGrad_(true);
        b = Tensor.randn().requiresGrad_(true);
        c = Tensor.randn().requiresGrad_(true);
        d = Tensor.randn().requiresGrad_(true);
    }

    @Override
    public Tensor step() {
        Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
        Tensor loss = yPred.sub(y).pow(2).sum();
        loss.backward();
        try (var noGrad = Autograd.noGrad()) {
            for (Tensor p : new Tensor[] {a, b, c, d}) {
                p.sub_(p.grad().mul(LEARNING_RATE));
                p.setGrad(null);
            }
        }
        return loss;
    }

    @Override
    public String result() {
        return "Result: y = " + a.item() + " + " + b.item() + " x + " + c.item() + " x^2 + " + d.item() + " x^3";
    }

    public static void main(String[] args) {
        Program.run(PolynomialFit::new, Program.steps(args, 2000), System.out, System.err);
    }
}
