package org.vectorgrad.backend.simd;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;
import org.vectorgrad.backend.UnaryOp;

/**
 * Float inputs for a float32 kernel, checked a batch at a time against the correctly rounded value:
 * {@code (float) StrictMath.f((double) x)}, fdlibm's double result (error below 1 double ulp) rounded
 * once. That is the correctly rounded float unless the exact value lies within ~2^-29 float ulps of a
 * rounding midpoint, vanishingly rare, and even then 1 float ulp away at most.
 */
final class FloatSweep {
    private static final int BATCH = 1 << 16;
    private final UnaryOp[] ops;
    private final float[] x = new float[BATCH];
    private final float[] y = new float[BATCH];
    private int n;

    /** A sweep checking each of {@code ops} (SIN, COS, TAN, EXP, LOG, TANH or SIGMOID) within 1 ulp. */
    FloatSweep(UnaryOp... ops) {
        this.ops = ops;
    }

    /** A stride through every float exponent, both signs. */
    FloatSweep allExponents() {
        for (long bits = 0; bits < 0x7f800000L; bits += 257) {
            add(Float.intBitsToFloat((int) bits));
            add(-Float.intBitsToFloat((int) bits + 30));
        }
        return this;
    }

    /** Every float in [from, to). */
    FloatSweep every(float from, float to) {
        for (int bits = Float.floatToIntBits(from); bits < Float.floatToIntBits(to); bits++) {
            add(Float.intBitsToFloat(bits));
        }
        return this;
    }

    /** The floats nearest to k*pi/2, both signs, where range reduction cancels most (and tan has its zeros and poles). */
    FloatSweep nearMultiplesOfHalfPi() {
        for (long k = 1; k < 2_000_000; k = k < 1000 ? k + 1 : k * 1001 / 1000) {
            int centre = Float.floatToIntBits((float) (k * Math.PI / 2));
            for (int d = -8; d <= 8; d++) {
                add(Float.intBitsToFloat(centre + d));
                add(-Float.intBitsToFloat(centre + d));
            }
        }
        return this;
    }

    void add(float v) {
        x[n++] = v;
        if (n == BATCH) {
            check();
        }
    }

    /** Checks what is left; call at the end. */
    void check() {
        for (UnaryOp op : ops) {
            DoubleUnaryOperator reference = switch (op) {
                case SIN -> StrictMath::sin;
                case COS -> StrictMath::cos;
                case TAN -> StrictMath::tan;
                case EXP -> StrictMath::exp;
                case LOG -> StrictMath::log;
                case TANH -> StrictMath::tanh;
                // the double formula errs by a few double ulps: still the correctly rounded float but near midpoints
                case SIGMOID -> v -> 1 / (1 + StrictMath.exp(-v));
                default -> throw new IllegalArgumentException(op + " has no StrictMath reference here");
            };
            ElementwiseKernels.unary(op, x, 0, y, 0, n);
            for (int i = 0; i < n; i++) {
                float want = (float) reference.applyAsDouble(x[i]);
                if (Check.ulps(y[i], want) > 1) {
                    fail(op + "(" + x[i] + " = " + Float.toHexString(x[i]) + ") = " + y[i] + ", correctly rounded " + want);
                }
            }
        }
        n = 0;
    }
}
