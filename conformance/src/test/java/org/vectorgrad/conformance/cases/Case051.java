package org.vectorgrad.conformance.cases;

import java.util.function.UnaryOperator;
import org.vectorgrad.GradFn;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 051_broadcast_python_scalar_ops: Java-number operands, reverse ops (2 - x, 2 / x, 2 ** x), alpha: values, nodes, grads. */
public class Case051 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        run(r, "x + 2", x -> x.add(2));
        run(r, "2 + x", x -> x.add(2));
        run(r, "x - 2", x -> x.sub(2));
        run(r, "2 - x", x -> x.rsub(2));
        run(r, "x * 2", x -> x.mul(2));
        run(r, "2 * x", x -> x.mul(2));
        run(r, "x / 2", x -> x.div(2));
        run(r, "2 / x", x -> x.rdiv(2));
        run(r, "x ** 2", x -> x.pow(2));
        run(r, "2 ** x", x -> Tensor.pow(2, x));
        run(r, "-x", Tensor::neg);
        run(r, "x.add(torch.ones(3), alpha=3)", x -> x.add(Tensor.ones(3), 3));
        run(r, "x.sub(torch.ones(3), alpha=2)", x -> x.sub(Tensor.ones(3), 2));
    }

    private static void run(Ref r, String label, UnaryOperator<Tensor> f) {
        Tensor x = Tensor.of(1.0, 2.0, 4.0).requiresGrad_(true);
        Tensor y = f.apply(x);
        y.sum().backward();
        GradFn fn = y.gradFn();
        r.print(label + ": y=" + y + " grad_fn=" + (fn == null ? "None" : fn.name()) + " x.grad=" + x.grad());
    }
}
