package org.vectorgrad.backend;

/**
 * PyTorch 1.13's floor division of floating-point values ({@code div_floor_floating}), the reference for
 * {@link BinaryOp#FLOOR_DIVIDE}: {@code mod = fmod(a, b)}, {@code div = (a - mod) / b}, one less when
 * {@code mod} and {@code b} differ in sign, then {@code floor(div)}, rounded up when {@code div - floor(div)}
 * exceeds one half; a zero quotient takes the sign of {@code a / b}, and {@code b == 0} gives {@code a / b}.
 * Each step rounds to the dtype, so float32 follows float32 arithmetic step by step:
 *
 * <pre>{@code
 * FloorDivision.of(5f, 0.1f);    // 49.0f, as torch.tensor(5.) // torch.tensor(.1)
 * FloorDivision.of(-0f, 3f);     // -0.0f
 * }</pre>
 *
 * <p>The scalar backend runs it per element; the SIMD backend's lanes must give the same bits and fall
 * back to it where their shortcut does not apply.
 */
public final class FloorDivision {
    private FloorDivision() {
    }

    /** float64 floor division. */
    public static double of(double a, double b) {
        return floorDivide(a, b, false);
    }

    /** float32 floor division, every intermediate rounded to float32. */
    public static float of(float a, float b) {
        return (float) floorDivide(a, b, true);
    }

    private static double floorDivide(double a, double b, boolean float32) {
        if (b == 0) {
            return round(a / b, float32);
        }
        double mod = a % b;   // C's fmod: exact, the sign of a
        double div = round(round(a - mod, float32) / b, float32);
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div = round(div - 1, float32);
        }
        if (div == 0) {
            return Math.copySign(0.0, round(a / b, float32));
        }
        double floor = Math.floor(div);
        return round(div - floor, float32) > 0.5 ? round(floor + 1, float32) : floor;
    }

    private static double round(double v, boolean float32) {
        return float32 ? (float) v : v;
    }
}
