package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.examples.Py;
import org.vectorgrad.nn.F;
import org.vectorgrad.nn.GELU;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.Optimizer;

/** 255_erf_gelu (own): erf's special values and gradients, GELU's default erf form in a model trained by Adam. */
public class Case255 implements ReferenceCase {
    private static final double[] SPECIAL = {0.0, -0.0, 1e-30, -1e-310, 0.5, -0.9, 1.0, 1.5, -2.5, 3.9, 5.9, 6.5, -27.0,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @Override
    public void run(Ref r) {
        r.show("erf_f32", Tensor.of(SPECIAL, DType.FLOAT32).erf());
        r.show("erf_f64", Tensor.of(SPECIAL, DType.FLOAT64).erf());
        r.exact("erf_f64", Tensor.of(SPECIAL, DType.FLOAT64).erf());
        r.show("erf_int", Tensor.of(0L, 1L, -2L).erf());
        Tensor x = Tensor.randn(6).requiresGrad_(true);
        Tensor y = x.mul(2).erf();
        r.show("erf_y", y);
        y.sum().backward();
        r.show("erf_grad", x.grad());
        Tensor xd = Tensor.of(new double[] {0.3, -1.1, 2.0}, DType.FLOAT64).requiresGrad_(true);
        Tensor g = Autograd.grad(xd.erf().sum(), xd, true);
        r.show("erf_g", g);
        r.show("erf_gg", Autograd.grad(g.sum(), xd, false));
        GELU act = new GELU();
        r.print(act);
        Tensor h = Tensor.randn(2, 5).requiresGrad_(true);
        Tensor o = act.forward(h);
        r.show("gelu", o);
        o.mul(Tensor.arange(10.).reshape(2, 5)).sum().backward();
        r.show("gelu_grad", h.grad());
        r.show("gelu_special", F.gelu(Tensor.of(new double[] {0.0, -0.0, -10.0, 10.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN}, DType.FLOAT64)));
        Tensor hd = Tensor.of(new double[] {-1.5, 0.25, 3.0}, DType.FLOAT64).requiresGrad_(true);
        Tensor gd = Autograd.grad(F.gelu(hd).sum(), hd, true);
        r.show("gelu_g64", gd.detach());
        r.show("gelu_gg64", Autograd.grad(gd.sum(), hd, false));
        Tensor.manualSeed(3);
        Sequential model = new Sequential(new Linear(3, 4), new GELU(), new Linear(4, 1));
        r.print(model);
        Tensor xs = Tensor.randn(8, 3);
        Tensor ys = Tensor.randn(8, 1);
        Optimizer opt = new Adam(model.parameters(), 0.05);
        for (int step = 0; step < 5; step++) {
            opt.zeroGrad();
            Tensor loss = F.mseLoss(model.forward(xs), ys);
            loss.backward();
            opt.step();
            r.print("step " + step + " loss " + Py.fixed(loss.item(), 6));
        }
        r.show("w0", model.<Linear>get(0).weight);
        r.err("bad_approx", () -> F.gelu(h, "exact"));
    }
}
