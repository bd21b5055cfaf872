package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DL;
import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The error function in vector lanes: the scalar backend's {@link org.vectorgrad.backend.scalar.Erf}
 * (its class comment has the method and the error bound), operation for operation with its
 * coefficients, so both backends give the same bits. Only add, mul, div, FMA, compare and blend on
 * lanes and integer arithmetic on the exponent bits: the Vector API's lanewise {@code EXP} would change
 * last bits once C2 compiles it (README, Reliability). float32 runs in double lanes and is rounded
 * once, as the scalar backend does.
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

    private Erf() {
    }

    /** {@code y[yo + i] = erf(x[xo + i])}; n is a multiple of the float lane count. */
    static void erfF(float[] x, int xo, float[] y, int yo, int n) {
        DoubleLanes.map(Erf::erfD, x, xo, y, yo, n);
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
}
