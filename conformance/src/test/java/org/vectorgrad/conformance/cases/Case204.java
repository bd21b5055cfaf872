package org.vectorgrad.conformance.cases;

import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 204_softmax_family: softmax / log_softmax / logsumexp values (also where a naive exp overflows) and gradients. */
public class Case204 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {1000, 1001, 1002}, {-1000, 0, 1000}}).requiresGrad_(true);
        r.show("softmax1", x.softmax(1));
        r.show("log_softmax1", x.logSoftmax(1));
        r.show("softmax0", x.softmax(0));
        r.show("logsumexp1", x.logsumexp(1));
        r.show("logsumexp1_keep", x.logsumexp(1, true));
        Tensor w = Tensor.of(new double[][] {{0.5, -1, 2}, {0.5, -1, 2}, {0.5, -1, 2}});
        x.logSoftmax(1).mul(w).sum().backward();
        r.show("grad_log_softmax", x.grad());
        x.setGrad(null);
        x.softmax(1).mul(w).sum().backward();
        r.show("grad_softmax", x.grad());
        r.ag("fn", x.logSoftmax(1));
        r.err("bad_dim", () -> x.softmax(2));
    }
}
