package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;
import org.vectorgrad.nn.F;

/** 205_losses: loss functions and their reductions, with gradients. */
public class Case205 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor p = Tensor.randn(4, 3).requiresGrad_(true);
        Tensor t = Tensor.randn(4, 3);
        for (String red : new String[] {"mean", "sum", "none"}) {
            r.show("mse_" + red, F.mseLoss(p, t, red));
        }
        Tensor logits = Tensor.randn(4, 5).requiresGrad_(true);
        Tensor y = Tensor.of(1L, 0L, 4L, 2L);
        r.show("ce", F.crossEntropy(logits, y));
        r.show("ce_sum", F.crossEntropy(logits, y, "sum"));
        r.show("ce_ignore", F.crossEntropy(logits, Tensor.of(1L, -100L, 4L, 2L)));
        r.show("nll", F.nllLoss(F.logSoftmax(logits, 1), y));
        F.crossEntropy(logits, y).backward();
        r.show("ce_grad", logits.grad());
        Tensor z = Tensor.randn(6).requiresGrad_(true);
        Tensor lab = Tensor.of(0., 1., 1., 0., 1., 0.);
        r.show("bce_logits", F.binaryCrossEntropyWithLogits(z, lab));
        r.show("bce", F.binaryCrossEntropy(z.sigmoid(), lab));
        r.show("l1", F.l1Loss(p, t));
        r.err("ce_bad_target", () -> F.crossEntropy(logits, Tensor.of(1L, 0L, 5L, 2L)));
        r.err("mse_shape", () -> F.mseLoss(Tensor.randn(3), Tensor.randn(4)));
    }
}
