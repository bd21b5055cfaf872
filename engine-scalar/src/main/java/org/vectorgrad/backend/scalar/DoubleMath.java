package org.vectorgrad.backend.scalar;

import java.util.function.DoubleUnaryOperator;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.FloorDivision;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.TernaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * The scalar backend's arithmetic on floating-point values. float32 elements arrive widened to double
 * and are rounded once when stored, which gives float32 results as follows:
 * <ul>
 *   <li>{@code + - * /}, reciprocal and sqrt: correctly rounded, so bit-identical to Java's float
 *       operators (double carries more than twice float's precision, so rounding twice is harmless);</li>
 *   <li>exp, log, sin, cos, tan, tanh, sigmoid and pow: {@link Math}'s double result (within 1 ulp of double)
 *       rounded to float, so within 1 float ulp of the correctly rounded result;</li>
 *   <li>erf: {@link Erf} (Java has none), within 1.05 ulp of the exact value in double, so within 1 ulp
 *       of the correctly rounded result in either dtype.</li>
 * </ul>
 */
final class DoubleMath {
    /** Rows up to this length are summed left to right; longer ones are halved recursively. */
    private static final int PAIRWISE_BLOCK = 16;

    private DoubleMath() {
    }

    static double unary(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            // Zero of either sign gives +0.0, as torch.sign does; NaN stays NaN (torch 1.13 gives 0).
            case SIGN -> x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
            case SQRT -> Math.sqrt(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case ERF -> Erf.erf(x);
            // Not Math.max(x, 0): torch.relu keeps -0.0 as -0.0, and NaN < 0 is false so NaN stays.
            case RELU -> x < 0 ? 0.0 : x;
            case RECIPROCAL -> 1 / x;
        };
    }

    static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> pow(a, b);
            case FLOOR_DIVIDE -> FloorDivision.of(a, b);
            // NaN if either is NaN, and -0.0 < 0.0: Math's (and the Vector API's) definition. PyTorch's
            // own answer for max(-0.0, 0.0) depends on whether its vectorized or scalar loop ran.
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case EQ, NE, LT, LE, GT, GE -> throw new IllegalArgumentException(op + " is a comparison");
        };
    }

    /**
     * One element of a {@link TernaryOp}, each step rounded by {@code round} (to float32, or not at all),
     * value already rounded: PyTorch's order, {@code x + (value * a) * b}.
     */
    static double ternary(TernaryOp op, double x, double a, double b, double value, DoubleUnaryOperator round) {
        return switch (op) {
            case ADDCMUL -> round.applyAsDouble(x + round.applyAsDouble(round.applyAsDouble(value * a) * b));
            case ADDCDIV -> round.applyAsDouble(x + round.applyAsDouble(round.applyAsDouble(value * a) / b));
            case CLAMP -> Double.isNaN(a) || Double.isNaN(b) ? a + b : clamp(x, a, b);
            case THRESHOLD_BACKWARD -> a <= b ? 0 : x;
            case SIGMOID_BACKWARD -> round.applyAsDouble(round.applyAsDouble(x * round.applyAsDouble(1 - a)) * b);
        };
    }

    /** PyTorch's clamp: x kept where it equals a bound (so -0.0 against 0.0), and where it is NaN. */
    private static double clamp(double x, double lo, double hi) {
        double r = x < lo ? lo : x;
        return r > hi ? hi : r;
    }

    /**
     * C's (and PyTorch's) pow, which differs from {@link Math#pow} in {@code pow(1, y) = 1} for every y,
     * NaN included, and {@code pow(-1, ±inf) = 1} (Java gives NaN for both).
     */
    static double pow(double a, double b) {
        return a == 1 || (a == -1 && Double.isInfinite(b)) ? 1 : Math.pow(a, b);
    }

    /**
     * {@code x -> pow(x, e)} for the exponents PyTorch's pow special-cases (a copy, ones, a multiply, a
     * square root, a reciprocal), with C pow's values at -0 and -inf; null for other exponents. For
     * float32, x^2, x^-1 and x^0.5 are correctly rounded and x^3, x^-2, x^-0.5 rounded once from
     * double; for float64 only the correctly rounded three are special (the others would round twice).
     */
    static DoubleUnaryOperator powOf(double e, boolean float32) {
        if (e == 1) {
            return a -> a;
        } else if (e == 0) {
            return a -> 1;
        } else if (e == 2) {
            return a -> a * a;
        } else if (e == -1) {
            return a -> 1 / a;
        } else if (e == 0.5) {
            return DoubleMath::sqrtPow;
        } else if (!float32) {
            return null;
        } else if (e == 3) {
            return a -> a * a * a;
        } else if (e == -2) {
            return a -> 1 / (a * a);
        } else if (e == -0.5) {
            return a -> 1 / sqrtPow(a);
        }
        return null;
    }

    /** sqrt, but +0 for -0 and +inf for -inf, as pow(x, 0.5) gives. */
    private static double sqrtPow(double a) {
        return a == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : Math.sqrt(a) + 0.0;
    }

    /** IEEE comparisons: every one involving NaN is false except NE, and -0.0 equals 0.0. */
    static boolean compare(BinaryOp op, double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return op == BinaryOp.NE;
        }
        return LongMath.compare(op, a < b ? -1 : a > b ? 1 : 0, 0);
    }

    /**
     * {@code v[from..to)} reduced by SUM, PROD, MAX, MIN, SUM_SQUARES or SUM_ABS. Sums are pairwise in
     * double; the product runs left to right in double. Overwrites the range for SUM_SQUARES and SUM_ABS.
     */
    static double reduce(ReduceOp op, double[] v, int from, int to) {
        return switch (op) {
            case SUM -> sum(v, from, to);
            case SUM_SQUARES -> {
                for (int i = from; i < to; i++) {
                    v[i] *= v[i];
                }
                yield sum(v, from, to);
            }
            case SUM_ABS -> {
                for (int i = from; i < to; i++) {
                    v[i] = Math.abs(v[i]);
                }
                yield sum(v, from, to);
            }
            case PROD -> {
                double p = 1;
                for (int i = from; i < to; i++) {
                    p *= v[i];
                }
                yield p;
            }
            case MAX, MIN -> v[from + argExtreme(op, v, from, to)];
            case ALL, ANY -> throw new IllegalArgumentException(op + " reduces bool, not floating point");
        };
    }

    /**
     * Index within {@code v[from..to)} (non-empty) of the first NaN, or else of the first element equal
     * to the MAX or MIN, as {@code torch.max(x, dim)} reports it.
     */
    static int argExtreme(ReduceOp op, double[] v, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            double x = v[i];
            if (Double.isNaN(x)) {
                return i - from;
            }
            if (op == ReduceOp.MAX ? x > v[best] : x < v[best]) {
                best = i;
            }
        }
        return best - from;
    }

    /**
     * Pairwise summation: error grows with log(n) rather than n, as in PyTorch's and NumPy's sums.
     * An empty range sums to +0.0.
     */
    static double sum(double[] v, int from, int to) {
        int n = to - from;
        if (n <= PAIRWISE_BLOCK) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += v[i];
            }
            return s;
        }
        int mid = from + n / 2;
        return sum(v, from, mid) + sum(v, mid, to);
    }

    /**
     * {@code c = a @ b} for dense row-major {@code a [m, k]}, {@code b [k, n]} and {@code c [m, n]} at the
     * given offsets; c must start zeroed. The i-k-j order walks b and c along rows; each {@code c[i][j]}
     * is a left-to-right sum over k in double.
     */
    static void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * k + p];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
    }
}
