package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.vectorgrad.backend.AdamStep;
import org.vectorgrad.backend.SgdStep;

/**
 * The optimizers' fused updates over contiguous operands ({@link org.vectorgrad.backend.Backend#adamStep}):
 * one pass reading param, grad and the state once and writing them once, where the sequence of
 * whole-tensor ops it replaces makes about ten passes and three temporaries. Each line is one of
 * those ops, in their order, with IEEE add/mul/div/sqrt and no FMA, so the result is bit-identical to
 * them and to the scalar backend; the tail (fewer than one vector) runs the same arithmetic on Java
 * floats. Option flags are tested per vector: loop-invariant branches cost nothing next to the memory
 * traffic that bounds this loop.
 */
final class OptimizerKernels {
    private OptimizerKernels() {
    }

    /** Adam over {@code n} float32 elements from the given offsets; vmax is null unless amsgrad. */
    static void adamF(AdamStep s, float[] p, int po, float[] g, int go, float[] m, int mo, float[] v, int vo,
                      float[] vmax, int xo, int n) {
        float b1 = (float) s.beta1();
        float c1 = (float) (1 - s.beta1());
        float b2 = (float) s.beta2();
        float c2 = (float) (1 - s.beta2());
        float decay = (float) s.weightDecay();
        float shrink = (float) (1 - s.lr() * s.weightDecay());
        float bc2 = (float) s.biasCorrection2Sqrt();
        float eps = (float) s.eps();
        float step = (float) -s.stepSize();
        boolean l2 = !s.decoupled() && s.weightDecay() != 0;
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector gi = FloatVector.fromArray(FS, g, go + i);
            if (s.maximize()) {
                gi = gi.neg();
            }
            FloatVector pi = FloatVector.fromArray(FS, p, po + i);
            if (s.decoupled()) {
                pi = pi.mul(shrink);
            } else if (l2) {
                gi = gi.add(pi.mul(decay));
            }
            FloatVector mi = FloatVector.fromArray(FS, m, mo + i).mul(b1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromArray(FS, v, vo + i).mul(b2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, mo + i);
            vi.intoArray(v, vo + i);
            if (s.amsgrad()) {
                vi = FloatVector.fromArray(FS, vmax, xo + i).max(vi);
                vi.intoArray(vmax, xo + i);
            }
            FloatVector denom = vi.sqrt().div(bc2).add(eps);
            pi.add(mi.mul(step).div(denom)).intoArray(p, po + i);
        }
        for (int i = main; i < n; i++) {
            float gi = s.maximize() ? -g[go + i] : g[go + i];
            float pi = p[po + i];
            if (s.decoupled()) {
                pi = pi * shrink;
            } else if (l2) {
                gi = gi + pi * decay;
            }
            float mi = m[mo + i] * b1 + gi * c1;
            float vi = v[vo + i] * b2 + gi * c2 * gi;
            m[mo + i] = mi;
            v[vo + i] = vi;
            if (s.amsgrad()) {
                vi = Math.max(vmax[xo + i], vi);
                vmax[xo + i] = vi;
            }
            p[po + i] = pi + mi * step / ((float) Math.sqrt(vi) / bc2 + eps);
        }
    }

