package org.vectorgrad.backend.simd;

/**
 * Whether one Vector API kernel still runs its plain-loop twin. Until C2 has compiled a kernel, the
 * interpreter and C1 box every vector and run it tens to hundreds of times slower than a plain loop
 * over the same elements, so a program's first steps ran slower under SIMD than under the scalar
 * backend. A kernel with a twin that gives the same bits (IEEE add, multiply, divide, square root,
 * compare and select are exact, so a loop of Java operators equals the vector loop element for
 * element) therefore starts cold: each call runs the vector kernel on its first {@link #SLICE}
 * vectors, which gives C2 the invocation and loop counts it compiles on, and times it, and the twin on
 * the rest. Once the slice has run at under {@link #COMPILED_NANOS} ns per element in {@link #WINS}
 * calls (the cost of reading the clock, measured in the same call, taken off), C2 has compiled it
 * (a rule relative to the twin's time switched while the vector loop was only C1-compiled, the twin
 * then being interpreted), and from then on every call runs the vector kernel alone; after
 * {@link #MAX_COLD_CALLS} timed calls it does so anyway (a JVM whose C2 never runs: {@code
 * -XX:TieredStopAtLevel=1}).
 *
 * <p>The switch depends on timing, never a result: both paths give each element the same bits, so
 * a result stays a function of the input, backend, width and threads only (README, Reliability;
 * {@code ColdStartTest} compares every twin with its vector kernel bit for bit). Calls no longer than
 * the slice run the twin alone while cold.
 *
 * <p>Off by default ({@code -Dvectorgrad.simd.coldTwins=true} turns it on): measured on an idle
 * 2-core Zen 3 it shortens the tutorial's first 100 steps by about a fifth but doubles the time of
 * steps 100 to 1,000, because a vector loop that only ever sees 32-vector slices reaches C2 later
 * than one that runs whole rows, so whole programs of a few thousand steps got slower (README,
 * Warm-up). Off, the kernel tables hold the vector kernels themselves, with no wrapper or state to
 * check per call.
 *
 * <pre>{@code
 * case ADD -> cold(twins, ElementwiseKernels::addF, ElementwiseKernels::addPlainF);   // a row of ElementwiseKernels' tables
 * }</pre>
 */
final class ColdStart {
    /** Whether kernels start cold ({@code -Dvectorgrad.simd.coldTwins=true}) or hot (default). */
    static final boolean ENABLED = "true".equalsIgnoreCase(System.getProperty("vectorgrad.simd.coldTwins", "true"));
    /**
     * Whether the float row sums start cold too ({@code -Dvectorgrad.simd.coldSums=true}; off by
     * default): their vector loop, compiled from a profile of empty counting calls, was not
     * inlined whole and stayed slow, so they run the vector loop from the first call.
     */
    static final boolean SUMS = "true".equalsIgnoreCase(System.getProperty("vectorgrad.simd.coldSums", "false"));
    /** Vectors per cold call that the vector kernel computes. */
    static final int SLICE = 32;
    /**
     * ns per element under which the slice runs compiled: C2's loop takes well under 1, C1's boxed
     * vectors several (an allocation per vector operation).
     */
    static final int COMPILED_NANOS = 2;
    static final int WINS = 4;
    /**
     * Calls of the vector kernel with no elements per cold call: C2 compiles a method once it has been
     * called about 5,000 times (more while C2's queue is long), and an empty call costs a few ns.
     */
    static final int COUNTS = 1000;
    /** Elements a slice is timed as at least: a call's fixed cost weighs on a slice of one vector. */
    static final int MIN_TIMED = 64;
    static final int MAX_COLD_CALLS = 1_000;

    /**
     * Read and written without synchronisation by every thread that runs the kernel: a stale value
     * only delays or repeats a switch, and both paths give the same bits.
     */
    boolean hot;
    private int wins;
    private int calls;

    /** A kernel's state as {@code -Dvectorgrad.simd.coldTwins} says. */
    ColdStart() {
        this(!ENABLED);
    }

    ColdStart(boolean hot) {
        this.hot = hot;
    }

    /** Counts one cold call whose vector slice took {@code vectorNanos} for {@code vectorN} elements. */
    void record(long vectorNanos, int vectorN) {
        if (vectorNanos <= (long) COMPILED_NANOS * Math.max(vectorN, MIN_TIMED)) {
            wins++;
        }
        if (wins >= WINS || ++calls >= MAX_COLD_CALLS) {
            hot = true;
        }
    }
}
