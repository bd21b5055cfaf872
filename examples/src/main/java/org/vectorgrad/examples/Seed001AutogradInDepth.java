package org.vectorgrad.examples;

import static org.vectorgrad.examples.Numpy.numpy;

import java.io.PrintStream;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * Notebook {@code 001_f911bdce46186cac}: autograd on float64 scalars. The chain rule over two inputs,
 * data-dependent control flow, {@code arr[i] = x**i} into a zeros tensor, the non-leaf {@code .grad}
 * warning and {@code retain_grad}, accumulation over two backward calls, the in-place update of a leaf
 * (an error, but fine under {@code no_grad}), and {@code numpy()} of a tensor that requires grad.
 *
 * <p>The cell numbers are the notebook's own: out of order, and repeating across sections.
 */
public final class Seed001AutogradInDepth {
    private Seed001AutogradInDepth() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** {@code absv(x)}: |x| written with a Python {@code if}, so its derivative at 0 is -1. */
    static Tensor absv(Tensor x) {
        if (Py.bool(x.le(0))) {
            return x.neg();
        } else {
            return x;
        }
    }

    /** {@code dabsv(x)}: the derivative of {@link #absv} at {@code x}. */
    static Tensor dabsv(double value) {
        Tensor x = Tensor.of(value, DType.FLOAT64).requiresGrad_(true);
        Tensor r = absv(x);
        r.backward();
        return x.grad();
    }

    public static void run(PrintStream out) {
        try (Notebook nb = new Notebook(out)) {
            Tensor.manualSeed(0);

            nb.in(1);
            // import torch

            nb.print("# Introductive Examples");
            nb.print("## Example 1");
            nb.in(131);
            Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(132);
            x.pow(2).backward();
            nb.in(133);
            nb.display(x.grad());

            nb.print("## Example 2");
            nb.in(51);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(52);
            Tensor y = Tensor.of(7.2, DType.FLOAT64).requiresGrad_(true);
            nb.in(53);
            Tensor l1 = x.mul(3);
            nb.in(54);
            Tensor l2 = y.mul(l1);
            nb.in(55);
            Tensor error = l2.sub(31).pow(2);
            nb.in(56);
            error.backward();
            nb.in(57);
            nb.display(x.grad());
            nb.in(58);
            nb.display(y.grad());

            nb.print("## Example 3");
            nb.in(69);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(87);
            if (Py.bool(x.gt(0.0))) {
                y = x.mul(2);
            } else {
                y = x.mul(-3);
            }
            nb.in(88);
            y.backward();
            nb.in(89);
            nb.display(x.grad());

            nb.print("## Example 4");
            nb.in(120);
            // import numpy as np
            nb.in(121);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(125);
            Tensor arr = Tensor.zeros(10, 1);
            nb.in(126);
            for (int i = 0; i < 10; i++) {
                arr.select(0, i).copy_(x.pow(i));   // arr[i] = (x**i)
            }
            nb.in(127);
            Tensor r = arr.sum();
            nb.in(128);
            r.backward();
            nb.in(129);
            nb.display(x.grad());
            double exactSum = 0;
            for (int i = 1; i < 10; i++) {
                exactSum += i * Math.pow(4.3, i - 1);
            }
            nb.print("[extra] type(arr.grad_fn).__name__ =", arr.gradFn().name(), "| r =", r);
            nb.print("[extra] x.grad.item() =", x.grad().item(), "| exact double sum(i*4.3**(i-1)) =", exactSum);

            nb.print("## Example 5");
            nb.in(134);
            // def absv(x): see absv above
            nb.in(138);
            // def dabsv(x): see dabsv above
            nb.in(141);
            nb.display(dabsv(-5));
            nb.in(142);
            nb.display(dabsv(5));
            nb.in(143);
            nb.display(dabsv(0));

            nb.print("# In Depth Look");
            nb.print("## Example 1: calling grad on a non-leaf");
            nb.in(5);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(6);
            y = x.mul(x);
            nb.in(7);
            y.backward();
            nb.in(11);
            Tensor v = y.grad();   // warns; the value is None, which IPython does not display
            nb.display(v);
            nb.print("[extra] y.grad is None:", v == null);
            nb.in(8);
            nb.display(x.grad());

            nb.print("## Example 2: if you really want to do it");
            nb.in(147);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(148);
            y = x.mul(x);
            nb.in(149);
            y.retainGrad();
            nb.in(150);
            y.backward();
            nb.in(151);
            nb.display(y.grad());

            nb.print("## Example 3: calling backward multiple times and reset");
            nb.in(160);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(161);
            x.pow(2).backward();
            nb.in(162);
            x.pow(2).backward();
            nb.in(163);
            nb.display(x.grad());
            nb.in(164);
            x.setGrad(null);
            nb.in(165);
            x.pow(2).backward();
            nb.in(166);
            nb.display(x.grad());

            nb.print("## Example 4: in-place recursion");
            nb.in(38);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(39);
            x.pow(2).backward();
            nb.in(40);
            try {
                x.sub_(x.grad().mul(0.1));   // x -= 0.1 * x.grad
            } catch (RuntimeException e) {
                nb.printException(e);
            }
            nb.in(41);
            try (var noGrad = Autograd.noGrad()) {
                x.sub_(x.grad().mul(0.1));
            }
            nb.print("[extra] x after no_grad update =", x, "| x.grad =", x.grad());

            nb.print("## Example 5: conversion to numpy");
            nb.in(167);
            x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
            nb.in(168);
            try {
                nb.display(numpy(x));
            } catch (RuntimeException e) {
                nb.printException(e);
            }
            nb.in(169);
            nb.display(x);
            nb.in(170);
            x = x.detach();
            nb.in(171);
            nb.display(x);
            nb.in(172);
            nb.display(numpy(x));
        }
    }
}
