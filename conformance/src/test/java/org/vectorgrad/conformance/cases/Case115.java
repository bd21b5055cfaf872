package org.vectorgrad.conformance.cases;

import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Numpy;
import org.vectorgrad.examples.Py;

/**
 * 115_autograd_variable_wrapper: the legacy {@code Variable(t, requires_grad=True)} is a plain tensor leaf; Java
 * has no Variable, so it is {@code t.detach().requiresGrad_(...)} (a new leaf over t's storage), and
 * {@code torch.Tensor(ndarray)} is a float32 tensor from the doubles.
 */
public class Case115 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        double[] nd = {0., 0.5, 1., 1.5, 2.};
        for (int k = 0; k < nd.length; k++) {
            nd[k] *= Math.PI;
        }
        Tensor x = variable(Tensor.of(nd, DType.FLOAT32), true);
        r.show("x", x);
        r.show("type(x)", Py.repr(x.getClass().getSimpleName()));
        r.ag("x", x);
        r.show("x.grad before backward", x.grad());
        Tensor out = x.sin();
        out.backward(Tensor.of(1., 1., 1., 1., 1.));
        r.show("out", out);
        r.show("out.data.int().numpy()", Numpy.numpy(out.data().to(DType.INT32)));
        r.show("x.grad.data.int().numpy()", Numpy.numpy(x.grad().data().to(DType.INT32)));
        Tensor v = variable(Tensor.ones(2), false);
        r.ag("Variable(t) default", v);
        Object o = x;
        r.show("isinstance(x, Variable)", o instanceof Tensor);
    }

    /** {@code Variable(t, requires_grad=...)}. */
    private static Tensor variable(Tensor t, boolean requiresGrad) {
        return t.detach().requiresGrad_(requiresGrad);
    }
}
