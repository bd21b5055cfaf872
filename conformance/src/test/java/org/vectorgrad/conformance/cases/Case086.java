package org.vectorgrad.conformance.cases;

import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.conformance.Ref;
import org.vectorgrad.conformance.ReferenceCase;

/** 086_autograd_no_grad: results under noGrad() do not require grad and are leaves; enableGrad() nests inside. */
public class Case086 implements ReferenceCase {
    @Override
    public void run(Ref r) {
        Tensor x = Tensor.of(1., 2., 3.).requiresGrad_(true);
        r.show("is_grad_enabled", Autograd.isGradEnabled());
        r.show("x.requires_grad", x.requiresGrad());
        r.show("(x**2).requires_grad", x.pow(2).requiresGrad());
        Tensor y;
        try (var g = Autograd.noGrad()) {
            r.show("inside: is_grad_enabled", Autograd.isGradEnabled());
            y = x.pow(2);
            r.show("inside: (x**2).requires_grad", y.requiresGrad());
            r.ag("inside: y", y);
            r.show("inside: x.requires_grad", x.requiresGrad());
            try (var e = Autograd.enableGrad()) {
                r.ag("enable_grad inside no_grad", x.mul(2));
            }
            Tensor w = x.detach().requiresGrad_(true);
            r.ag("requires_grad_ inside no_grad", w);
        }
        r.show("after: is_grad_enabled", Autograd.isGradEnabled());
        r.ag("after: y", y);
        Tensor yy = y;
        r.errRun("y.sum().backward()", () -> yy.sum().backward());
        r.ag("decorated result", f(x));
        try (var g = Autograd.noGrad()) {
            x.mul_(2);
        }
        r.show("x after in-place under no_grad", x);
        r.ag("x after in-place under no_grad", x);
    }

    /** The body of a function decorated with {@code @torch.no_grad()}. */
    private static Tensor f(Tensor t) {
        try (var g = Autograd.noGrad()) {
            return t.mul(3);
        }
    }
}
