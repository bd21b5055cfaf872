package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import org.vectorgrad.DType;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.UnaryOp;

/**
 * How closely the SIMD backend must match the scalar reference, per kernel family, as the Backend SPI
 * and the SIMD kernels document it.
 */
final class Check {
    private Check() {
    }

    /**
     * Ulps allowed between the two backends for a unary map: 0 (bit-identical) for the IEEE-exact
     * ones; for the transcendental ones 1 in float32, where the scalar result is the double result
     * rounded once, that is the correctly rounded value; 2 in float64, where both backends are
     * within 1 ulp of the correctly rounded value (float64 sigmoid really differs by 2: the scalar
     * formula errs by up to 1.35 ulps, the compensated SIMD one by 0.50).
     */
    static long ulps(UnaryOp op, DType dtype) {
        return switch (op) {
            case NEG, ABS, SIGN, RELU, SQRT, RECIPROCAL, ERF -> 0;
            case EXP, LOG, SIN, COS, TAN, TANH, SIGMOID -> transcendental(dtype);
        };
    }

    static long ulps(BinaryOp op, DType dtype) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, FLOOR_DIVIDE, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE -> 0;
            case POW -> transcendental(dtype);
        };
    }

    private static long transcendental(DType dtype) {
        return dtype == DType.FLOAT32 ? 1 : 2;
    }

    /**
     * Every element of two buffers of the same kind agrees: floats within {@code maxUlps} (0: the same
     * bits, with any NaN equal to any NaN, and -0.0 different from 0.0), other kinds exactly.
     */
    static void buffers(String what, DType dtype, Object expected, Object actual, long maxUlps) {
        int n = Array.getLength(expected);
        for (int i = 0; i < n; i++) {
            Object e = Array.get(expected, i);
            Object a = Array.get(actual, i);
            boolean ok = e instanceof Float || e instanceof Double
                    ? Ulps.between(dtype, ((Number) e).doubleValue(), ((Number) a).doubleValue()) <= maxUlps
                    : e.equals(a);
            if (!ok) {
                fail(what + ": buffer element " + i + " is " + a + " under simd but " + e + " under scalar"
                        + (e instanceof Number ? " (" + Ulps.between(dtype, ((Number) e).doubleValue(),
                        ((Number) a).doubleValue()) + " ulps apart, " + maxUlps + " allowed)" : ""));
            }
        }
    }

    /** A result against an accurate sum: the documented bound and the IEEE specials. */
    static void withinBound(String what, DType dtype, Exact exact, double computed) {
        String problem = exact.check(dtype, computed);
        if (problem != null) {
            fail(what + ": " + computed + ": " + problem);
        }
    }

    /** Both backends' results within the bound, and zeros of the same sign where the sign is determined. */
    static void sum(String what, DType dtype, Exact exact, double scalar, double simd) {
        withinBound(what + " under scalar", dtype, exact, scalar);
        withinBound(what + " under simd (scalar gives " + scalar + ")", dtype, exact, simd);
        if (simd == 0 && scalar == 0 && Double.compare(simd, scalar) != 0 && exact.zeroSignDetermined(dtype)) {
            fail(what + ": simd gives " + simd + ", scalar " + scalar + ": zeros of different signs");
        }
    }
}
