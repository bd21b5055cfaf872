package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Py;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 103_autograd_numpy_error: exporting a tensor that requires grad fails; detach() first (or noGrad). */
public class Case103 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(4.3, DType.FLOAT64).requiresGrad_(true);
        numpyError(r, "x.numpy()", x);
        r.show("x", x);
        Tensor x2 = x.detach();
        r.show("x.detach()", x2);
        r.show("x.detach().numpy()", Py.numpy(x2.toDoubleArray(), x2.shape()));
        Tensor y = Tensor.of(1., 2.).requiresGrad_(true);
        numpyError(r, "(y*2).numpy()", y.mul(2));
        r.show("(y*2).detach().numpy()", Py.numpy(y.mul(2).detach().toFloatArray(), y.shape()));
        try (var g = Autograd.noGrad()) {
            r.show("(y*2).numpy() under no_grad", Py.numpy(y.mul(2).toFloatArray(), y.shape()));
            r.err("y.numpy() under no_grad", () -> Py.numpy(y.toFloatArray(), y.shape()));
        }
        y.mul(y).sum().backward();
        r.show("y.grad.numpy()", Py.numpy(y.grad().toFloatArray(), y.shape()));
        r.show("y.grad.data.int().numpy()", Py.numpy(y.grad().data().to(DType.INT32).toIntArray(), y.shape()));
        r.show("y.tolist() works", Py.toList(y));
    }

    /**
     * {@code t.numpy()} on a tensor that requires grad. Java: the export is toFloatArray(), whose message names
     * detach() in Java terms and ends with PyTorch's own text, which is printed.
     */
    private static void numpyError(Ref r, String label, Tensor t) {
        try {
            t.toFloatArray();
            r.print(label + " (no error)");
        } catch (IllegalStateException e) {
            String m = e.getMessage();
            String py = "(PyTorch: ";
            if (!m.contains("detach()") || !m.endsWith(")") || !m.contains(py)) {
                r.print(label + ": RuntimeError: " + m);
                return;
            }
            r.print(label + ": RuntimeError: " + m.substring(m.indexOf(py) + py.length(), m.length() - 1));
        }
    }
}
