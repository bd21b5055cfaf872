package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Numpy;
import org.vectorgrad.examples.Py;

/** 103_autograd_numpy_error: exporting a tensor that requires grad fails; detach() first (or noGrad). */
public class Case103 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        numpyError(r, "x.numpy()", x);
        r.show("x", x);
        Tensor x2 = x.detach();
        r.show("x.detach()", x2);
        r.show("x.detach().numpy()", Numpy.numpy(x2));
        Tensor y = Tensor.of(1., 2.).requiresGrad_(true);
        numpyError(r, "(y*2).numpy()", y.mul(2));
        r.show("(y*2).detach().numpy()", Numpy.numpy(y.mul(2).detach()));
        try (var g = Autograd.noGrad()) {
            r.show("(y*2).numpy() under no_grad", Numpy.numpy(y.mul(2)));
            r.err("y.numpy() under no_grad", () -> Numpy.numpy(y));
        }
        y.mul(y).sum().backward();
        r.show("y.grad.numpy()", Numpy.numpy(y.grad()));
        r.show("y.grad.data.int().numpy()", Numpy.numpy(y.grad().data().to(DType.INT32)));
        r.show("y.tolist() works", Py.tolist(y));
    }

    /**
     * {@code t.numpy()} on a tensor that requires grad. Java: the export is toFloatArray(), whose message is
     * PyTorch's plus the Java spelling (which the comparison drops).
     */
    private static void numpyError(Ref r, String label, Tensor t) {
        try {
            t.toFloatArray();
            r.print(label + " (no error)");
        } catch (IllegalStateException e) {
            r.print(label + ": RuntimeError: " + e.getMessage());
        }
    }
}
