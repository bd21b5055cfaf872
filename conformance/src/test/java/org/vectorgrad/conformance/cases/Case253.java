package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.nn.BCELoss;
import org.vectorgrad.nn.BCEWithLogitsLoss;
import org.vectorgrad.nn.CrossEntropyLoss;
import org.vectorgrad.nn.F;
import org.vectorgrad.nn.L1Loss;
import org.vectorgrad.nn.MSELoss;
import org.vectorgrad.nn.NLLLoss;

/** 253_losses_more (own): weights, ignore_index, label smoothing, probability targets, K-dim inputs, pos_weight. */
public class Case253 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor logits = Tensor.randn(4, 3).requiresGrad_(true);
        Tensor y = Tensor.of(2L, 0L, 1L, 2L);
        Tensor w = Tensor.of(0.2, 1.0, 3.0);
        r.show("ce_weight", new CrossEntropyLoss(w, -100, "mean", 0).forward(logits, y));
        r.show("ce_weight_none", new CrossEntropyLoss(w, -100, "none", 0).forward(logits, y));
        r.show("ce_smooth", F.crossEntropy(logits, y, null, -100, "mean", 0.1));
        r.show("ce_smooth_ignore", F.crossEntropy(logits, Tensor.of(2L, -100L, 1L, 2L), null, -100, "mean", 0.2));
        Tensor probs = Tensor.randn(4, 3).softmax(1);
        r.show("ce_probs", F.crossEntropy(logits, probs));
        r.show("ce_probs_none", F.crossEntropy(logits, probs, "none"));
        Tensor img = Tensor.randn(2, 3, 2, 2).requiresGrad_(true);
        Tensor tgt = Tensor.fromNested(new long[][][] {{{0, 1}, {2, 1}}, {{1, 1}, {0, 2}}});
        Tensor l = F.crossEntropy(img, tgt);
        r.show("ce_kdim", l);
        l.backward();
        r.show("ce_kdim_grad", img.grad());
        r.show("nll_ignore", new NLLLoss(null, 0, "mean").forward(F.logSoftmax(logits, 1), y));
        r.show("nll_1d", F.nllLoss(Tensor.of(1., 2., 3.).logSoftmax(0), Tensor.of(1L)));
        Tensor p = Tensor.randn(5).requiresGrad_(true).sigmoid();
        Tensor t = Tensor.of(1., 0., 1., 1., 0.);
        r.show("bce_module", new BCELoss().forward(p, t));
        r.show("bce_sum", new BCELoss("sum").forward(p, t));
        r.show("bce_weight", F.binaryCrossEntropy(p, t, Tensor.of(1., 2., 1., 2., 1.), "mean"));
        Tensor zz = Tensor.randn(5).requiresGrad_(true);
        Tensor lw = new BCEWithLogitsLoss(null, "mean", Tensor.of(2.5)).forward(zz, t);
        r.show("bcel_pos", lw);
        lw.backward();
        r.show("bcel_pos_grad", zz.grad());
        r.show("bcel_extreme", F.binaryCrossEntropyWithLogits(Tensor.of(100., -100., 0.), Tensor.of(0., 1., 0.5)));
        r.show("bce_clamped", F.binaryCrossEntropy(Tensor.of(0., 1.), Tensor.of(1., 0.)));
        r.show("l1_sum", new L1Loss("sum").forward(p, t));
        r.show("mse_module", new MSELoss().forward(p, t));
        r.err("bad_reduction", () -> F.mseLoss(p, t, "avg"));
        r.err("bce_shape", () -> F.binaryCrossEntropy(p, Tensor.ones(4)));
        r.err("nll_batch", () -> F.nllLoss(logits, Tensor.of(1L, 2L)));
        r.print(new CrossEntropyLoss());
    }
}
