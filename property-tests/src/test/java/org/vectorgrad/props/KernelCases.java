package org.vectorgrad.props;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Layout;

/**
 * Generators for raw Backend SPI calls: operands as buffers plus Layouts of user-made views, with row
 * lengths around the vector lengths and their tails.
 */
final class KernelCases {
    /**
     * Row lengths at the edges of vector loops: lane counts (8 floats and 4 doubles with AVX2, 16 and 8
     * with AVX-512), unrolled bodies of 4 vectors and the reduction blocks of 16 x 4 vectors, each with
     * its neighbours, so that every tail length is met.
     */
    static final List<Integer> ROW_LENGTHS = List.of(1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127,
            128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 2049);
    /** Cap on elements per operand outside the large-size properties. */
    static final int MAX_NUMEL = 6000;

    private KernelCases() {
    }

    static Arbitrary<Integer> rowLength() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(0, 20)), Tuple.of(2, Arbitraries.of(ROW_LENGTHS)));
    }

    /** Rank minRank..maxRank; small leading dims, a last dim from {@link #rowLength()}. */
    static Arbitrary<int[]> shape(int minRank, int maxRank) {
        return Combinators.combine(Gen.shape(Math.max(minRank - 1, 0), maxRank - 1, 3), rowLength(), Arbitraries.of(true, true, true, false))
                .as((lead, last, appendLast) -> {
                    if (!appendLast && lead.length >= minRank) {
                        return lead;
                    }
                    int[] s = Arrays.copyOf(lead, lead.length + 1);
                    s[lead.length] = last;
                    return s;
                })
                .filter(s -> s.length >= minRank && s.length <= maxRank && Shapes.numel(s) <= MAX_NUMEL);
    }

    /**
     * Shapes above the SIMD threading threshold (2^17 element units; transcendental maps weigh 8, so
     * 2^14 elements already split), with odd lengths so that parts end in tails.
     */
    static Arbitrary<int[]> largeShape() {
        return Arbitraries.of(new int[] {16_387}, new int[] {131_077}, new int[] {2, 70_001}, new int[] {65_539, 3},
                new int[] {3, 5, 9_001});
    }

    static Arbitrary<Operand> input(DType dtype, int[] shape, Set<Gen.Special> specials) {
        return Gen.operand(dtype, shape, Gen.kernelValues(dtype, specials), true);
    }

    /** An output operand: any layout without overlap, holding zeros (NaN outside the view). */
    static Arbitrary<Operand> output(DType dtype, int[] shape) {
        return Gen.recipe(shape, false).map(r -> new Operand(dtype, shape, new double[Shapes.numel(shape)], r));
    }

    /** A Layout broadcast to {@code shape}, as the ops layer hands operands to a kernel: new and size-1 dims get stride 0. */
    static Layout broadcast(Layout l, int[] shape) {
        int lead = shape.length - l.rank();
        int[] strides = new int[shape.length];
        for (int d = 0; d < l.rank(); d++) {
            strides[lead + d] = l.shape(d) == 1 ? 0 : l.stride(d);
        }
        return new Layout(l.offset(), shape, strides);
    }

    /** The operand's values in the order of its layout permuted by {@code order}, row-major. */
    static double[] permutedValues(Operand o, int[] order) {
        int[] shape = o.shape();
        int[] permuted = IntStream.of(order).map(d -> shape[d]).toArray();
        double[] r = new double[o.numel()];
        for (int i = 0; i < r.length; i++) {
            int[] p = Shapes.unflatten(permuted, i);
            int[] idx = new int[shape.length];
            for (int k = 0; k < order.length; k++) {
                idx[order[k]] = p[k];
            }
            r[i] = o.values()[Shapes.flatten(shape, idx)];
        }
        return r;
    }

    /** Values read from a buffer through a layout, row-major. */
    static double[] read(Object buffer, Layout l) {
        int[] pos = new int[l.size()];
        l.positions(pos);
        double[] r = new double[pos.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = switch (buffer) {
                case float[] f -> f[pos[i]];
                case double[] d -> d[pos[i]];
                case long[] v -> v[pos[i]];
                default -> throw new IllegalArgumentException(buffer.getClass().toString());
            };
        }
        return r;
    }
}
