package org.vectorgrad.backend.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * Elementwise maps over one row: inputs are contiguous ({@code step 1}) or broadcast ({@code step 0}),
 * the output is contiguous. Strided operands reach these kernels packed by {@link #gather} or, when
 * contiguous along another dimension, by blocked {@link #transpose}; strided outputs leave through
 * {@link #scatter} or {@code transpose}.
 *
 * <p>Each op is one small method holding one unmasked vector loop over a multiple of the vector
 * length ({@code negF}, {@code addD}, ...); {@link #unaryF(UnaryOp)} and friends pick it once per
 * call. Keeping loops in separate methods matters: C2 compiles each with its own inlining budget, so
 * every Vector API call in it is intrinsified (one method holding all loops ran 5-10x slower). The
 * {@code run} adapters add the tail (fewer than one vector): the <em>same</em> loop once more over a
 * padded copy, so a result never depends on where in a row an element sits, and each op is written
 * exactly once per dtype.
 *
 * <p>{@code add, sub, mul, div, neg, abs, sqrt, reciprocal}, comparisons, {@code maximum/minimum}
 * (Math.max semantics) are IEEE-exact and so bit-identical to Java's scalar operators. {@code exp,
 * log, tanh} and float64 {@code sin, cos, tan} use the Vector API's intrinsics (SVML on x86-64, within
 * 1 ulp); float32 {@code sin, cos} use {@link SinCos}; float32 {@code tan}, {@code sigmoid} and
 * {@code pow} are evaluated in double lanes and rounded once; float64 {@code pow} is Math.pow per
 * element with C's special cases ({@link #cPow}), since the Vector API's POW has no x86 intrinsic.
 */
final class ElementwiseKernels {
    static final VectorSpecies<Float> FS = Widths.FLOATS;
    static final VectorSpecies<Double> DS = Widths.DOUBLES;
    /** Floats in one double vector's worth of lanes: float32 math that runs in double uses this. */
    static final VectorSpecies<Float> FH = VectorSpecies.of(float.class, VectorShape.forBitSize(DS.vectorBitSize() / 2));
    static final int FL = FS.length();
    static final int DL = DS.length();

    private ElementwiseKernels() {
    }

    /** {@code y[yo + i] = f(x[xo + i])} for i < n, n a multiple of FL. */
    @FunctionalInterface
    interface F1 {
        void run(float[] x, int xo, float[] y, int yo, int n);
    }

    @FunctionalInterface
    interface D1 {
        void run(double[] x, int xo, double[] y, int yo, int n);
    }

    /** {@code c[co + i] = f(a[ao + i*as], b[bo + i*bs])}, steps 1 or 0 (broadcast), n a multiple of FL. */
    @FunctionalInterface
    interface F2 {
        void run(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n);
    }

    @FunctionalInterface
    interface D2 {
        void run(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n);
    }

    @FunctionalInterface
    interface FCmp {
        void run(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n);
    }

    @FunctionalInterface
    interface DCmp {
        void run(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n);
    }

    // ---------------------------------------------------------------- choosing a kernel

    static F1 unaryF(UnaryOp op) {
        return switch (op) {
            case NEG -> ElementwiseKernels::negF;
            case ABS -> ElementwiseKernels::absF;
            case SIGN -> ElementwiseKernels::signF;
            case SQRT -> ElementwiseKernels::sqrtF;
            case EXP -> ElementwiseKernels::expF;
            case LOG -> ElementwiseKernels::logF;
            case SIN -> SinCos::sin;
            case COS -> SinCos::cos;
            case TAN -> ElementwiseKernels::tanF;
            case TANH -> ElementwiseKernels::tanhF;
            case SIGMOID -> ElementwiseKernels::sigmoidF;
            case ERF -> Erf::erfF;
            case RELU -> ElementwiseKernels::reluF;
            case RECIPROCAL -> ElementwiseKernels::reciprocalF;
        };
    }

    static D1 unaryD(UnaryOp op) {
        return switch (op) {
            case NEG -> ElementwiseKernels::negD;
            case ABS -> ElementwiseKernels::absD;
            case SIGN -> ElementwiseKernels::signD;
            case SQRT -> ElementwiseKernels::sqrtD;
            case EXP -> ElementwiseKernels::expD;
            case LOG -> ElementwiseKernels::logD;
            case SIN -> ElementwiseKernels::sinD;
            case COS -> ElementwiseKernels::cosD;
            case TAN -> ElementwiseKernels::tanD;
            case TANH -> ElementwiseKernels::tanhD;
            case SIGMOID -> ElementwiseKernels::sigmoidD;
            case ERF -> Erf::erfD;
            case RELU -> ElementwiseKernels::reluD;
            case RECIPROCAL -> ElementwiseKernels::reciprocalD;
        };
    }

    static F2 binaryF(BinaryOp op) {
        return switch (op) {
            case ADD -> ElementwiseKernels::addF;
            case SUB -> ElementwiseKernels::subF;
            case MUL -> ElementwiseKernels::mulF;
            case DIV -> ElementwiseKernels::divF;
            case POW -> ElementwiseKernels::powF;
            case MAXIMUM -> ElementwiseKernels::maximumF;
            case MINIMUM -> ElementwiseKernels::minimumF;
            case FLOOR_DIVIDE -> throw new IllegalArgumentException(op + " runs on the scalar backend");
            case EQ, NE, LT, LE, GT, GE -> throw new IllegalArgumentException(op + " is a comparison");
        };
    }

    static D2 binaryD(BinaryOp op) {
        return switch (op) {
            case ADD -> ElementwiseKernels::addD;
            case SUB -> ElementwiseKernels::subD;
            case MUL -> ElementwiseKernels::mulD;
            case DIV -> ElementwiseKernels::divD;
            case POW -> ElementwiseKernels::powD;
            case MAXIMUM -> ElementwiseKernels::maximumD;
            case MINIMUM -> ElementwiseKernels::minimumD;
            case FLOOR_DIVIDE -> throw new IllegalArgumentException(op + " runs on the scalar backend");
            case EQ, NE, LT, LE, GT, GE -> throw new IllegalArgumentException(op + " is a comparison");
        };
    }

    /** NE is "not EQ", so that NaN != NaN is true as in Java. */
    static FCmp compareF(BinaryOp op) {
        return switch (op) {
            case EQ -> ElementwiseKernels::eqF;
            case NE -> ElementwiseKernels::neF;
            case LT -> ElementwiseKernels::ltF;
            case LE -> ElementwiseKernels::leF;
            case GT -> ElementwiseKernels::gtF;
            case GE -> ElementwiseKernels::geF;
            case ADD, SUB, MUL, DIV, POW, FLOOR_DIVIDE, MAXIMUM, MINIMUM -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }

    static DCmp compareD(BinaryOp op) {
        return switch (op) {
            case EQ -> ElementwiseKernels::eqD;
            case NE -> ElementwiseKernels::neD;
            case LT -> ElementwiseKernels::ltD;
            case LE -> ElementwiseKernels::leD;
            case GT -> ElementwiseKernels::gtD;
            case GE -> ElementwiseKernels::geD;
            case ADD, SUB, MUL, DIV, POW, FLOOR_DIVIDE, MAXIMUM, MINIMUM -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }

    // ---------------------------------------------------------------- any length: main loop + padded tail

    static void run(F1 k, float[] x, int xo, float[] y, int yo, int n) {
        int main = FS.loopBound(n);
        k.run(x, xo, y, yo, main);
        if (main < n) {
            float[] ty = new float[FL];
            k.run(tail(x, xo + main, n - main, FL), 0, ty, 0, FL);
            System.arraycopy(ty, 0, y, yo + main, n - main);
        }
    }

    static void run(D1 k, double[] x, int xo, double[] y, int yo, int n) {
        int main = DS.loopBound(n);
        k.run(x, xo, y, yo, main);
        if (main < n) {
            double[] ty = new double[DL];
            k.run(tail(x, xo + main, n - main, DL), 0, ty, 0, DL);
            System.arraycopy(ty, 0, y, yo + main, n - main);
        }
    }

    static void run(F2 k, float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) {
        int main = FS.loopBound(n);
        k.run(a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            float[] tc = new float[FL];
            k.run(as == 0 ? a : tail(a, ao + main, n - main, FL), as == 0 ? ao : 0, as,
                    bs == 0 ? b : tail(b, bo + main, n - main, FL), bs == 0 ? bo : 0, bs, tc, 0, FL);
            System.arraycopy(tc, 0, c, co + main, n - main);
        }
    }

    static void run(D2 k, double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) {
        int main = DS.loopBound(n);
        k.run(a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            double[] tc = new double[DL];
            k.run(as == 0 ? a : tail(a, ao + main, n - main, DL), as == 0 ? ao : 0, as,
                    bs == 0 ? b : tail(b, bo + main, n - main, DL), bs == 0 ? bo : 0, bs, tc, 0, DL);
            System.arraycopy(tc, 0, c, co + main, n - main);
        }
    }

    static void run(FCmp k, float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) {
        int main = FS.loopBound(n);
        k.run(a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            boolean[] tc = new boolean[FL];
            k.run(as == 0 ? a : tail(a, ao + main, n - main, FL), as == 0 ? ao : 0, as,
                    bs == 0 ? b : tail(b, bo + main, n - main, FL), bs == 0 ? bo : 0, bs, tc, 0, FL);
            System.arraycopy(tc, 0, c, co + main, n - main);
        }
    }

    static void run(DCmp k, double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) {
        int main = DS.loopBound(n);
        k.run(a, ao, as, b, bo, bs, c, co, main);
        if (main < n) {
            boolean[] tc = new boolean[DL];
            k.run(as == 0 ? a : tail(a, ao + main, n - main, DL), as == 0 ? ao : 0, as,
                    bs == 0 ? b : tail(b, bo + main, n - main, DL), bs == 0 ? bo : 0, bs, tc, 0, DL);
            System.arraycopy(tc, 0, c, co + main, n - main);
        }
    }

    /** {@code y = op(x)} over any length; for tests and callers outside the row drivers. */
    static void unary(UnaryOp op, float[] x, int xo, float[] y, int yo, int n) {
        run(unaryF(op), x, xo, y, yo, n);
    }

    static void unary(UnaryOp op, double[] x, int xo, double[] y, int yo, int n) {
        run(unaryD(op), x, xo, y, yo, n);
    }

    // ---------------------------------------------------------------- unary loops, float32

    static void negF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) fx(x, xo + i).neg().intoArray(y, yo + i); }
    static void absF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) fx(x, xo + i).abs().intoArray(y, yo + i); }
    static void sqrtF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) fx(x, xo + i).sqrt().intoArray(y, yo + i); }
    static void expF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) fx(x, xo + i).lanewise(VectorOperators.EXP).intoArray(y, yo + i); }
    static void logF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) fx(x, xo + i).lanewise(VectorOperators.LOG).intoArray(y, yo + i); }
    static void tanhF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) fx(x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i); }
    static void reciprocalF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) FloatVector.broadcast(FS, 1f).div(fx(x, xo + i)).intoArray(y, yo + i); }
    static void sigmoidF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) narrow(sigmoid(widen(x, xo + i)), y, yo + i); }
    /**
     * In double lanes, rounded once: the correctly rounded float but in rare double-rounding cases (no
     * miss among the 5 million floats in [1, 1.6)); the Vector API's float-lane TAN, also within 1 ulp,
     * misses the correctly rounded value for 336 of them.
     */
    static void tanF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) narrow(widen(x, xo + i).lanewise(VectorOperators.TAN), y, yo + i); }

    /** {@code x < 0 ? 0 : x}: not max(x, 0), which would turn -0.0 into 0.0 (torch.relu keeps -0.0). */
    static void reluF(float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i += FL) {
            FloatVector v = fx(x, xo + i);
            v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(y, yo + i);
        }
    }

    /** -1, +1, else +0.0: for zeros of both signs and for NaN, as torch.sign. */
    static void signF(float[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(FS);
        for (int i = 0; i < n; i += FL) {
            FloatVector v = fx(x, xo + i);
            zero.blend(1f, v.compare(VectorOperators.GT, 0f)).blend(-1f, v.compare(VectorOperators.LT, 0f)).intoArray(y, yo + i);
        }
    }

    // ---------------------------------------------------------------- unary loops, float64

    static void negD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).neg().intoArray(y, yo + i); }
    static void absD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).abs().intoArray(y, yo + i); }
    static void sqrtD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).sqrt().intoArray(y, yo + i); }
    static void expD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.EXP).intoArray(y, yo + i); }
    static void logD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.LOG).intoArray(y, yo + i); }
    static void tanhD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.TANH).intoArray(y, yo + i); }
    static void sinD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.SIN).intoArray(y, yo + i); }
    static void cosD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.COS).intoArray(y, yo + i); }
    static void tanD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) dx(x, xo + i).lanewise(VectorOperators.TAN).intoArray(y, yo + i); }
    static void reciprocalD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) DoubleVector.broadcast(DS, 1.0).div(dx(x, xo + i)).intoArray(y, yo + i); }
    static void sigmoidD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) sigmoid(dx(x, xo + i)).intoArray(y, yo + i); }

    static void reluD(double[] x, int xo, double[] y, int yo, int n) {
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = dx(x, xo + i);
            v.blend(0.0, v.compare(VectorOperators.LT, 0.0)).intoArray(y, yo + i);
        }
    }

    static void signD(double[] x, int xo, double[] y, int yo, int n) {
        DoubleVector zero = DoubleVector.zero(DS);
        for (int i = 0; i < n; i += DL) {
            DoubleVector v = dx(x, xo + i);
            zero.blend(1.0, v.compare(VectorOperators.GT, 0.0)).blend(-1.0, v.compare(VectorOperators.LT, 0.0)).intoArray(y, yo + i);
        }
    }

    /**
     * 1 / (1 + exp(-x)) with the sum and the division corrected (TwoSum, one Newton step), so the only
     * sizeable error left is exp's: within 1 ulp on a 4000-point mpmath check, where the plain
     * formula reaches 2.
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

    // ---------------------------------------------------------------- binary loops (steps 1 or 0)

    static void addF(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).add(fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void subF(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).sub(fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void mulF(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).mul(fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void divF(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).div(fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void maximumF(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).max(fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void minimumF(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).min(fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void powF(float[] a, int ao, int as, float[] b, int bo, int bs, float[] c, int co, int n) { for (int i = 0; i < n; i += DL) narrow(pow(widen(a, ao, as, i), widen(b, bo, bs, i)), c, co + i); }

    static void addD(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).add(dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void subD(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).sub(dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void mulD(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).mul(dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void divD(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).div(dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void maximumD(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).max(dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void minimumD(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).min(dx(b, bo, bs, i)).intoArray(c, co + i); }
    /**
     * float64 pow, one element at a time: {@code VectorOperators.POW} has no intrinsic on x86 (it falls
     * back to Math.pow per lane and boxes every vector, 16 ns per element), and the double lanes of
     * {@link #pow(DoubleVector, DoubleVector)} are not accurate enough for float64 results.
     */
    static void powD(double[] a, int ao, int as, double[] b, int bo, int bs, double[] c, int co, int n) {
        for (int i = 0; i < n; i++) {
            c[co + i] = cPow(a[ao + i * as], b[bo + i * bs]);
        }
    }

    /**
     * C's (and PyTorch's) pow: Java's Math.pow except {@code pow(1, y) = 1} for every y, NaN included,
     * and {@code pow(-1, ±inf) = 1}, where Java gives NaN.
     */
    static double cPow(double a, double b) {
        return a == 1 || (a == -1 && Double.isInfinite(b)) ? 1 : Math.pow(a, b);
    }

    private static final double RINT = 0x1.8p52;
    private static final double EVEN = 0x1p51;

    /**
     * C's pow of float32 values widened to double lanes, as {@code exp(b * log|a|)} with C's signs and
     * special cases restored. In double lanes the relative error is below 2^-44 wherever the float32
     * result is finite (|b log|a|| < 104), so the result rounded to float is within 1 ulp: a check
     * of 4M random and special pairs against Math.pow rounded to float found 2 results 1 ulp apart
     * and none further. 20x faster than the Vector API's POW, which has no intrinsic on x86.
     */
    private static DoubleVector pow(DoubleVector a, DoubleVector b) {
        DoubleVector r = a.abs().lanewise(VectorOperators.LOG).mul(b).lanewise(VectorOperators.EXP);
        DoubleVector bAbs = b.abs();
        // rint by the 1.5 * 2^52 trick (exact below 2^51, and every double from 2^51 on is an even integer)
        VectorMask<Double> integral = b.add(RINT).sub(RINT).compare(VectorOperators.EQ, b).or(bAbs.compare(VectorOperators.GE, EVEN));
        DoubleVector half = b.mul(0.5);
        VectorMask<Double> odd = integral.andNot(half.add(RINT).sub(RINT).compare(VectorOperators.EQ, half))
                .and(bAbs.compare(VectorOperators.LT, EVEN));
        VectorMask<Double> signBit = a.viewAsIntegralLanes().compare(VectorOperators.LT, 0L).cast(DS);
        VectorMask<Double> nan = a.compare(VectorOperators.LT, 0.0).and(a.test(VectorOperators.IS_FINITE)).andNot(integral);
        VectorMask<Double> one = b.compare(VectorOperators.EQ, 0.0).or(a.compare(VectorOperators.EQ, 1.0))
                .or(a.compare(VectorOperators.EQ, -1.0).and(b.test(VectorOperators.IS_INFINITE)));
        return r.blend(r.neg(), signBit.and(odd)).blend(Double.NaN, nan).blend(1.0, one);
    }

    // ---------------------------------------------------------------- pow with one exponent for the row

    /**
     * The map {@code x -> pow(x, e)} for exponents programs use, as PyTorch special-cases them (a
     * copy for 1, ones for 0, a multiply, a square root, a reciprocal), or null for other exponents
     * (1 is common: the gradient of {@code x.pow(2)} takes {@code x.pow(1)}). Each gives C pow's value
     * at every input and the scalar backend's bits: x^2, x^-1 and x^0.5 are correctly rounded in
     * float lanes; x^3, x^-2 and x^-0.5 are computed in double lanes (x*x exact) and rounded once.
     */
    static F1 powF(double e) {
        return e == 1 ? ElementwiseKernels::copyF : e == 0 ? ElementwiseKernels::onesF
                : e == 2 ? ElementwiseKernels::squareF : e == 3 ? ElementwiseKernels::cubeF
                : e == -1 ? ElementwiseKernels::reciprocalF : e == -2 ? ElementwiseKernels::inverseSquareF
                : e == 0.5 ? ElementwiseKernels::sqrtPowF : e == -0.5 ? ElementwiseKernels::rsqrtPowF : null;
    }

    /**
     * As {@link #powF(double)} for float64, only for the exponents whose special kernel is correctly
     * rounded (2, -1, 0.5); x*x*x or 1/(x*x) in double could err by more than pow's 1 ulp.
     */
    static D1 powD(double e) {
        return e == 1 ? ElementwiseKernels::copyD : e == 0 ? ElementwiseKernels::onesD
                : e == 2 ? ElementwiseKernels::squareD : e == -1 ? ElementwiseKernels::reciprocalD
                : e == 0.5 ? ElementwiseKernels::sqrtPowD : null;
    }

    static void copyF(float[] x, int xo, float[] y, int yo, int n) { System.arraycopy(x, xo, y, yo, n); }
    static void onesF(float[] x, int xo, float[] y, int yo, int n) { fill(y, yo, n, 1f); }
    static void copyD(double[] x, int xo, double[] y, int yo, int n) { System.arraycopy(x, xo, y, yo, n); }
    static void onesD(double[] x, int xo, double[] y, int yo, int n) { fill(y, yo, n, 1.0); }
    static void squareF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) { FloatVector v = fx(x, xo + i); v.mul(v).intoArray(y, yo + i); } }
    static void cubeF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) { DoubleVector v = widen(x, xo + i); narrow(v.mul(v).mul(v), y, yo + i); } }
    static void inverseSquareF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) { DoubleVector v = widen(x, xo + i); narrow(inverse(v.mul(v)), y, yo + i); } }
    static void sqrtPowF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += FL) sqrtPow(fx(x, xo + i)).intoArray(y, yo + i); }
    static void rsqrtPowF(float[] x, int xo, float[] y, int yo, int n) { for (int i = 0; i < n; i += DL) narrow(rsqrtPow(widen(x, xo + i)), y, yo + i); }

    static void squareD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) { DoubleVector v = dx(x, xo + i); v.mul(v).intoArray(y, yo + i); } }
    static void sqrtPowD(double[] x, int xo, double[] y, int yo, int n) { for (int i = 0; i < n; i += DL) sqrtPow(dx(x, xo + i)).intoArray(y, yo + i); }

    /** pow(x, 0.5): sqrt, but +0 for -0 (adding +0) and +inf for -inf, as C pow gives. */
    private static FloatVector sqrtPow(FloatVector v) {
        return v.sqrt().add(0f).blend(Float.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
    }

    private static DoubleVector sqrtPow(DoubleVector v) {
        return v.sqrt().add(0.0).blend(Double.POSITIVE_INFINITY, v.compare(VectorOperators.EQ, Double.NEGATIVE_INFINITY));
    }

    /** pow(x, -0.5): 1 / sqrtPow(x), so +inf for -0 and +0 for -inf. */
    private static DoubleVector rsqrtPow(DoubleVector v) {
        return inverse(sqrtPow(v));
    }

    private static DoubleVector inverse(DoubleVector v) {
        return DoubleVector.broadcast(DS, 1.0).div(v);
    }

    // ---------------------------------------------------------------- comparison loops

    static void eqF(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.EQ, fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void neF(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.EQ, fx(b, bo, bs, i)).not().intoArray(c, co + i); }
    static void ltF(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.LT, fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void leF(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.LE, fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void gtF(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.GT, fx(b, bo, bs, i)).intoArray(c, co + i); }
    static void geF(float[] a, int ao, int as, float[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += FL) fx(a, ao, as, i).compare(VectorOperators.GE, fx(b, bo, bs, i)).intoArray(c, co + i); }

    static void eqD(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.EQ, dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void neD(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.EQ, dx(b, bo, bs, i)).not().intoArray(c, co + i); }
    static void ltD(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.LT, dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void leD(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.LE, dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void gtD(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.GT, dx(b, bo, bs, i)).intoArray(c, co + i); }
    static void geD(double[] a, int ao, int as, double[] b, int bo, int bs, boolean[] c, int co, int n) { for (int i = 0; i < n; i += DL) dx(a, ao, as, i).compare(VectorOperators.GE, dx(b, bo, bs, i)).intoArray(c, co + i); }

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

    /**
     * {@code y[yo + i] = x[xo + i] ? 1 : 0}: the bools load as a mask, so no branch per element (C2 did
     * not vectorize the plain loop; on random signs it cost a misprediction per element).
     */
    static void fromBool(boolean[] x, int xo, float[] y, int yo, int n) {
        FloatVector zero = FloatVector.zero(FS);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            zero.blend(1f, VectorMask.fromArray(FS, x, xo + i)).intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = x[xo + i] ? 1f : 0f;
        }
    }

    /**
     * {@code y[yo + i] = c[co + i] ? a[ao + i*as] : b[bo + i*bs]} with steps 0 (one element) or 1: the
     * bools load as a mask and select by blend, no branch per element.
     */
    static void where(boolean[] c, int co, float[] a, int ao, int as, float[] b, int bo, int bs, float[] y, int yo, int n) {
        FloatVector a1 = FloatVector.broadcast(FS, a[ao]);
        FloatVector b1 = FloatVector.broadcast(FS, b[bo]);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector av = as == 0 ? a1 : FloatVector.fromArray(FS, a, ao + i);
            FloatVector bv = bs == 0 ? b1 : FloatVector.fromArray(FS, b, bo + i);
            bv.blend(av, VectorMask.fromArray(FS, c, co + i)).intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = c[co + i] ? a[ao + i * as] : b[bo + i * bs];
        }
    }

    static void where(boolean[] c, int co, double[] a, int ao, int as, double[] b, int bo, int bs, double[] y, int yo, int n) {
        DoubleVector a1 = DoubleVector.broadcast(DS, a[ao]);
        DoubleVector b1 = DoubleVector.broadcast(DS, b[bo]);
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            DoubleVector av = as == 0 ? a1 : DoubleVector.fromArray(DS, a, ao + i);
            DoubleVector bv = bs == 0 ? b1 : DoubleVector.fromArray(DS, b, bo + i);
            bv.blend(av, VectorMask.fromArray(DS, c, co + i)).intoArray(y, yo + i);
        }
        for (int i = main; i < n; i++) {
            y[yo + i] = c[co + i] ? a[ao + i * as] : b[bo + i * bs];
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

    /** {@code dst[dOff + i] = src[off + i * stride]} for {@code i < n}; stride 0 repeats one element. */
    static void gather(float[] src, int off, int stride, int n, float[] dst, int dOff) {
        if (stride == 0) {
            fill(dst, dOff, n, src[off]);
            return;
        }
        int[] map = indexMap(FL, stride);
        int main = FS.loopBound(n);
        for (int i = 0; i < main; i += FL) {
            FloatVector.fromArray(FS, src, off + i * stride, map, 0).intoArray(dst, dOff + i);
        }
        for (int i = main; i < n; i++) {
            dst[dOff + i] = src[off + i * stride];
        }
    }

    static void gather(double[] src, int off, int stride, int n, double[] dst, int dOff) {
        if (stride == 0) {
            fill(dst, dOff, n, src[off]);
            return;
        }
        int[] map = indexMap(DL, stride);
        int main = DS.loopBound(n);
        for (int i = 0; i < main; i += DL) {
            DoubleVector.fromArray(DS, src, off + i * stride, map, 0).intoArray(dst, dOff + i);
        }
        for (int i = main; i < n; i++) {
            dst[dOff + i] = src[off + i * stride];
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

    // ---------------------------------------------------------------- blocked transposition

    /**
     * {@code dst[d + r*ds + j] = src[s + j*ss + r]} for {@code r < h, j < w}: a block read along its
     * columns (runs in {@code src}) and written along its rows (runs in {@code dst}). Whole 8x8 float
     * blocks are transposed in registers; the rim, and all of it on CPUs without 256-bit vectors, by
     * gathers along the rows and element by element down the last columns.
     */
    static void transpose(float[] src, int s, int ss, float[] dst, int d, int ds, int h, int w) {
        int hm = WIDE ? h & -8 : 0;
        int wm = WIDE ? w & -8 : 0;
        for (int j = 0; j < wm; j += 8) {
            for (int r = 0; r < hm; r += 8) {
                transpose8x8(src, s + j * ss + r, ss, dst, d + r * ds + j, ds);
            }
        }
        // the rim: the last rows gathered along them, then the last columns along them
        for (int r = hm; r < h; r++) {
            gather(src, s + r, ss, w, dst, d + r * ds);
        }
        for (int j = wm; j < w; j++) {
            for (int r = 0; r < hm; r++) {
                dst[d + r * ds + j] = src[s + j * ss + r];
            }
        }
    }

    /** As {@link #transpose(float[], int, int, float[], int, int, int, int)}, by 4x4 blocks. */
    static void transpose(double[] src, int s, int ss, double[] dst, int d, int ds, int h, int w) {
        int hm = WIDE ? h & -4 : 0;
        int wm = WIDE ? w & -4 : 0;
        for (int j = 0; j < wm; j += 4) {
            for (int r = 0; r < hm; r += 4) {
                transpose4x4(src, s + j * ss + r, ss, dst, d + r * ds + j, ds);
            }
        }
        for (int r = hm; r < h; r++) {
            gather(src, s + r, ss, w, dst, d + r * ds);
        }
        for (int j = wm; j < w; j++) {
            for (int r = 0; r < hm; r++) {
                dst[d + r * ds + j] = src[s + j * ss + r];
            }
        }
    }

    static void transpose(boolean[] src, int s, int ss, boolean[] dst, int d, int ds, int h, int w) {
        for (int j = 0; j < w; j++) {
            for (int r = 0; r < h; r++) {
                dst[d + r * ds + j] = src[s + j * ss + r];
            }
        }
    }

    /**
     * Whether the kernels run at 256 bits or more, so that 256-bit vectors are native and the 8x8 float
     * and 4x4 double blocks below compile to shuffles; at 128 bits (the CPU's or forced) rows are gathered.
     */
    private static final boolean WIDE = FS.vectorBitSize() >= 256;
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    /** Per step k = 1, 2, 4: lanes moved up by k, down by k, and the lanes j with bit k set. */
    private static final VectorShuffle<Float> F_UP1 = shift(F8, -1), F_UP2 = shift(F8, -2), F_UP4 = shift(F8, -4);
    private static final VectorShuffle<Float> F_DN1 = shift(F8, 1), F_DN2 = shift(F8, 2), F_DN4 = shift(F8, 4);
    private static final VectorMask<Float> F_HI1 = bit(F8, 1), F_HI2 = bit(F8, 2), F_HI4 = bit(F8, 4);
    private static final VectorShuffle<Double> D_UP1 = shift(D4, -1), D_UP2 = shift(D4, -2);
    private static final VectorShuffle<Double> D_DN1 = shift(D4, 1), D_DN2 = shift(D4, 2);
    private static final VectorMask<Double> D_HI1 = bit(D4, 1), D_HI2 = bit(D4, 2);

    private static <E> VectorShuffle<E> shift(VectorSpecies<E> species, int by) {
        return VectorShuffle.fromOp(species, j -> Math.floorMod(j + by, species.length()));
    }

    private static <E> VectorMask<E> bit(VectorSpecies<E> species, int k) {
        boolean[] m = new boolean[species.length()];
        for (int j = 0; j < m.length; j++) {
            m[j] = (j & k) != 0;
        }
        return VectorMask.fromArray(species, m, 0);
    }

    /**
     * One 8x8 block: rows of {@code src} at stride {@code ss} become columns of {@code dst}. Each step k
     * swaps, between rows i and i + k (bit k clear in i), the lanes with bit k set in i's row and clear
     * in the other's; after k = 1, 2, 4 every element has swapped its row and column bits.
     */
    private static void transpose8x8(float[] src, int s, int ss, float[] dst, int d, int ds) {
        FloatVector v0 = FloatVector.fromArray(F8, src, s);
        FloatVector v1 = FloatVector.fromArray(F8, src, s + ss);
        FloatVector v2 = FloatVector.fromArray(F8, src, s + 2 * ss);
        FloatVector v3 = FloatVector.fromArray(F8, src, s + 3 * ss);
        FloatVector v4 = FloatVector.fromArray(F8, src, s + 4 * ss);
        FloatVector v5 = FloatVector.fromArray(F8, src, s + 5 * ss);
        FloatVector v6 = FloatVector.fromArray(F8, src, s + 6 * ss);
        FloatVector v7 = FloatVector.fromArray(F8, src, s + 7 * ss);
        FloatVector t0 = v0.blend(v1.rearrange(F_UP1), F_HI1);
        FloatVector t1 = v0.rearrange(F_DN1).blend(v1, F_HI1);
        FloatVector t2 = v2.blend(v3.rearrange(F_UP1), F_HI1);
        FloatVector t3 = v2.rearrange(F_DN1).blend(v3, F_HI1);
        FloatVector t4 = v4.blend(v5.rearrange(F_UP1), F_HI1);
        FloatVector t5 = v4.rearrange(F_DN1).blend(v5, F_HI1);
        FloatVector t6 = v6.blend(v7.rearrange(F_UP1), F_HI1);
        FloatVector t7 = v6.rearrange(F_DN1).blend(v7, F_HI1);
        v0 = t0.blend(t2.rearrange(F_UP2), F_HI2);
        v2 = t0.rearrange(F_DN2).blend(t2, F_HI2);
        v1 = t1.blend(t3.rearrange(F_UP2), F_HI2);
        v3 = t1.rearrange(F_DN2).blend(t3, F_HI2);
        v4 = t4.blend(t6.rearrange(F_UP2), F_HI2);
        v6 = t4.rearrange(F_DN2).blend(t6, F_HI2);
        v5 = t5.blend(t7.rearrange(F_UP2), F_HI2);
        v7 = t5.rearrange(F_DN2).blend(t7, F_HI2);
        v0.blend(v4.rearrange(F_UP4), F_HI4).intoArray(dst, d);
        v1.blend(v5.rearrange(F_UP4), F_HI4).intoArray(dst, d + ds);
        v2.blend(v6.rearrange(F_UP4), F_HI4).intoArray(dst, d + 2 * ds);
        v3.blend(v7.rearrange(F_UP4), F_HI4).intoArray(dst, d + 3 * ds);
        v0.rearrange(F_DN4).blend(v4, F_HI4).intoArray(dst, d + 4 * ds);
        v1.rearrange(F_DN4).blend(v5, F_HI4).intoArray(dst, d + 5 * ds);
        v2.rearrange(F_DN4).blend(v6, F_HI4).intoArray(dst, d + 6 * ds);
        v3.rearrange(F_DN4).blend(v7, F_HI4).intoArray(dst, d + 7 * ds);
    }

    /** One 4x4 block of doubles, by steps k = 1, 2 as {@link #transpose8x8}. */
    private static void transpose4x4(double[] src, int s, int ss, double[] dst, int d, int ds) {
        DoubleVector v0 = DoubleVector.fromArray(D4, src, s);
        DoubleVector v1 = DoubleVector.fromArray(D4, src, s + ss);
        DoubleVector v2 = DoubleVector.fromArray(D4, src, s + 2 * ss);
        DoubleVector v3 = DoubleVector.fromArray(D4, src, s + 3 * ss);
        DoubleVector t0 = v0.blend(v1.rearrange(D_UP1), D_HI1);
        DoubleVector t1 = v0.rearrange(D_DN1).blend(v1, D_HI1);
        DoubleVector t2 = v2.blend(v3.rearrange(D_UP1), D_HI1);
        DoubleVector t3 = v2.rearrange(D_DN1).blend(v3, D_HI1);
        t0.blend(t2.rearrange(D_UP2), D_HI2).intoArray(dst, d);
        t1.blend(t3.rearrange(D_UP2), D_HI2).intoArray(dst, d + ds);
        t0.rearrange(D_DN2).blend(t2, D_HI2).intoArray(dst, d + 2 * ds);
        t1.rearrange(D_DN2).blend(t3, D_HI2).intoArray(dst, d + 3 * ds);
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
