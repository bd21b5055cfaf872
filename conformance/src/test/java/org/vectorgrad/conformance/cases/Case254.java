package org.vectorgrad.conformance.cases;

import java.util.List;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;
import org.vectorgrad.optim.LBFGS;

/** 254_lbfgs (own): LBFGS with and without the strong-Wolfe line search, float64 (see the .py for the 2-step variant). */
public class Case254 implements ReferenceCase {
    private static Tensor rosen(Tensor p) {
        return p.get(0).rsub(1).pow(2L).add(p.get(1).sub(p.get(0).pow(2L)).pow(2L).mul(100L));
    }

    @Override
    public void run(Ref r) {
        for (String ls : new String[] {null, "strong_wolfe"}) {
            Tensor p = Tensor.of(new double[] {-1.5, 2.0}, DType.FLOAT64).requiresGrad_(true);
            LBFGS opt = new LBFGS(List.of(p), 1, 20, null, 1e-7, 1e-9, 100, ls);
            for (int k = 0; k < (ls != null ? 4 : 2); k++) {
                Tensor l = opt.step(() -> {
                    opt.zeroGrad();
                    Tensor loss = rosen(p);
                    loss.backward();
                    return loss;
                });
                r.print(Py.str(ls) + " step " + k + " loss " + Py.fixed(l.item(), 6) + " p " + Py.fixed(p.get(0).item(), 6) + " "
                        + Py.fixed(p.get(1).item(), 6));
            }
            r.print(Py.str(ls) + " func_evals " + opt.funcEvals() + " n_iter " + opt.nIter());
        }
        Tensor.manualSeed(2);
        Tensor x = Tensor.randn(DType.FLOAT64, 20, 3);
        Tensor wTrue = Tensor.fromNested(new double[][] {{1.5}, {-2.0}, {0.5}}, DType.FLOAT64);
        Tensor y = x.matmul(wTrue).add(Tensor.randn(DType.FLOAT64, 20, 1).mul(0.01));
        for (String ls : new String[] {null, "strong_wolfe"}) {
            Tensor w = Tensor.zeros(DType.FLOAT64, 3, 1).requiresGrad_(true);
            LBFGS opt = new LBFGS(List.of(w), 0.5, 10, null, 1e-7, 1e-9, 5, ls);
            for (int k = 0; k < 3; k++) {
                Tensor l = opt.step(() -> {
                    opt.zeroGrad();
                    Tensor loss = x.matmul(w).sub(y).pow(2L).mean();
                    loss.backward();
                    return loss;
                });
                r.print("fit " + Py.str(ls) + " step " + k + " loss " + Py.fixed(l.item(), 8));
            }
            r.show("w", w);
        }
    }
}
