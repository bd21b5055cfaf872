package org.vectorgrad.backend.simd;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.vectorgrad.backend.BinaryOp;

/**
 * Kernels on bool storage as it is: a {@code boolean[]} holds one byte, 0 or 1, per element, so a bool
 * op is a byte op over byte lanes of {@link Widths#BITS} ({@code ByteVector.fromBooleanArray}), as ATen's
 * bool loops run on uint8 vectors, instead of the scalar backend's widening of every operand to
 * {@code long[]}.
 *
 * <p>Every binary op on bools is an and or a xor with some of the operands and the result negated:
 * {@code c = ((a ^ fa) & (b ^ fb)) ^ fc} with flips 0 or 1 ({@link #logical}; or is De Morgan's).
 */
final class BoolKernels {
    /**
     * Bytes, for bool storage ({@code boolean[]}, one byte of 0 or 1 per element). Created here rather
     * than in {@link Widths}: a new element type's species initialises its vector classes (several ms
     * in a fresh JVM), which programs without bool ops need not pay.
     */
    private static final VectorSpecies<Byte> S = VectorSpecies.of(byte.class, VectorShape.forBitSize(Widths.BITS));
    private static final int L = S.length();

    private BoolKernels() {
    }

    /**
     * {@code out = a op b} for n > 0 bool elements of operands contiguous or one element (steps 1 or 0)
     * into a contiguous output: MUL and MINIMUM are and, ADD and MAXIMUM or, and the comparisons with
     * false < true. False, with nothing written, for another op or layout.
     */
    static boolean logical(BinaryOp op, boolean[] a, int ao, int as, boolean[] b, int bo, int bs,
                           boolean[] c, int co, int n) {
        switch (op) {
            case MUL, MINIMUM -> and(a, ao, as, 0, b, bo, bs, 0, 0, c, co, n);
            case ADD, MAXIMUM -> and(a, ao, as, 1, b, bo, bs, 1, 1, c, co, n);   // a | b = !(!a & !b)
            case LT -> and(a, ao, as, 1, b, bo, bs, 0, 0, c, co, n);             // !a & b
            case GT -> and(a, ao, as, 0, b, bo, bs, 1, 0, c, co, n);             // a & !b
            case LE -> and(a, ao, as, 0, b, bo, bs, 1, 1, c, co, n);             // !a | b = !(a & !b)
            case GE -> and(a, ao, as, 1, b, bo, bs, 0, 1, c, co, n);             // a | !b = !(!a & b)
            case NE -> xor(a, ao, as, b, bo, bs, 0, c, co, n);
            case EQ -> xor(a, ao, as, b, bo, bs, 1, c, co, n);
            default -> {
                return false;   // SUB and POW are errors the scalar backend raises; others promote first
            }
        }
        return true;
    }

    private static ByteVector load(boolean[] x, int xo, int step, int i, ByteVector one) {
        return step == 0 ? one : ByteVector.fromBooleanArray(S, x, xo + i);
    }

    private static int bit(boolean[] x, int xo, int step, int i) {
        return x[xo + i * step] ? 1 : 0;
    }

    /** {@code c = ((a ^ fa) & (b ^ fb)) ^ fc}, flips 0 or 1. */
    private static void and(boolean[] a, int ao, int as, int fa, boolean[] b, int bo, int bs, int fb, int fc,
                            boolean[] c, int co, int n) {
        ByteVector a1 = ByteVector.broadcast(S, (byte) (bit(a, ao, 0, 0) ^ fa));
        ByteVector b1 = ByteVector.broadcast(S, (byte) (bit(b, bo, 0, 0) ^ fb));
        byte va = (byte) fa;
        byte vb = (byte) fb;
        byte vc = (byte) fc;
        int main = S.loopBound(n);
        for (int i = 0; i < main; i += L) {
            ByteVector x = as == 0 ? a1 : load(a, ao, as, i, a1).lanewise(VectorOperators.XOR, va);
            ByteVector y = bs == 0 ? b1 : load(b, bo, bs, i, b1).lanewise(VectorOperators.XOR, vb);
            x.and(y).lanewise(VectorOperators.XOR, vc).intoBooleanArray(c, co + i);
        }
        for (int i = main; i < n; i++) {
            c[co + i] = (((bit(a, ao, as, i) ^ fa) & (bit(b, bo, bs, i) ^ fb)) ^ fc) != 0;
        }
    }

    private static void xor(boolean[] a, int ao, int as, boolean[] b, int bo, int bs, int fc,
                            boolean[] c, int co, int n) {
        ByteVector a1 = ByteVector.broadcast(S, (byte) bit(a, ao, 0, 0));
        ByteVector b1 = ByteVector.broadcast(S, (byte) bit(b, bo, 0, 0));
        byte vc = (byte) fc;
        int main = S.loopBound(n);
        for (int i = 0; i < main; i += L) {
            load(a, ao, as, i, a1).lanewise(VectorOperators.XOR, load(b, bo, bs, i, b1))
                    .lanewise(VectorOperators.XOR, vc).intoBooleanArray(c, co + i);
        }
        for (int i = main; i < n; i++) {
            c[co + i] = (bit(a, ao, as, i) ^ bit(b, bo, bs, i) ^ fc) != 0;
        }
    }

    /**
     * The positions of the true elements of {@code x[xo .. xo + n)}: counted a byte vector at a time
     * (a mask's popcount), then each vector's mask taken as bits and its set bits read off lowest first,
     * instead of a loop whose every step waits for the previous count (65,536 random bools: 41 vs 96 us;
     * the Vector API's compress into a masked store was slower still).
     */
    static long[] trueIndices(boolean[] x, int xo, int n) {
        int main = S.loopBound(n);
        int count = 0;
        for (int i = 0; i < main; i += L) {
            count += VectorMask.fromArray(S, x, xo + i).trueCount();
        }
        for (int i = main; i < n; i++) {
            count += x[xo + i] ? 1 : 0;
        }
        long[] idx = new long[count];
        int k = 0;
        for (int i = 0; i < main; i += L) {
            for (long bits = VectorMask.fromArray(S, x, xo + i).toLong(); bits != 0; bits &= bits - 1) {
                idx[k++] = i + Long.numberOfTrailingZeros(bits);
            }
        }
        for (int i = main; i < n; i++) {
            if (x[xo + i]) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    /** Whether every one of {@code x[xo .. xo + n)} is true (true for n = 0). */
    static boolean all(boolean[] x, int xo, int n) {
        return !contains(x, xo, n, false);
    }

    /** Whether some one of {@code x[xo .. xo + n)} is true (false for n = 0). */
    static boolean any(boolean[] x, int xo, int n) {
        return contains(x, xo, n, true);
    }

    /** Whether {@code value} is among {@code x[xo .. xo + n)}, stopping at the first vector that holds it. */
    private static boolean contains(boolean[] x, int xo, int n, boolean value) {
        byte stored = (byte) (value ? 1 : 0);   // fromBooleanArray loads true as 1
        int main = S.loopBound(n);
        for (int i = 0; i < main; i += L) {
            if (ByteVector.fromBooleanArray(S, x, xo + i).compare(VectorOperators.EQ, stored).anyTrue()) {
                return true;
            }
        }
        for (int i = main; i < n; i++) {
            if (x[xo + i] == value) {
                return true;
            }
        }
        return false;
    }
}
