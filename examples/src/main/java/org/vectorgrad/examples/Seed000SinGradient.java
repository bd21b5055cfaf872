package org.vectorgrad.examples;

import static org.vectorgrad.examples.Numpy.numpy;

import java.io.PrintStream;
import org.vectorgrad.Tensor;

/**
 * Notebook {@code 000_f1ebb0fa1a85bf0c}: the gradient of {@code sin} is {@code cos}. A hundred random
 * values in [-10, 10], {@code y = sin(x)}, {@code y.sum().backward()}, and {@code x.grad} holds
 * {@code cos(x)}. Seeded with 0 like the reference script, so the numbers are PyTorch's.
 */
public final class Seed000SinGradient {
    private Seed000SinGradient() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        try (Notebook nb = new Notebook(out)) {
            Tensor.manualSeed(0);

            nb.in(1);
            // import torch

            nb.in(2);
            Tensor x = Tensor.rand(100).mul(20).sub(10);   // 100 random numbers in range [-10, 10]
            nb.print("[extra] x.tolist() =", Py.tolist(x));

            nb.in(3);
            nb.display(x);

            nb.in(4);
            nb.display(x.requiresGrad_(true));

            nb.in(5);
            Tensor y = x.sin();

            nb.in(6);
            nb.display(y);

            nb.in(7);
            y.sum().backward();

            nb.in(8);
            nb.display(x.grad());

            nb.in(9);
            Tensor yPrime = x.grad();

            nb.in(10);
            nb.display(numpy(x.detach()));
        }
    }
}
