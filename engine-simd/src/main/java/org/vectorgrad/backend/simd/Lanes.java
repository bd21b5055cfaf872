package org.vectorgrad.backend.simd;

import static org.vectorgrad.backend.simd.ElementwiseKernels.DS;
import static org.vectorgrad.backend.simd.ElementwiseKernels.FS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorOperators;
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

    static float sum(FloatVector v) {
        return tree(v, VectorOperators.ADD, F_HALVES).lane(0);
    }

    static double sum(DoubleVector v) {
        return tree(v, VectorOperators.ADD, D_HALVES).lane(0);
    }

    static float product(FloatVector v) {
        return tree(v, VectorOperators.MUL, F_HALVES).lane(0);
    }

    static double product(DoubleVector v) {
        return tree(v, VectorOperators.MUL, D_HALVES).lane(0);
    }

    /** Lane 0 of the result is op over all lanes, paired by halves; op is a constant once inlined. */
    @SuppressWarnings("unchecked")
    private static <E, V extends Vector<E>> V tree(V v, VectorOperators.Binary op, VectorShuffle<E>[] halves) {
        for (VectorShuffle<E> h : halves) {
            v = (V) v.lanewise(op, v.rearrange(h));
        }
        return v;
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
