package org.vectorgrad.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * Elementwise maps over one row: inputs are contiguous ({@code step 1}) or broadcast ({@code step 0}),
 * the output is contiguous. Strided operands reach these kernels packed by {@link #gather}; strided
 * outputs leave through {@link #scatter}.
 *
 * <p>Every kernel has the same shape: an unmasked loop over {@code loopBound(n)} elements, then the
 * tail (fewer than one vector) runs the <em>same</em> vector body once over a padded copy. So a result
 * never depends on where in a row an element sits, and each op is written exactly once per dtype.
 *
 * <p>{@code add, sub, mul, div, neg, abs, sqrt, reciprocal}, comparisons, {@code maximum/minimum}
 * (Math.max semantics) are IEEE-exact and so bit-identical to Java's scalar operators. {@code exp,
 * log, tanh} and float64 {@code sin, cos} use the Vector API's intrinsics (SVML on x86-64, within
 * 1 ulp); float32 {@code sin, cos} use {@link SinCos}; float32 {@code sigmoid} and {@code pow} are
 * evaluated in double lanes and rounded once, so they are as good as the scalar double formulas.
 */
final class ElementwiseKernels {
    static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    /** Floats in one double vector's worth of lanes: float32 math that runs in double uses this. */
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(DS.vectorBitSize() / 2));
    static final int FL = FS.length();
    static final int DL = DS.length();

    private ElementwiseKernels() {
    }

    // ---------------------------------------------------------------- unary, float32

    /** {@code y[yo + i] = op(x[xo + i])} for {@code i < n}. */
    static void unary(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        int main = FS.loopBound(n);
        unaryBody(op, x, xo, y, yo, main);
        if (main < n) {
            float[] tx = new float[FL];
            float[] ty = new float[FL];
            System.arraycopy(x, xo + main, tx, 0, n - main);
            unaryBody(op, tx, 0, ty, 0, FL);
            System.arraycopy(ty, 0, y, yo + main, n - main);
        }
    }

    /** n is a multiple of FL. */
    private static void unaryBody(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i += FL) fx(x, xo + i).neg().intoArray(y, yo + i); }
            case ABS -> { for (int i = 0; i < n; i += FL) fx(x, xo + i).abs().intoArray(y, yo + i); }
            case SQRT -> { for (int i = 0; i < n; i += FL) fx(x, xo + i).sqrt().intoArray(y, yo + i); }
            case EXP -> { for (int i = 0; i < n; i += FL) fx(x, xo + i).lanewise(VectorOperators.EXP).intoArray(y, yo + i); }
            case LOG -> { for (int i = 0; i < n; i += FL) fx(x, xo + i).lanewise(VectorOperators.LOG).intoArray(y, yo + i); }
            case TANH -> { for (int i = 0; i < n; i += FL) fx(x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i); }
            case RECIPROCAL -> { for (int i = 0; i < n; i += FL) FloatVector.broadcast(FS, 1f).div(fx(x, xo + i)).intoArray(y, yo + i); }
            case RELU -> { for (int i = 0; i < n; i += FL) reluF(fx(x, xo + i)).intoArray(y, yo + i); }
            case SIGN -> { for (int i = 0; i < n; i += FL) signF(fx(x, xo + i)).intoArray(y, yo + i); }
            case SIN -> SinCos.sin(x, xo, y, yo, n);
            case COS -> SinCos.cos(x, xo, y, yo, n);
            case SIGMOID -> { for (int i = 0; i < n; i += DL) narrow(sigmoid(widen(x, xo + i)), y, yo + i); }
        }
    }

    // ---------------------------------------------------------------- unary, float64

    static void unary(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        int main = DS.loopBound(n);
        unaryBody(op, x, xo, y, yo, main);
        if (main < n) {
            double[] tx = new double[DL];
            double[] ty = new double[DL];
            System.arraycopy(x, xo + main, tx, 0, n - main);
            unaryBody(op, tx, 0, ty, 0, DL);
            System.arraycopy(ty, 0, y, yo + main, n - main);
        }
    }

    private static void unaryBody(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).neg().intoArray(y, yo + i); }
            case ABS -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).abs().intoArray(y, yo + i); }
            case SQRT -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).sqrt().intoArray(y, yo + i); }
            case EXP -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.EXP).intoArray(y, yo + i); }
            case LOG -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.LOG).intoArray(y, yo + i); }
            case TANH -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i); }
            case SIN -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.SIN).intoArray(y, yo + i); }
            case COS -> { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.COS).intoArray(y, yo + i); }
            case RECIPROCAL -> { for (int i = 0; i < n; i += DL) DoubleVector.broadcast(DS, 1.0).div(dx(x, xo + i)).intoArray(y, yo + i); }
            case RELU -> { for (int i = 0; i < n; i += DL) reluD(dx(x, xo + i)).intoArray(y, yo + i); }
            case SIGN -> { for (int i = 0; i < n; i += DL) signD(dx(x, xo + i)).intoArray(y, yo + i); }
            case SIGMOID -> { for (int i = 0; i < n; i += DL) sigmoid(dx(x, xo + i)).intoArray(y, yo + i); }
        }
    }

    /** -1, +1, or +0 for both zeros and for NaN, as torch.sign. */
    private static FloatVector signF(FloatVector v) {
        FloatVector one = FloatVector.broadcast(FS, 1f);
        return FloatVector.zero(FS).blend(one, v.compare(VectorOperators.GT, 0f)).blend(one.neg(), v.compare(VectorOperators.LT, 0f));
    }

    private static DoubleVector signD(DoubleVector v) {
        DoubleVector one = DoubleVector.broadcast(DS, 1.0);
        return DoubleVector.zero(DS).blend(one, v.compare(VectorOperators.GT, 0.0)).blend(one.neg(), v.compare(VectorOperators.LT, 0.0));
    }

    /** {@code x < 0 ? 0 : x}: not max(x, 0), which would turn -0.0 into 0.0 (torch.relu keeps -0.0). */
    private static FloatVector reluF(FloatVector v) {
        return v.blend(0f, v.compare(VectorOperators.LT, 0f));
    }

    private static DoubleVector reluD(DoubleVector v) {
        return v.blend(0.0, v.compare(VectorOperators.LT, 0.0));
    }

    /**
     * 1 / (1 + exp(-x)) with the sum and the division corrected (TwoSum, one Newton step), so the only
     * sizeable error left is exp's: within 1.5 ulp, mostly 1, where the plain formula reaches 2.
     */
    private static DoubleVector sigmoid(DoubleVector v) {
        DoubleVector one = DoubleVector.broadcast(DS, 1.0);
        DoubleVector e = v.neg().lanewise(VectorOperators.EXP);
        DoubleVector d = one.add(e);
        DoubleVector eRounded = d.sub(one);
        DoubleVector dLow = one.sub(d.sub(eRounded)).add(e.sub(eRounded));
        DoubleVector y = one.div(d);
        DoubleVector residual = y.neg().fma(d, one).sub(y.mul(dLow));
        return y.fma(residual, y).blend(y, d.test(VectorOperators.IS_INFINITE));
    }

    // ---------------------------------------------------------------- binary, float32

    /**
     * {@code c[co + i] = a[ao + i * as] op b[bo + i * bs]}, where {@code as} and {@code bs} are 1 or 0
     * (broadcast). Comparisons go to {@link #compare}.
     */
    static void binary(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int main = FS.loopBound(n);
        binaryBody(op, a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            int r = n - main;
            float[] ta = as == 0 ? a : tail(a, ao + main, r, FL);
            float[] tb = bs == 0 ? b : tail(b, bo + main, r, FL);
            float[] tc = new float[FL];
            binaryBody(op, ta, as == 0 ? ao : 0, as, tb, bs == 0 ? bo : 0, bs, tc, 0, FL);
            System.arraycopy(tc, 0, c, co + main, r);
        }
    }

    private static void binaryBody(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).add(fx(b, bo, bs, i)).intoArray(c, co + i); }
            case SUB -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).sub(fx(b, bo, bs, i)).intoArray(c, co + i); }
            case MUL -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).mul(fx(b, bo, bs, i)).intoArray(c, co + i); }
            case DIV -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).div(fx(b, bo, bs, i)).intoArray(c, co + i); }
            case MAXIMUM -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).max(fx(b, bo, bs, i)).intoArray(c, co + i); }
            case MINIMUM -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).min(fx(b, bo, bs, i)).intoArray(c, co + i); }
            case POW -> {
                for (int i = 0; i < n; i += DL) {
                    narrow(widen(a, ao, as, i).lanewise(VectorOperators.POW, widen(b, bo, bs, i)), c, co + i);
                }
            }
            default -> throw new IllegalArgumentException(op + " does not produce a float result");
        }
    }

    /** Comparisons: {@code c[co + i] = a[..] op b[..]} as booleans, IEEE semantics (NaN compares unequal). */
    static void compare(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) {
        int main = FS.loopBound(n);
        compareBody(op, a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            int r = n - main;
            float[] ta = as == 0 ? a : tail(a, ao + main, r, FL);
            float[] tb = bs == 0 ? b : tail(b, bo + main, r, FL);
            boolean[] tc = new boolean[FL];
            compareBody(op, ta, as == 0 ? ao : 0, as, tb, bs == 0 ? bo : 0, bs, tc, 0, FL);
            System.arraycopy(tc, 0, c, co + main, r);
        }
    }

    /** NE is "not EQ", so that NaN != NaN is true as in Java. */
    private static void compareBody(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.EQ, fx(b, bo, bs, i)).intoArray(c, co + i); }
            case NE -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.EQ, fx(b, bo, bs, i)).not().intoArray(c, co + i); }
            case LT -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.LT, fx(b, bo, bs, i)).intoArray(c, co + i); }
            case LE -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.LE, fx(b, bo, bs, i)).intoArray(c, co + i); }
            case GT -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.GT, fx(b, bo, bs, i)).intoArray(c, co + i); }
            case GE -> { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.GE, fx(b, bo, bs, i)).intoArray(c, co + i); }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }

    // ---------------------------------------------------------------- binary, float64

    static void binary(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) {
        int main = DS.loopBound(n);
        binaryBody(op, a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            int r = n - main;
            double[] ta = as == 0 ? a : tail(a, ao + main, r, DL);
            double[] tb = bs == 0 ? b : tail(b, bo + main, r, DL);
            double[] tc = new double[DL];
            binaryBody(op, ta, as == 0 ? ao : 0, as, tb, bs == 0 ? bo : 0, bs, tc, 0, DL);
            System.arraycopy(tc, 0, c, co + main, r);
        }
    }

    private static void binaryBody(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).add(dx(b, bo, bs, i)).intoArray(c, co + i); }
            case SUB -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).sub(dx(b, bo, bs, i)).intoArray(c, co + i); }
            case MUL -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).mul(dx(b, bo, bs, i)).intoArray(c, co + i); }
            case DIV -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).div(dx(b, bo, bs, i)).intoArray(c, co + i); }
            case MAXIMUM -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).max(dx(b, bo, bs, i)).intoArray(c, co + i); }
            case MINIMUM -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).min(dx(b, bo, bs, i)).intoArray(c, co + i); }
            case POW -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).lanewise(VectorOperators.POW, dx(b, bo, bs, i)).intoArray(c, co + i); }
            default -> throw new IllegalArgumentException(op + " does not produce a float result");
        }
    }

    static void compare(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) {
        int main = DS.loopBound(n);
        compareBody(op, a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            int r = n - main;
            double[] ta = as == 0 ? a : tail(a, ao + main, r, DL);
            double[] tb = bs == 0 ? b : tail(b, bo + main, r, DL);
            boolean[] tc = new boolean[DL];
            compareBody(op, ta, as == 0 ? ao : 0, as, tb, bs == 0 ? bo : 0, bs, tc, 0, DL);
            System.arraycopy(tc, 0, c, co + main, r);
        }
    }

    /** NE is "not EQ", so that NaN != NaN is true as in Java. */
    private static void compareBody(BinaryOp op, double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.EQ, dx(b, bo, bs, i)).intoArray(c, co + i); }
            case NE -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.EQ, dx(b, bo, bs, i)).not().intoArray(c, co + i); }
            case LT -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.LT, dx(b, bo, bs, i)).intoArray(c, co + i); }
            case LE -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.LE, dx(b, bo, bs, i)).intoArray(c, co + i); }
            case GT -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.GT, dx(b, bo, bs, i)).intoArray(c, co + i); }
            case GE -> { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.GE, dx(b, bo, bs, i)).intoArray(c, co + i); }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }

    // ---------------------------------------------------------------- copy, cast, fill

    /** {@code y[yo + i] = (double) x[xo + i]}. */
    static void widen(float[] x, int xo, double[] y, int yo, int n) {
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            widen(x, xo + i).intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = x[xo + i];
        }
    }

    /** {@code y[yo + i] = (float) x[xo + i]}, round to nearest even as Java's cast. */
    static void narrow(double[] x, int xo, float[] y, int yo, int n) {
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            narrow(dx(x, xo + i), y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = (float) x[xo + i];
        }
    }

    static void fill(float[] y, int yo, int n, float value) {
        FloatVector v = FloatVector.broadcast(FS, value);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            v.intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = value;
        }
    }

    static void fill(double[] y, int yo, int n, double value) {
        DoubleVector v = DoubleVector.broadcast(DS, value);
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            v.intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = value;
        }
    }

    // ---------------------------------------------------------------- strided rows: gather, scatter

    /** Lane offsets {@code 0, stride, 2*stride, ...}: the index map of a strided row. */
    static int[] indexMap(int lanes, int stride) {
        int[] map = new int[lanes];
        for (int j = 0; j < lanes; j++) {
            map[j] = j * stride;
        }
        return map;
    }

    /** {@code dst[i] = src[off + i * stride]} for {@code i < n}; stride 0 repeats one element. */
    static void gather(float[] src, int off, int stride, int n, float[] dst) {
        if (stride == 0) {
            fill(dst, 0, n, src[off]);
            return;
        }
        int[] map = indexMap(FL, stride);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector.fromArray(FS, src, off + i * stride, map, 0).intoArray(dst, i);
        }
        for (int i = main; i < n; i++) {
            dst[i] = src[off + i * stride];
        }
    }

    static void gather(double[] src, int off, int stride, int n, double[] dst) {
        if (stride == 0) {
            fill(dst, 0, n, src[off]);
            return;
        }
        int[] map = indexMap(DL, stride);
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            DoubleVector.fromArray(DS, src, off + i * stride, map, 0).intoArray(dst, i);
        }
        for (int i = main; i < n; i++) {
            dst[i] = src[off + i * stride];
        }
    }

    /** {@code dst[off + i * stride] = src[i]} for {@code i < n}. */
    static void scatter(float[] src, int n, float[] dst, int off, int stride) {
        int[] map = indexMap(FL, stride);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector.fromArray(FS, src, i).intoArray(dst, off + i * stride, map, 0);
        }
        for (int i = main; i < n; i++) {
            dst[off + i * stride] = src[i];
        }
    }

    static void scatter(double[] src, int n, double[] dst, int off, int stride) {
        int[] map = indexMap(DL, stride);
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            DoubleVector.fromArray(DS, src, i).intoArray(dst, off + i * stride, map, 0);
        }
        for (int i = main; i < n; i++) {
            dst[off + i * stride] = src[i];
        }
    }

    static void scatter(boolean[] src, int n, boolean[] dst, int off, int stride) {
        for (int i = 0; i < n; i++) {
            dst[off + i * stride] = src[i];
        }
    }

    // ---------------------------------------------------------------- loads

    private static FloatVector fx(float[] a, int off) {
        return FloatVector.fromArray(FS, a, off);
    }

    /** Lanes {@code i..} of a row with step 1, or its single element broadcast for step 0. */
    private static FloatVector fx(float[] a, int off, int step, int i) {
        return step == 0 ? FloatVector.broadcast(FS, a[off]) : FloatVector.fromArray(FS, a, off + i);
    }

    private static DoubleVector dx(double[] a, int off) {
        return DoubleVector.fromArray(DS, a, off);
    }

    private static DoubleVector dx(double[] a, int off, int step, int i) {
        return step == 0 ? DoubleVector.broadcast(DS, a[off]) : DoubleVector.fromArray(DS, a, off + i);
    }

    /** DL floats at {@code off}, widened to a double vector. */
    static DoubleVector widen(float[] a, int off) {
        return (DoubleVector) FloatVector.fromArray(FH, a, off).convertShape(VectorOperators.F2D, DS, 0);
    }

    private static DoubleVector widen(float[] a, int off, int step, int i) {
        return step == 0 ? DoubleVector.broadcast(DS, a[off]) : widen(a, off + i);
    }

    private static float[] tail(float[] a, int from, int count, int lanes) {
        float[] t = new float[lanes];
        System.arraycopy(a, from, t, 0, count);
        return t;
    }

    private static double[] tail(double[] a, int from, int count, int lanes) {
        double[] t = new double[lanes];
        System.arraycopy(a, from, t, 0, count);
        return t;
    }

    /** Rounds a double vector to floats and stores them at {@code y[off..off + DL)}. */
    static void narrow(DoubleVector v, float[] y, int off) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, FH, 0)).intoArray(y, off);
    }
}