    /** Adam over {@code n} float64 elements; the same lines as {@link #adamF}. */
    static void adamD(AdamStep s, double[] p, int po, double[] g, int go, double[] m, int mo, double[] v, int vo,
                      double[] vmax, int xo, int n) {
        double b1 = s.beta1();
        double c1 = 1 - s.beta1();
        double b2 = s.beta2();
        double c2 = 1 - s.beta2();
        double decay = s.weightDecay();
        double shrink = 1 - s.lr() * s.weightDecay();
        double bc2 = s.biasCorrection2Sqrt();
        double eps = s.eps();
        double step = -s.stepSize();
        boolean l2 = !s.decoupled() && s.weightDecay() != 0;
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            DoubleVector gi = DoubleVector.fromArray(DS, g, go + i);
            if (s.maximize()) {
                gi = gi.neg();
            }
            DoubleVector pi = DoubleVector.fromArray(DS, p, po + i);
            if (s.decoupled()) {
                pi = pi.mul(shrink);
            } else if (l2) {
                gi = gi.add(pi.mul(decay));
            }
            DoubleVector mi = DoubleVector.fromArray(DS, m, mo + i).mul(b1).add(gi.mul(c1));
            DoubleVector vi = DoubleVector.fromArray(DS, v, vo + i).mul(b2).add(gi.mul(c2).mul(gi));
            mi.intoArray(m, mo + i);
            vi.intoArray(v, vo + i);
            if (s.amsgrad()) {
                vi = DoubleVector.fromArray(DS, vmax, xo + i).max(vi);
                vi.intoArray(vmax, xo + i);
            }
            DoubleVector denom = vi.sqrt().div(bc2).add(eps);
            pi.add(mi.mul(step).div(denom)).intoArray(p, po + i);
        }
        for (int i = main; i < n; i++) {
            double gi = s.maximize() ? -g[go + i] : g[go + i];
            double pi = p[po + i];
            if (s.decoupled()) {
                pi = pi * shrink;
            } else if (l2) {
                gi = gi + pi * decay;
            }
            double mi = m[mo + i] * b1 + gi * c1;
            double vi = v[vo + i] * b2 + gi * c2 * gi;
            m[mo + i] = mi;
            v[vo + i] = vi;
            if (s.amsgrad()) {
                vi = Math.max(vmax[xo + i], vi);
                vmax[xo + i] = vi;
            }
            p[po + i] = pi + mi * step / (Math.sqrt(vi) / bc2 + eps);
        }
    }

    /** SGD over {@code n} float32 elements; buf is null when momentum is 0. */
    static void sgdF(SgdStep s, float[] p, int po, float[] g, int go, float[] buf, int bo, int n) {
        float decay = (float) s.weightDecay();
        float momentum = (float) s.momentum();
        float keep = (float) (1 - s.dampening());
        float step = (float) -s.lr();
        boolean l2 = s.weightDecay() != 0;
        boolean hasBuffer = s.momentum() != 0;
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector d = FloatVector.fromArray(FS, g, go + i);
            if (s.maximize()) {
                d = d.neg();
            }
            FloatVector pi = FloatVector.fromArray(FS, p, po + i);
            if (l2) {
                d = d.add(pi.mul(decay));
            }
            if (hasBuffer) {
                FloatVector b = s.firstStep() ? d : FloatVector.fromArray(FS, buf, bo + i).mul(momentum).add(d.mul(keep));
                b.intoArray(buf, bo + i);
                d = s.nesterov() ? d.add(b.mul(momentum)) : b;
            }
            pi.add(d.mul(step)).intoArray(p, po + i);
        }
        for (int i = main; i < n; i++) {
            float d = s.maximize() ? -g[go + i] : g[go + i];
            if (l2) {
                d = d + p[po + i] * decay;
            }
            if (hasBuffer) {
                float b = s.firstStep() ? d : buf[bo + i] * momentum + d * keep;
                buf[bo + i] = b;
                d = s.nesterov() ? d + b * momentum : b;
            }
            p[po + i] = p[po + i] + d * step;
        }
    }

    /** SGD over {@code n} float64 elements; the same lines as {@link #sgdF}. */
    static void sgdD(SgdStep s, double[] p, int po, double[] g, int go, double[] buf, int bo, int n) {
        double decay = s.weightDecay();
        double momentum = s.momentum();
        double keep = 1 - s.dampening();
        double step = -s.lr();
        boolean l2 = s.weightDecay() != 0;
        boolean hasBuffer = s.momentum() != 0;
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            DoubleVector d = DoubleVector.fromArray(DS, g, go + i);
            if (s.maximize()) {
                d = d.neg();
            }
            DoubleVector pi = DoubleVector.fromArray(DS, p, po + i);
            if (l2) {
                d = d.add(pi.mul(decay));
            }
            if (hasBuffer) {
                DoubleVector b = s.firstStep() ? d : DoubleVector.fromArray(DS, buf, bo + i).mul(momentum).add(d.mul(keep));
                b.intoArray(buf, bo + i);
                d = s.nesterov() ? d.add(b.mul(momentum)) : b;
            }
            pi.add(d.mul(step)).intoArray(p, po + i);
        }
        for (int i = main; i < n; i++) {
            double d = s.maximize() ? -g[go + i] : g[go + i];
            if (l2) {
                d = d + p[po + i] * decay;
            }
            if (hasBuffer) {
                double b = s.firstStep() ? d : buf[bo + i] * momentum + d * keep;
                buf[bo + i] = b;
                d = s.nesterov() ? d + b * momentum : b;
            }
            p[po + i] = p[po + i] + d * step;
        }
    }
}
