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
    private int next;
    private int left;

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
        left = 1;
        next = 0;
    }

    /** The next 32 random bits. */
    int nextInt() {
        if (--left == 0) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (state[k] & UPPER_MASK) | (state[(k + 1) % N] & LOWER_MASK);
            state[k] = state[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        left = N;
        next = 0;
    }
}
