package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The error function in vector lanes: the scalar backend's {@link org.vectorgrad.backend.scalar.Erf}
 * (its class comment has the method and the error bound), operation for operation with its
 * coefficients, so both backends give the same bits. Only add, mul, div, FMA, compare and blend on
 * lanes and integer arithmetic on the exponent bits: the Vector API's lanewise {@code EXP} would change
 * last bits once C2 compiles it (README, Reliability). float32 runs in float lanes, the scalar
 * backend's float steps ({@link #erfF}).
 */
final class Erf {
    private static final double[] P = org.vectorgrad.backend.scalar.Erf.P;
    private static final double[] Q = org.vectorgrad.backend.scalar.Erf.Q;
    private static final double[] E = org.vectorgrad.backend.scalar.Erf.E;
    private static final double SMALL_LIMIT = org.vectorgrad.backend.scalar.Erf.SMALL_LIMIT;
    private static final double ONE_LIMIT = org.vectorgrad.backend.scalar.Erf.ONE_LIMIT;
    private static final double T_MID = org.vectorgrad.backend.scalar.Erf.T_MID;
    private static final double LOG2E = org.vectorgrad.backend.scalar.Erf.LOG2E;
    private static final double LN2_HI = org.vectorgrad.backend.scalar.Erf.LN2_HI;
    private static final double LN2_LO = org.vectorgrad.backend.scalar.Erf.LN2_LO;
    private static final double ROUNDER = org.vectorgrad.backend.scalar.Erf.ROUNDER;
    private static final long ROUNDER_BITS = Double.doubleToRawLongBits(ROUNDER);
    private static final long SIGN_BIT = Long.MIN_VALUE;
    private static final float[] PF = org.vectorgrad.backend.scalar.Erf.PF;
    private static final float[] RF = org.vectorgrad.backend.scalar.Erf.RF;
    private static final float[] EXP_F = org.vectorgrad.backend.scalar.Erf.EXP_F;
    private static final float SMALL_LIMIT_F = org.vectorgrad.backend.scalar.Erf.SMALL_LIMIT_F;
    private static final float CLAMP_F = org.vectorgrad.backend.scalar.Erf.CLAMP_F;
    private static final float LOG2E_F = org.vectorgrad.backend.scalar.Erf.LOG2E_F;
    private static final float LN2_HI_F = org.vectorgrad.backend.scalar.Erf.LN2_HI_F;
    private static final float LN2_LO_F = org.vectorgrad.backend.scalar.Erf.LN2_LO_F;
    private static final float ROUNDER_F = org.vectorgrad.backend.scalar.Erf.ROUNDER_F;
    private static final int ROUNDER_F_BITS = Float.floatToRawIntBits(ROUNDER_F);
    private static final FloatVector VP0 = f(PF[0]), VP1 = f(PF[1]), VP2 = f(PF[2]), VP3 = f(PF[3]), VP4 = f(PF[4]);
    private static final FloatVector VP5 = f(PF[5]), VP6 = f(PF[6]);
    private static final FloatVector VR0 = f(RF[0]), VR1 = f(RF[1]), VR2 = f(RF[2]), VR3 = f(RF[3]), VR4 = f(RF[4]);
    private static final FloatVector VR5 = f(RF[5]), VR6 = f(RF[6]), VR7 = f(RF[7]), VR8 = f(RF[8]);
    private static final FloatVector VE0 = f(EXP_F[0]), VE1 = f(EXP_F[1]), VE2 = f(EXP_F[2]), VE3 = f(EXP_F[3]);
    private static final FloatVector VE4 = f(EXP_F[4]), VE5 = f(EXP_F[5]), VE6 = f(EXP_F[6]);
    private static final FloatVector V_LOG2E = f(LOG2E_F), V_ROUNDER = f(ROUNDER_F), V_NLN2_HI = f(-LN2_HI_F);
    private static final FloatVector V_ONE = f(1f), V_TWO = f(2f);

    private Erf() {
    }

