package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.UnaryOp;

/**
 * {@link ExpLog}, {@link TanhSigmoid} and {@link SinCosTan} against references: float32 against the
 * correctly rounded value ({@link FloatSweep}); float64 exp, tanh and sigmoid against a 40-digit
 * BigDecimal evaluation rounded once (so "within 1 ulp" is of the correctly rounded result), float64
 * log, sin, cos and tan against StrictMath (fdlibm, within 1 ulp of the exact value; ours is within
 * 0.83, so the two are at most 1 ulp apart). Special arguments get C's (and Java's) values exactly.
 */
class TranscendentalAccuracyTest {
    private static final MathContext MC = new MathContext(40);
    private static final UnaryOp[] FLOAT_OPS = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.TANH, UnaryOp.SIGMOID};

    @Test
    void float32WithinOneUlpAcrossAllExponents() {
        new FloatSweep(FLOAT_OPS).allExponents().check();
    }

    @Test
    void float32WithinOneUlpForEveryFloatInOneToTwo() {
        new FloatSweep(FLOAT_OPS).every(1f, 2f).check();
    }

    @Test
    void float32SpecialValues() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MAX_VALUE, -Float.MAX_VALUE, 88.72283f, 88.72284f, -103.27893f, -103.97208f, -104f, 1f, -1f, 20f, -20f};
        for (UnaryOp op : FLOAT_OPS) {
            float[] y = new float[x.length];
            ElementwiseKernels.unary(op, x, 0, y, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                float want = (float) reference(op, x[i]);
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[i]), op + "(" + x[i] + ") = " + y[i] + ", want " + want);
            }
        }
    }

    /**
     * float32 exp scales by 2^k as one factor where every lane has |x| <= 87 and as two factors
     * otherwise: the two must give the same bits wherever the first applies (every 509th float of
     * [-87, 87], both ends, and vectors mixing those with lanes that take the two factors).
     */
    @Test
    void float32ExpOneFactorGivesTheBitsOfTwoFactors() {
        int lanes = ElementwiseKernels.FL;
        float[] x = new float[lanes];
        float[] lone = new float[lanes];
        float[] two = new float[lanes];
        int low = Float.floatToRawIntBits(-87f);
        int checked = 0;
        for (long bits = 0; bits <= Float.floatToRawIntBits(87f); bits += 509) {
            for (int sign = 0; sign < 2; sign++) {
                x[checked % lanes] = Float.intBitsToFloat((int) bits | (sign << 31));
                if (++checked % lanes == 0) {
                    compareScales(x, lone, two);
                }
            }
        }
        float[][] edges = {{87f, -87f, Math.nextDown(87f), Math.nextUp(-87f)}, {87f, Math.nextUp(87f), -87f, Float.NaN}};
        for (float[] e : edges) {
            for (int i = 0; i < lanes; i++) {
                x[i] = e[i % e.length];
            }
            compareScales(x, lone, two);
        }
        assertTrue(Float.intBitsToFloat(low) == -87f && checked > 1 << 22, "checked " + checked);
    }

    private static void compareScales(float[] x, float[] lone, float[] two) {
        var v = jdk.incubator.vector.FloatVector.fromArray(ElementwiseKernels.FS, x, 0);
        ExpLog.exp(v).intoArray(lone, 0);
        ExpLog.exp(v, null, 0).intoArray(two, 0);
        for (int i = 0; i < x.length; i++) {
            if (Float.floatToRawIntBits(lone[i]) != Float.floatToRawIntBits(two[i])) {
                fail("exp(" + x[i] + "): one factor " + lone[i] + ", two factors " + two[i]);
            }
        }
    }

    @Test
    void float64ExpTanhSigmoidWithinOneUlpOfTheCorrectlyRoundedResult() {
        SplittableRandom r = new SplittableRandom(10);
        int n = 6000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                case 0 -> r.nextDouble(-1, 1);
                case 1 -> r.nextDouble(-20, 20);
                case 2 -> r.nextDouble(-1e-6, 1e-6);
                default -> r.nextDouble(-700, 700);
            };
        }
        check(UnaryOp.EXP, x, v -> exact(v).doubleValue(), 1);
        check(UnaryOp.TANH, x, v -> {
            BigDecimal e2 = exact(2 * Math.min(Math.abs(v), 30));
            return Math.copySign(e2.subtract(BigDecimal.ONE).divide(e2.add(BigDecimal.ONE), MC).doubleValue(), v);
        }, 1);
        check(UnaryOp.SIGMOID, x, v -> BigDecimal.ONE.divide(BigDecimal.ONE.add(exact(-v)), MC).doubleValue(), 1);
    }

    @Test
    void float64LogSinCosTanWithinOneUlpOfStrictMath() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 200_000;
        double[] positive = new double[n];
        double[] angle = new double[n];
        for (int i = 0; i < n; i++) {
            positive[i] = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong(0x7ff0000000000000L));   // every exponent, subnormals included
                case 1 -> r.nextDouble(0.5, 2);
                case 2 -> 1 + r.nextDouble(-1e-9, 1e-9);
                default -> r.nextDouble(0, 1000);
            };
            angle[i] = switch (i % 4) {
                case 0 -> r.nextDouble(-4, 4);
                case 1 -> r.nextDouble(-1e6, 1e6);
                case 2 -> Math.scalb(r.nextDouble(-1, 1), r.nextInt(-60, 31));
                default -> Math.rint(r.nextDouble(-1e5, 1e5)) * (Math.PI / 2) + r.nextDouble(-1e-9, 1e-9);   // near k pi/2
            };
        }
        check(UnaryOp.LOG, positive, StrictMath::log, 1);
        check(UnaryOp.SIN, angle, StrictMath::sin, 1);
        check(UnaryOp.COS, angle, StrictMath::cos, 1);
        check(UnaryOp.TAN, angle, StrictMath::tan, 1);
    }

    @Test
    void float64SpecialValues() {
        double[] x = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 709.782712893384, 709.7827128933841, -745.1332191019411,
            -745.1332191019412, -746, 0x1p30, Math.nextUp(0x1p30), -0x1p31, 1e300, 0x1p-30, -0x1p-30};
        for (UnaryOp op : new UnaryOp[] {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.SIN, UnaryOp.COS, UnaryOp.TAN, UnaryOp.TANH, UnaryOp.SIGMOID}) {
            double[] y = new double[x.length];
            ElementwiseKernels.unary(op, x, 0, y, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                double want = reference(op, x[i]);
                boolean exact = Double.isNaN(want) || Double.isInfinite(want) || want == 0 || Double.isInfinite(x[i]) || x[i] == 0
                        || Math.abs(x[i]) > 0x1p30 && op != UnaryOp.EXP && op != UnaryOp.LOG;
                if (exact) {
                    assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(y[i]), op + "(" + x[i] + ")");
                } else {
                    assertTrue(Check.ulps(want, y[i]) <= 1, op + "(" + x[i] + ") = " + y[i] + ", StrictMath " + want);
                }
            }
        }
    }

    @Test
    void elementsBeyondTheReductionRangeDoNotChangeTheirNeighboursAlsoInPlace() {
        double[] x = new double[64];
        float[] xf = new float[64];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 5 == 2 ? 3e9 * (i + 1) : i % 11 == 7 ? Double.POSITIVE_INFINITY : (i - 30) * 0.37;
            xf[i] = (float) x[i];
        }
        for (UnaryOp op : new UnaryOp[] {UnaryOp.SIN, UnaryOp.COS, UnaryOp.TAN}) {
            double[] y = x.clone();
            ElementwiseKernels.unary(op, y, 0, y, 0, y.length);
            float[] yf = xf.clone();
            ElementwiseKernels.unary(op, yf, 0, yf, 0, yf.length);
            for (int i = 0; i < x.length; i++) {
                double[] alone = new double[1];
                ElementwiseKernels.unary(op, x, i, alone, 0, 1);
                assertEquals(Double.doubleToLongBits(alone[0]), Double.doubleToLongBits(y[i]), op + " float64 element " + i);
                float[] aloneF = new float[1];
                ElementwiseKernels.unary(op, xf, i, aloneF, 0, 1);
                assertEquals(Float.floatToIntBits(aloneF[0]), Float.floatToIntBits(yf[i]), op + " float32 element " + i);
            }
        }
    }

    private static double reference(UnaryOp op, double v) {
        return switch (op) {
            case EXP -> StrictMath.exp(v);
            case LOG -> StrictMath.log(v);
            case SIN -> StrictMath.sin(v);
            case COS -> StrictMath.cos(v);
            case TAN -> StrictMath.tan(v);
            case TANH -> StrictMath.tanh(v);
            case SIGMOID -> 1 / (1 + StrictMath.exp(-v));
            default -> throw new IllegalArgumentException(op.toString());
        };
    }

    private static void check(UnaryOp op, double[] x, DoubleUnaryOperator want, long maxUlps) {
        double[] y = new double[x.length];
        ElementwiseKernels.unary(op, x, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            double w = want.applyAsDouble(x[i]);
            if (Check.ulps(w, y[i]) > maxUlps) {
                fail(op + "(" + x[i] + " = " + Double.toHexString(x[i]) + ") = " + y[i] + ", reference " + w
                        + " (" + Check.ulps(w, y[i]) + " ulps)");
            }
        }
    }

    /** e^v to 40 digits: e^(v/2^12) by its series, squared 12 times. */
    private static BigDecimal exact(double v) {
        BigDecimal z = new BigDecimal(v).divide(BigDecimal.valueOf(4096), MC);
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int k = 1; k < 30; k++) {
            term = term.multiply(z, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < 12; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }
}
