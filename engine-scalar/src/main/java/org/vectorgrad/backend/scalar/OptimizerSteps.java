package org.vectorgrad.backend.scalar;

import java.util.function.DoubleUnaryOperator;
import org.vectorgrad.DType;
import org.vectorgrad.backend.AdamStep;
import org.vectorgrad.backend.SgdStep;

/**
 * The optimizers' fused updates on dense row-major values (see {@link org.vectorgrad.backend.Backend#adamStep}).
 * Values are widened to double and every operation's result is rounded to the dtype by {@code r}, so a
 * float32 update is float arithmetic step by step (double holds a float product or quotient exactly
 * enough to round once): the same bits as PyTorch's sequence of whole-tensor ops.
 */
final class OptimizerSteps {
    private OptimizerSteps() {
    }

    static DoubleUnaryOperator rounding(DType dtype) {
        return dtype == DType.FLOAT32 ? v -> (float) v : v -> v;
    }

    /** Updates p, m, v (and vmax, unless null) in place. */
    static void adam(DType dtype, AdamStep s, double[] p, double[] g, double[] m, double[] v, double[] vmax) {
        DoubleUnaryOperator r = rounding(dtype);
        double b1 = r.applyAsDouble(s.beta1());
        double c1 = r.applyAsDouble(1 - s.beta1());
        double b2 = r.applyAsDouble(s.beta2());
        double c2 = r.applyAsDouble(1 - s.beta2());
        double decay = r.applyAsDouble(s.weightDecay());
        double shrink = r.applyAsDouble(1 - s.lr() * s.weightDecay());
        double bc2 = r.applyAsDouble(s.biasCorrection2Sqrt());
        double eps = r.applyAsDouble(s.eps());
        double step = r.applyAsDouble(-s.stepSize());
        for (int i = 0; i < p.length; i++) {
            double gi = s.maximize() ? -g[i] : g[i];
            double pi = p[i];
            if (s.decoupled()) {
                pi = r.applyAsDouble(pi * shrink);
            } else if (s.weightDecay() != 0) {
                gi = r.applyAsDouble(gi + r.applyAsDouble(pi * decay));
            }
            m[i] = r.applyAsDouble(r.applyAsDouble(m[i] * b1) + r.applyAsDouble(gi * c1));
            v[i] = r.applyAsDouble(r.applyAsDouble(v[i] * b2) + r.applyAsDouble(r.applyAsDouble(gi * c2) * gi));
            double second = v[i];
            if (s.amsgrad()) {
                vmax[i] = Math.max(vmax[i], v[i]);
                second = vmax[i];
            }
            double denom = r.applyAsDouble(r.applyAsDouble(r.applyAsDouble(Math.sqrt(second)) / bc2) + eps);
            p[i] = r.applyAsDouble(pi + r.applyAsDouble(r.applyAsDouble(m[i] * step) / denom));
        }
    }

    /** Updates p (and buf, unless null) in place. */
    static void sgd(DType dtype, SgdStep s, double[] p, double[] g, double[] buf) {
        DoubleUnaryOperator r = rounding(dtype);
        double decay = r.applyAsDouble(s.weightDecay());
        double momentum = r.applyAsDouble(s.momentum());
        double keep = r.applyAsDouble(1 - s.dampening());
        double step = r.applyAsDouble(-s.lr());
        for (int i = 0; i < p.length; i++) {
            double d = s.maximize() ? -g[i] : g[i];
            if (s.weightDecay() != 0) {
                d = r.applyAsDouble(d + r.applyAsDouble(p[i] * decay));
            }
            if (s.momentum() != 0) {
                buf[i] = s.firstStep() ? d : r.applyAsDouble(r.applyAsDouble(buf[i] * momentum) + r.applyAsDouble(d * keep));
                d = s.nesterov() ? r.applyAsDouble(d + r.applyAsDouble(buf[i] * momentum)) : buf[i];
            }
            p[i] = r.applyAsDouble(p[i] + r.applyAsDouble(d * step));
        }
    }
}