    /**
     * {@code y[yo + i] = erf(x[xo + i])} in float lanes, the steps of {@link
     * org.vectorgrad.backend.scalar.Erf#erf(float)} one for one; n is a multiple of the float lane count.
     * The erfc branch runs only for vectors holding an element at or above 1.
     */
    static void erfF(float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += FL) {
            FloatVector v = FloatVector.fromArray(FS, x, xo + i);
            FloatVector a = v.abs().min(CLAMP_F);
            FloatVector z = a.mul(a);
            FloatVector p = z.fma(VP6, VP5).fma(z, VP4).fma(z, VP3).fma(z, VP2).fma(z, VP1).fma(z, VP0);
            FloatVector r = a.fma(p, a);
            VectorMask<Float> large = a.compare(VectorOperators.GE, SMALL_LIMIT_F);
            if (large.anyTrue()) {
                FloatVector h = z;
                FloatVector l = a.fma(a, h.neg());
                FloatVector q = h.neg().fma(V_LOG2E, V_ROUNDER);
                FloatVector k = q.sub(ROUNDER_F);
                FloatVector rh = k.fma(V_NLN2_HI, h.neg());
                FloatVector t = k.mul(-LN2_LO_F);
                FloatVector hi = rh.add(1f);
                FloatVector sumError = V_ONE.sub(hi).add(rh);
                FloatVector rr = rh.add(t);
                FloatVector r2 = rh.fma(rh, rh.mul(t).mul(2f));
                FloatVector e = rr.fma(VE6, VE5).fma(rr, VE4).fma(rr, VE3).fma(rr, VE2).fma(rr, VE1).fma(rr, VE0);
                FloatVector rest = r2.fma(e, t.add(sumError));
                FloatVector sum = hi.add(rest);
                FloatVector scale = q.reinterpretAsInts().add(127 - ROUNDER_F_BITS).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
                FloatVector eh = sum.mul(scale);
                FloatVector el = eh.neg().fma(l, hi.sub(sum).add(rest).mul(scale));
                FloatVector num = V_TWO.sub(a);
                FloatVector dh = a.add(2f);
                FloatVector bb = dh.sub(a);
                FloatVector dl = a.sub(dh.sub(bb)).add(V_TWO.sub(bb));
                FloatVector qu = num.div(dh);
                FloatVector u = qu.neg().fma(dh, num).sub(qu.mul(dl)).div(dh).add(qu).mul(0.5f);
                FloatVector w = u.fma(VR8, VR7).fma(u, VR6).fma(u, VR5).fma(u, VR4).fma(u, VR3).fma(u, VR2).fma(u, VR1);
                FloatVector vv = u.mul(w);
                FloatVector rhead = vv.add(RF[0]);
                FloatVector rlow = VR0.sub(rhead).add(vv);
                FloatVector bigE = eh.mul(rhead);
                FloatVector smallE = eh.fma(rhead, bigE.neg()).add(eh.fma(rlow, el.mul(rhead)));
                FloatVector s = V_ONE.sub(bigE);
                r = r.blend(s.add(V_ONE.sub(s).sub(bigE).sub(smallE)), large);
            }
            r.reinterpretAsInts().or(v.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats().intoArray(y, yo + i);
        }
    }

    /**
     * {@code y[yo + i] = erf(x[xo + i])}; n is a multiple of the double lane count. One loop holds the
     * whole evaluation (a method of its own would be too big for C2 to inline, and its vectors would
     * be boxed); the erfc branch runs only for vectors holding an element in [1, 6).
     */
    static void erfD(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = DoubleVector.fromArray(DS, x, xo + i);
            DoubleVector a = v.abs();
            DoubleVector s = v.mul(v);
            DoubleVector p = d(P[P.length - 1]);
            for (int j = P.length - 2; j >= 0; j--) {
                p = p.fma(s, d(P[j]));
            }
            DoubleVector r = v.fma(p, v);
            VectorMask<Double> mid = a.compare(VectorOperators.GE, SMALL_LIMIT).and(a.compare(VectorOperators.LT, ONE_LIMIT));
            if (mid.anyTrue()) {
                DoubleVector h = a.mul(a);
                DoubleVector l = a.fma(a, h.neg());
                DoubleVector z = h.neg().mul(LOG2E).add(ROUNDER);
                DoubleVector k = z.sub(ROUNDER);
                DoubleVector red = k.fma(d(-LN2_HI), h.neg());
                red = k.fma(d(-LN2_LO), red);
                DoubleVector e = d(E[E.length - 1]);
                for (int j = E.length - 2; j >= 0; j--) {
                    e = e.fma(red, d(E[j]));
                }
                DoubleVector scale = z.reinterpretAsLongs().add(1023 - ROUNDER_BITS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                e = e.mul(scale);
                e = e.neg().fma(l, e);
                DoubleVector t = d(2.0).div(a.add(2.0));
                DoubleVector u = t.sub(T_MID);
                DoubleVector q = d(Q[Q.length - 1]);
                for (int j = Q.length - 2; j >= 0; j--) {
                    q = q.fma(u, d(Q[j]));
                }
                DoubleVector erfc = e.mul(t).mul(q);
                r = r.blend(withSignOf(d(1.0).sub(erfc), v), mid);
            }
            r = r.blend(withSignOf(d(1.0), v), a.compare(VectorOperators.GE, ONE_LIMIT));
            r.intoArray(y, yo + i);
        }
    }

    /** {@code m} (not negative) with the sign of {@code v}. */
    private static DoubleVector withSignOf(DoubleVector m, DoubleVector v) {
        return m.reinterpretAsLongs().or(v.reinterpretAsLongs().and(SIGN_BIT)).reinterpretAsDoubles();
    }

    private static DoubleVector d(double v) {
        return DoubleVector.broadcast(DS, v);
    }

    private static FloatVector f(float v) {
        return FloatVector.broadcast(FS, v);
    }
}
