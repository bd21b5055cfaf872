package org.vectorgrad.conformance.cases;

import java.util.List;
import org.vectorgrad.GradFn;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;

/** 102_autograd_next_functions_graph: nextFunctions() (AccumulateGrad for leaves, null for constants). */
public class Case102 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor w = Tensor.of(3., 4.).requiresGrad_(true);
        Tensor c = Tensor.of(5., 6.);
        Tensor y = x.mul(w).add(c);
        r.show("y.grad_fn", Py.repr(y.gradFn().name()));
        r.show("y.grad_fn.next_functions", names(y.gradFn()));
        GradFn mul = y.gradFn().nextFunctions().get(0).function();
        r.show("mul.next_functions", names(mul));
        GradFn acc = mul.nextFunctions().get(0).function();
        r.show("AccumulateGrad.variable is x", acc.variable() == x);
        Tensor s = x.mul(2).sum();
        r.show("sum.next", names(s.gradFn()));
        r.show("mul-by-scalar.next", names(s.gradFn().nextFunctions().get(0).function()));
        r.show("x.grad_fn", x.gradFn());
        r.show("(x+x).next", names(x.add(x).gradFn()));
        r.show("name()", Py.repr(y.gradFn().name()));
    }

    private static List<Py.Tuple> names(GradFn fn) {
        return fn.nextFunctions().stream()
                .map(e -> Py.tuple(e.function() == null ? null : e.function().name(), e.inputNr()))
                .toList();
    }
}
