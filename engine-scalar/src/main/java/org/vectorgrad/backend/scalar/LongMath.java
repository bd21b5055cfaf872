package org.vectorgrad.backend.scalar;

import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * The scalar backend's arithmetic on bool, int32 and int64 values, all widened to long. Results are
 * narrowed when stored, so int32 arithmetic wraps around exactly as Java's {@code int} (and PyTorch's
 * C++) does: the low 32 bits of a 64-bit sum, product or power are those of the 32-bit one. Bools are
 * 0 and 1 and store as {@code != 0}, which makes ADD a logical or and MUL a logical and.
 */
final class LongMath {

    private LongMath() {
    }

    /**
     * NEG, ABS, SIGN and RELU. The float-only ops ({@link UnaryOp#isFloatOnly()}) are rejected before
     * they get here; UnaryOpsTest checks that every other op has a case.
     */
    static long unary(UnaryOp op, long x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Long.signum(x);
            case RELU -> Math.max(x, 0);
            default -> throw new IllegalArgumentException(op + " needs a floating point dtype");
        };
    }

    static long binary(BinaryOp op, long a, long b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case POW -> pow(a, b);
            case FLOOR_DIVIDE -> {
                if (b == 0) {
                    throw new IllegalArgumentException("ZeroDivisionError");
                }
                yield Math.floorDiv(a, b);
            }
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case DIV -> throw new IllegalArgumentException("integer DIV is not a backend op: the ops layer "
                    + "promotes true division of integers to float");
            case EQ, NE, LT, LE, GT, GE -> throw new IllegalArgumentException(op + " is a comparison");
        };
    }

    static boolean compare(BinaryOp op, long a, long b) {
        return switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            case ADD, SUB, MUL, DIV, POW, FLOOR_DIVIDE, MAXIMUM, MINIMUM -> throw new IllegalArgumentException(op + " is not a comparison");
        };
    }

    /**
     * {@code base ** exponent} by repeated squaring, wrapping around like integer multiplication. A
     * negative exponent gives what {@code torch.pow} gives for integer tensors: 1 for base 1, +-1 for
     * base -1, and 0 otherwise (0 too for base 0). (PyTorch raises "Integers to negative integer powers
     * are not allowed." only for a Python-number exponent; that check belongs to the ops layer.)
     */
    static long pow(long base, long exponent) {
        if (exponent < 0) {
            if (base == 1) {
                return 1;
            }
            return base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : 0;
        }
        long result = 1;
        while (exponent != 0) {
            if ((exponent & 1) != 0) {
                result *= base;
            }
            base *= base;
            exponent >>>= 1;
        }
        return result;
    }

    /** {@code v[from..to)} reduced by any {@link ReduceOp}; ALL and ANY read 0 as false. */
    static long reduce(ReduceOp op, long[] v, int from, int to) {
        return switch (op) {
            case SUM -> {
                long s = 0;
                for (int i = from; i < to; i++) {
                    s += v[i];
                }
                yield s;
            }
            case SUM_SQUARES -> {
                long s = 0;
                for (int i = from; i < to; i++) {
                    s += v[i] * v[i];
                }
                yield s;
            }
            case SUM_ABS -> {
                long s = 0;
                for (int i = from; i < to; i++) {
                    s += Math.abs(v[i]);
                }
                yield s;
            }
            case PROD -> {
                long p = 1;
                for (int i = from; i < to; i++) {
                    p *= v[i];
                }
                yield p;
            }
            case MAX, MIN -> v[from + argExtreme(op, v, from, to)];
            case ALL, ANY -> {
                // ALL looks for a zero, ANY for a non-zero; finding one decides the answer.
                boolean lookForNonZero = op == ReduceOp.ANY;
                for (int i = from; i < to; i++) {
                    if ((v[i] != 0) == lookForNonZero) {
                        yield lookForNonZero ? 1 : 0;
                    }
                }
                yield lookForNonZero ? 0 : 1;
            }
        };
    }

    /** Index within {@code v[from..to)} (non-empty) of the first element equal to the MAX or MIN. */
    static int argExtreme(ReduceOp op, long[] v, int from, int to) {
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (op == ReduceOp.MAX ? v[i] > v[best] : v[i] < v[best]) {
                best = i;
            }
        }
        return best - from;
    }

    /** Like {@link DoubleMath#matmul}, wrapping around on overflow. */
    static void matmul(long[] a, int aOff, long[] b, int bOff, long[] c, int cOff, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int cRow = cOff + i * n;
            for (int p = 0; p < k; p++) {
                long aip = a[aOff + i * k + p];
                int bRow = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += aip * b[bRow + j];
                }
            }
        }
    }
}
