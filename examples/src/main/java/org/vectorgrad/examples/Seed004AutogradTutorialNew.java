package org.vectorgrad.examples;

import java.io.PrintStream;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * Notebook {@code 004_c0da72d12ce3dc28}: the autograd tutorial of notebook 002 in a newer PyTorch.
 * Gradients of two outputs with {@code zero_} in between, {@code y*y*3} then {@code mean} (giving 7.5
 * after the earlier gradient), a {@code randn} and {@code norm} loop, {@code no_grad}, and
 * {@code detach} with {@code eq(...).all()}. The export has no cell numbers, so cells are counted.
 * Seeded with 0 like the reference script.
 */
public final class Seed004AutogradTutorialNew {
    private Seed004AutogradTutorialNew() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        try (Notebook nb = new Notebook(out)) {
            Tensor.manualSeed(0);

            nb.cell(1);
            // import torch

            nb.cell(2);
            Tensor x = Tensor.ones(2, 2).requiresGrad_(true);
            nb.print(x);

            nb.cell(3);
            Tensor y = x.add(2);
            nb.print(y);
            Tensor t = x.mul(3);
            nb.print(t);
            // scalar cannot show calculated backward unless using tensor as additional input
            // dy/dxi = 1 when xi = any value
            Tensor i = Tensor.ones(2, 2);
            y.backward(i);
            // creating another gradient function with respect to x, final grad result will be sum of y and t
            x.grad().zero_();   // this will erase current output of gradients
            t.backward(i);
            nb.print(x.grad());

            nb.cell(4);
            nb.print(x.gradFn());
            nb.print(y.gradFn());   // the object address varies from run to run
            nb.print("[extra] type(y.grad_fn).__name__ =", y.gradFn().name());

            nb.cell(5);
            Tensor z = y.mul(y).mul(3);
            Tensor out_ = z.mean();
            nb.print(z, out_);

            nb.cell(6);
            Tensor a = Tensor.randn(2, 2);
            nb.print("[extra] a (randn) =", Py.tolist(a));
            a = a.mul(3).div(a.sub(1));
            nb.print(a.requiresGrad());
            a.requiresGrad_(true);
            nb.print(a.requiresGrad());
            Tensor b = a.mul(a).sum();
            nb.print(b);
            nb.print(b.gradFn());
            nb.print("[extra] type(b.grad_fn).__name__ =", b.gradFn().name());

            nb.cell(7);
            nb.print(out_);
            out_.backward();
            nb.print(x.grad());

            nb.cell(8);
            x = Tensor.randn(3).requiresGrad_(true);
            nb.print("[extra] x.tolist() =", Py.tolist(x));
            nb.print(x);
            y = x.mul(2);
            nb.print(y);
            // data.norm() equals to euclidean norm
            nb.print(y.get(0).mul(y.get(0)).add(y.get(1).mul(y.get(1))).add(y.get(2).mul(y.get(2))));
            nb.print(y.data().norm());
            while (Py.bool(y.data().norm().lt(100))) {
                y = y.mul(2);
            }

            nb.print(y);
            Tensor v = Tensor.ones(3);
            y.backward(v);

            nb.print(x.grad());

            nb.cell(9);
            nb.print(x.requiresGrad());
            nb.print(x.pow(2).requiresGrad());

            try (var noGrad = Autograd.noGrad()) {
                nb.print(x.pow(2).requiresGrad());
            }

            nb.cell(10);
            nb.print(x.requiresGrad());
            y = x.detach();
            nb.print(y.requiresGrad());
            // True if two tensors have the same size and elements, False otherwise.
            nb.print(x.eq(y).all());
            nb.print(x);
            nb.print(y);

            nb.cell(11);
        }
    }
}
