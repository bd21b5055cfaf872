package org.vectorgrad.random;

/**
 * The 32-bit Mersenne Twister as PyTorch's {@code at::mt19937} runs it: the standard MT19937 recurrence
 * and tempering, seeded from the low 32 bits of the seed with the reference {@code init_genrand}, so its
 * outputs equal {@code std::mt19937(seed & 0xffffffff)}. Not thread-safe.
 */
final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] state = new int[N];
    /** Index of the next untempered word of {@code state}; {@code N} means the next draw twists first. */
    private int next;

    Mt19937(long seed) {
        seed(seed);
    }

    /** Re-seeds from the low 32 bits of {@code seed}; the first draw then regenerates the whole state. */
    void seed(long seed) {
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;   // int arithmetic wraps mod 2^32, as in C
        }
        next = N;
    }

    /** The next 32 random bits. */
    int nextInt() {
        if (next == N) {
            twist();
        }
        return temper(state[next++]);
    }

    /**
     * The next {@code n} draws as float32 uniforms in [0, 1) (their low 24 bits times 2^-24), each times
     * {@code span} plus {@code lo} in one rounding: the values {@code n} calls of {@link #nextInt()} give,
     * tempered and converted a whole state block at a time in a loop C2 vectorises. What is left of the
     * current block comes first and every later block starts at word 0 right after its twist: with one
     * loop whose start was either, C2 compiled the conversion slowly (3 to 4 times) whenever it inlined
     * {@link #twist()} beside it, which it did in some JVMs and not others (uniform_ on 65,536 floats took
     * 60 or 90 us from one run to the next, and 26 or 96 us with the inlining forced each way).
     */
    void nextFloats(float[] out, int offset, int n, float span, float lo) {
        int count = Math.min(n, N - next);
        floats(state, next, out, offset, count, span, lo);
        next += count;
        for (int at = offset + count, end = offset + n; at < end; at += count) {
            twist();
            count = Math.min(end - at, N);
            floats(state, 0, out, at, count, span, lo);
            next = count;
        }
    }

    /** {@code count} uniforms from the state words at {@code from} into {@code out} at {@code at}. */
    private static void floats(int[] words, int from, float[] out, int at, int count, float span, float lo) {
        for (int j = 0; j < count; j++) {
            out[at + j] = Math.fma((temper(words[from + j]) & FLOAT_MANTISSA_MASK) * 0x1p-24f, span, lo);
        }
    }

    /**
     * The next {@code 2n} draws as {@code n} float64 uniforms in [0, 1) (the low 53 bits of two draws, the
     * first one high, times 2^-53), each times {@code span} plus {@code lo} in one rounding, as
     * {@link #nextFloats} does for float32; a pair that straddles a twist is drawn one word at a time.
     */
    void nextDoubles(double[] out, int offset, int n, double span, double lo) {
        int end = offset + n;
        for (int at = offset; at < end; ) {
            if (next == N) {
                twist();
            }
            int count = Math.min(end - at, (N - next) / 2);
            for (int j = 0; j < count; j++) {
                long bits = ((long) temper(state[next + 2 * j]) << 32) | (temper(state[next + 2 * j + 1]) & 0xffffffffL);
                out[at + j] = Math.fma((bits & DOUBLE_MANTISSA_MASK) * 0x1p-53, span, lo);
            }
            next += 2 * count;
            at += count;
            if (count == 0) {                       // one word left before the twist
                long bits = ((long) nextInt() << 32) | (nextInt() & 0xffffffffL);
                out[at++] = Math.fma((bits & DOUBLE_MANTISSA_MASK) * 0x1p-53, span, lo);
            }
        }
    }

    private static final int FLOAT_MANTISSA_MASK = (1 << 24) - 1;
    private static final long DOUBLE_MANTISSA_MASK = (1L << 53) - 1;

    private static int temper(int y) {
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >>> 18);
    }

    /** The recurrence in three runs, so that no index wraps inside a loop (the reference's {@code % N}). */
    private void twist() {
        int k = 0;
        for (; k < N - M; k++) {
            state[k] = state[k + M] ^ mix(state[k], state[k + 1]);
        }
        for (; k < N - 1; k++) {
            state[k] = state[k + M - N] ^ mix(state[k], state[k + 1]);
        }
        state[N - 1] = state[M - 1] ^ mix(state[N - 1], state[0]);
        next = 0;
    }

    /** The upper bit of one word and the lower 31 of the next, shifted, with MATRIX_A when odd. */
    private static int mix(int upper, int lower) {
        int y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
        return (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
}
