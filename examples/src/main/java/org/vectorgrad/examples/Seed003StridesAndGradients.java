package org.vectorgrad.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * Notebook {@code 003_599d015f73d60f97}: strides and a transposed view that shares storage
 * ({@code B = A.t(); B[1] = 10} changes a column of {@code A}), a finite-difference derivative,
 * {@code 2 * x @ x} and its gradient, {@code grad.zero_()}, backward with {@code gradient=}, and
 * {@code detach} to stop gradients. The notebook's matplotlib setup is left out (nothing is plotted).
 */
public final class Seed003StridesAndGradients {
    private Seed003StridesAndGradients() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        try (Notebook nb = new Notebook(out)) {
            Tensor.manualSeed(0);

            nb.in(20);
            // import torch; import numpy as np   (matplotlib: plotting only, left out)

            nb.in(21);
            nb.display(Notebook.vectorgradVersion());   // torch.__version__

            nb.in(22);
            nb.display(Numpy.array(10));

            nb.in(23);
            Tensor x = Tensor.of(new double[] {2.0}).requiresGrad_(true);
            Tensor y = x.sin();
            y.backward();   // Computes gradients
            nb.print(x.grad());

            nb.in(24);
            nb.display(Py.tuple(x.stride()));

            nb.in(25);
            Tensor a = Tensor.ones(10, 10);
            Tensor b = a.t();
            nb.print(Py.tuple(a.stride()), Py.tuple(b.stride()));

            nb.in(26);
            b.select(0, 1).fill_(10);   // B[1] = 10
            nb.display(a);

            nb.in(27);
            UnaryOperator<Map<String, Object>> dump = kwargs -> kwargs;

            nb.in(28);
            Map<String, Object> kwargs = new LinkedHashMap<>();
            kwargs.put("x", 3);
            kwargs.put("c", 4);
            nb.display(dump.apply(kwargs));

            nb.in(29);
            DoubleUnaryOperator f = v -> 3 * Math.pow(v, 2) - 4 * v;

            nb.in(30);
            for (double h : Tensor.pow(10, Tensor.arange(DType.FLOAT64, -1, -6, -1)).toDoubleArray()) {
                nb.print("h=" + Py.fixed(h, 5) + ", numerical limit= " + Py.fixed((f.applyAsDouble(1 + h) - f.applyAsDouble(1)) / h, 5));
            }

            nb.in(31);
            x = Tensor.arange(4.0).requiresGrad_(true);
            y = x.mul(2).matmul(x);   // 2 * x @ x
            y.backward();
            Tensor dyDx = x.grad();
            nb.display(Py.tuple(y, dyDx));

            nb.in(32);
            nb.display(x.grad().eq(x.mul(4)));

            nb.in(33);
            x.grad().zero_();
            y = x.sum().mul(2);
            y.backward();
            nb.display(x.grad());

            nb.in(34);
            nb.display(y);

            nb.in(35);
            nb.display(x.sum());

            nb.in(36);
            x.grad().zero_();
            y = x.mul(x);
            y.backward(Tensor.ones(y.size(0)));   // gradient representing v
            nb.display(x.grad());

            nb.in(37);
            nb.display(y);

            nb.in(38);
            x.grad().zero_();
            y = x.mul(x);
            Tensor u = y.detach();
            Tensor z = u.mul(x);

            Tensor out_ = z.sum();
            out_.backward();

            nb.display(x.grad().eq(u));
        }
    }
}
