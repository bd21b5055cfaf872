package org.vectorgrad.examples;

import static org.vectorgrad.examples.Numpy.numpy;

import java.io.PrintStream;
import java.util.stream.DoubleStream;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * Notebook {@code 002_6ad0cf858886a6bb}: the PyTorch autograd tutorial (written for PyTorch 0.4).
 * {@code grad_fn} names, {@code y*y*3} then {@code mean}, {@code requires_grad_}, backward of a
 * non-scalar with a gradient vector, {@code no_grad}, and sin/cos gradients at multiples of pi.
 *
 * <p>Cells run top to bottom, so {@code In [15]} prints the {@code y = x + 2} of {@code In [3]}
 * (the notebook itself was run out of order). Seeded with 0 like the reference script.
 */
public final class Seed002AutogradTutorial {
    private Seed002AutogradTutorial() {
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
            Tensor x = Tensor.ones(2, 2).requiresGrad_(true);
            nb.print(x);

            nb.in(3);
            Tensor y = x.add(2);
            nb.print(y);

            nb.in(4);
            nb.print(y.gradFn());   // the object address varies from run to run
            nb.print("[extra] type(y.grad_fn).__name__ =", y.gradFn().name());

            nb.in(5);
            Tensor z = y.mul(y).mul(3);
            Tensor out_ = z.mean();

            nb.print(z, out_);

            nb.in(7);
            Tensor a = Tensor.randn(2, 2);
            nb.print("[extra] a (randn) =", Py.tolist(a));
            a = a.mul(3).div(a.sub(1));
            nb.print(a.requiresGrad());

            a.requiresGrad_(true);

            nb.print(a.requiresGrad());

            Tensor b = a.mul(a).sum();
            nb.print(b.gradFn());
            nb.print("[extra] type(b.grad_fn).__name__ =", b.gradFn().name());

            nb.in(8);
            out_.backward();

            nb.in(9);
            nb.print(x.grad());

            nb.in(15);
            x = Tensor.randn(3).requiresGrad_(true);
            nb.print("[extra] x.tolist() =", Py.tolist(x));
            nb.print("x =", x);
            nb.print("y =", y);
            y = x.mul(2);
            while (Py.bool(y.data().norm().lt(1000))) {
                y = y.mul(2);
            }
            nb.print(y);

            nb.in(16);
            Tensor gradients = Tensor.of(new double[] {0.1, 1.0, 0.0001}, DType.FLOAT32);
            y.backward(gradients);

            nb.print(x.grad());

            nb.in(17);
            nb.print(x.requiresGrad());
            nb.print(x.pow(2).requiresGrad());

            try (var noGrad = Autograd.noGrad()) {
                nb.print(x.pow(2).requiresGrad());
            }

            nb.print("## Trigonometry Differentiation");
            nb.in(35);
            // from torch.autograd import Variable; import numpy as np
            // Variable(t, requires_grad=True) is the tensor t itself, requiring grad.
            double[] angles = DoubleStream.of(0., 0.5, 1., 1.5, 2.).map(k -> k * Math.PI).toArray();
            x = Tensor.of(angles).requiresGrad_(true);
            out_ = x.sin();
            x.grad();   // a bare expression mid-cell: shows nothing
            out_.backward(Tensor.of(1., 1., 1., 1., 1.));
            nb.print("[extra] x =", x);
            nb.print("[extra] out.tolist() =", Py.tolist(out_));
            nb.print("[extra] x.grad.tolist() =", Py.tolist(x.grad()));

            nb.in(36);
            nb.display(numpy(out_.data().to(DType.INT32)));   // Gradients # sin(x)

            nb.in(37);
            nb.display(numpy(x.grad().data().to(DType.INT32)));   // cos(x)
        }
    }
}
