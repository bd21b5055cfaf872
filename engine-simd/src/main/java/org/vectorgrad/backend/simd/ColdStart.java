package org.vectorgrad.backend.simd;

/**
 * Whether one Vector API kernel still runs its plain-loop twin. Until C2 has compiled a kernel, the
 * interpreter and C1 box every vector and run it tens to hundreds of times slower than a plain loop
 * over the same elements, so a program's first steps ran slower under SIMD than under the scalar
 * backend. A kernel with a twin that gives the same bits (IEEE add, multiply, divide, square root,
 * compare and select are exact, so a loop of Java operators equals the vector loop element for
 * element) therefore starts cold: the twin computes every cold call's result, and the vector kernel
 * runs beside it only to get compiled, on
 * <ul>
 * <li>a slice of the call's first {@link #SLICE} vectors into a scratch array, on one call in
 *     {@link #SLICE_RATIO} slices' worth of elements: the profile C2 compiles the loop from, and a
 *     timing;
 * <li>{@link #COUNTS} calls with no elements, {@link #MAX_COUNTS} in all: C2 compiles a method once
 *     it has been invoked some 5,000 times (more while C2's queue is long), and an empty call costs a
 *     few ns where a slice costs hundreds per boxed vector. Each kernel returns at once on
 *     {@code n == 0}, so these calls leave the loop's profile (its trip count, which sets how far C2
 *     unrolls it) as the slices made it.
 * </ul>
 * Once a slice has run at under {@link #COMPILED_NANOS} ns per element (per {@link #MIN_TIMED}
 * elements at least) in {@link #WINS} calls, the clock's own cost taken off, C2 has compiled it, and
 * from then on every call runs the vector kernel alone; after {@link #MAX_COLD_CALLS} timed slices
 * it does so anyway (a JVM whose C2 never runs: {@code -XX:TieredStopAtLevel=1}).
 *
 * <p>The switch depends on timing, never a result: both paths give each element the same bits, so
 * a result stays a function of the input, backend, width and threads only (README, Reliability;
 * {@code ColdStartTest} compares every twin with its vector kernel bit for bit).
 *
 * <p>Off by default but for {@link #WIDENING}'s two kernels ({@code -Dvectorgrad.simd.coldTwins=true}
 * turns it on for all; off, the tables hold the vector kernels themselves): on the idle 2-core Zen 3 it took about a tenth off the tutorial's
 * first 100 steps but left steps 500-2,000 about twice as long, C2's single thread busy with the
 * twins' own compiles (README, Warm-up). An earlier form ran the vector loop on each call's first 32
 * vectors and the twin on the rest, without the empty calls: a loop that only ever ran slices
 * reached C2 later than one running whole rows and whole programs got slower (README, Warm-up).
 *
 * <pre>{@code
 * case ADD -> cold(twins, ElementwiseKernels::addF, ElementwiseKernels::addPlainF);   // a row of ElementwiseKernels' tables
 * }</pre>
 */
final class ColdStart {
    /** Whether kernels with a twin start cold ({@code -Dvectorgrad.simd.coldTwins=true}) or hot (default). */
    static final boolean ENABLED = "true".equalsIgnoreCase(System.getProperty("vectorgrad.simd.coldTwins", "false"));
    /**
     * Whether the float32 kernels that run in double lanes ({@code pow} by 3 and -2: widened, computed,
     * narrowed) start cold whatever {@link #ENABLED} says ({@code -Dvectorgrad.simd.coldWidening=false}
     * turns it off). Their boxed conversions cost several times any other kernel's before C2 (README,
     * Warm-up), and their twins measured no slower once hot.
     */
    static final boolean WIDENING = !"false".equalsIgnoreCase(System.getProperty("vectorgrad.simd.coldWidening", "true"));
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
    /** Empty calls per kernel in all: enough for C2's threshold even while its queue is long. */
    static final int MAX_COUNTS = 50_000;
    /**
     * Elements a kernel's twin computes per element of a vector slice: short rows (a bias add runs
     * one call per row) then run the boxed slice on one call in this many, not on every call.
     */
    static final int SLICE_RATIO = 4;
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
    private int counted;
    private long sinceSlice;

    /** A kernel's state as {@code -Dvectorgrad.simd.coldTwins} says. */
    ColdStart() {
        this(!ENABLED);
    }

    ColdStart(boolean hot) {
        this.hot = hot;
    }

    /**
     * Whether a cold call of {@code n} elements runs the vector kernel on a slice of {@code v}: once
     * the calls since the last slice have brought {@link #SLICE_RATIO} times {@code v} elements.
     */
    boolean slice(int n, int v) {
        sinceSlice += n;
        if (v == 0 || sinceSlice < (long) SLICE_RATIO * v) {
            return false;
        }
        sinceSlice = 0;
        return true;
    }

    /** How many empty calls of the vector kernel this cold call makes: {@link #COUNTS} until {@link #MAX_COUNTS}. */
    int counts() {
        if (counted >= MAX_COUNTS) {
            return 0;
        }
        counted += COUNTS;
        return COUNTS;
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
