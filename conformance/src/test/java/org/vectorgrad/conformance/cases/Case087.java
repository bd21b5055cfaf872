package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 087_autograd_set_grad_enabled: setGradEnabled as a scope and as a plain call. */
public class Case087 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.ones(2).requiresGrad_(true);
        try (var g = Autograd.setGradEnabled(false)) {
            r.ag("ctx(False)", x.mul(2));
        }
        try (var g = Autograd.setGradEnabled(true)) {
            r.ag("ctx(True)", x.mul(2));
        }
        Autograd.setGradEnabled(false);
        r.ag("fn(False)", x.mul(2));
        r.show("is_grad_enabled", Autograd.isGradEnabled());
        Autograd.setGradEnabled(true);
        r.ag("fn(True)", x.mul(2));
        r.show("is_grad_enabled", Autograd.isGradEnabled());
        try (var g = Autograd.noGrad()) {
            try (var e = Autograd.setGradEnabled(true)) {
                r.ag("set_grad_enabled(True) inside no_grad", x.mul(2));
            }
        }
    }
}
