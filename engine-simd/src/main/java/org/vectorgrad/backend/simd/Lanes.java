package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums and products across the lanes of one vector, in one fixed order: a pairwise tree (lane i
 * takes lane i + L/2, then i + L/4, ... down to lane 0). {@code reduceLanes(ADD)} and
 * {@code reduceLanes(MUL)} may combine lanes in any order, and do: the Java fallback that runs
 * before C2 compiles a kernel and C2's intrinsic use different orders, so the same sum changed in
 * its last bits once its kernel was compiled. Here every step is a lanewise add or multiply of the
 * same lanes in every mode, so a result depends on the input and the lane count only.
 *
 * <pre>{@code
 * float total = Lanes.sum(s0.add(s1));   // instead of s0.add(s1).reduceLanes(VectorOperators.ADD)
 * }</pre>
 */
final class Lanes {
    /** {@code F_HALVES[k]} moves lane {@code i + (L >> (k + 1))} to lane i. */
    private static final VectorShuffle<Float>[] F_HALVES = halves(FS);
    private static final VectorShuffle<Double>[] D_HALVES = halves(DS);

    private Lanes() {
    }

    /*
     * One loop per element type and op, not one generic tree(v, op, halves): a kernel that C2 did not
     * inline the tree into (over 35 bytes, it is inlined only where its call looked hot when the
     * caller compiled) called it compiled alone, where neither the op nor the vector's class was a
     * constant (float and double, several widths, ADD and MUL shared its profile), so every lanewise
     * and rearrange fell back to Java and boxed its vectors. After the sweep's other cases had run,
     * a 256 x 256 sum(1) took 26-31 us instead of 5-7 and mv at 65,536 26-330 us instead of 5-7
     * (200 KB to 1.2 MB of boxes per call). Here the op is fixed and each loop sees one vector class.
     */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> h : F_HALVES) {
            v = v.add(v.rearrange(h));
        }
        return v.lane(0);
    }

    static double sum(DoubleVector v) {
        for (VectorShuffle<Double> h : D_HALVES) {
            v = v.add(v.rearrange(h));
        }
        return v.lane(0);
    }

    static float product(FloatVector v) {
        for (VectorShuffle<Float> h : F_HALVES) {
            v = v.mul(v.rearrange(h));
        }
        return v.lane(0);
    }

    static double product(DoubleVector v) {
        for (VectorShuffle<Double> h : D_HALVES) {
            v = v.mul(v.rearrange(h));
        }
        return v.lane(0);
    }

    @SuppressWarnings("unchecked")
    static <E> VectorShuffle<E>[] halves(VectorSpecies<E> s) {
        int levels = Integer.numberOfTrailingZeros(s.length());
        VectorShuffle<E>[] out = new VectorShuffle[levels];
        for (int k = 0; k < levels; k++) {
            // the shuffle iota(s, half, 1, true) gives, built from its indices: in a fresh JVM iota's first
            // call cost 15-18 ms of CPU (the int vectors it computes with), fromOp's 1-2 ms
            int half = s.length() >> (k + 1);
            out[k] = VectorShuffle.fromOp(s, i -> (i + half) & (s.length() - 1));
        }
        return out;
    }
}
