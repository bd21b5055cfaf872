package org.vectorgrad.props;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.vectorgrad.DType;

/** Generators of shapes, layouts and values shared by the properties. */
final class Gen {
    private Gen() {
    }

    /**
     * A value range for gradient checks with the points where an operation has no derivative (its
     * kinks) cut out, so that finite differences never straddle one.
     */
    record Domain(double lo, double hi, double margin, double... kinks) {
        /** [-3, 3]. */
        static final Domain ANY = new Domain(-3, 3, 0);
        /** [0.25, 3]: log, sqrt, the base of a power. */
        static final Domain POSITIVE = new Domain(0.25, 3, 0);
        /** [-3, 3] without (-0.1, 0.1): abs, relu, sign, reciprocal, denominators. */
        static final Domain NONZERO = new Domain(-3, 3, 0.1, 0);

        static Domain awayFrom(double... kinks) {
            return new Domain(-3, 3, 0.05, kinks);
        }

        boolean allows(double v) {
            for (double k : kinks) {
                if (Math.abs(v - k) < margin) {
                    return false;
                }
            }
            return v >= lo && v <= hi;
        }
    }

    /** Edge values a property may allow into its operands. */
    enum Special {
        /** 0.0 and -0.0. */
        ZEROS,
        /** Subnormals: the smallest positive value and a few others, both signs. */
        SUBNORMALS,
        /** The smallest normal and magnitudes around 1e-30 (float32) or 1e-300 (float64). */
        TINY,
        /** Magnitudes around 1e30 (float32) or 1e300 (float64), and the largest finite value. */
        HUGE,
        NAN,
        INFINITIES;

        static final Set<Special> ALL = EnumSet.allOf(Special.class);
        static final Set<Special> NONE = EnumSet.noneOf(Special.class);

        /** Everything but huge magnitudes, for sums and products whose bound must stay finite. */
        static final Set<Special> NOT_HUGE = EnumSet.complementOf(EnumSet.of(HUGE));

        double[] values(DType dtype) {
            boolean f = dtype == DType.FLOAT32;
            return switch (this) {
                case ZEROS -> new double[] {0.0, -0.0};
                case SUBNORMALS -> f ? new double[] {Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -3e-39f}
                        : new double[] {Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, -3e-309};
                case TINY -> f ? new double[] {Float.MIN_NORMAL, -1e-30f, 1e-35f} : new double[] {Double.MIN_NORMAL, -1e-300, 1e-305};
                case HUGE -> f ? new double[] {Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -3e35f}
                        : new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, -3e305};
                case NAN -> new double[] {Double.NaN};
                case INFINITIES -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            };
        }
    }

    static Arbitrary<DType> floatTypes() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64);
    }

    /** A dimension size in 0..max: mostly 1..max, size 0 one time in twenty. */
    static Arbitrary<Integer> dim(int max) {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(19, Arbitraries.integers().between(1, max)));
    }

    static Arbitrary<int[]> shape(int minRank, int maxRank, int maxDim) {
        return dim(maxDim).list().ofMinSize(minRank).ofMaxSize(maxRank)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * A layout for an operand of {@code shape}: contiguous, permuted, stepped, narrowed or (when
     * allowed) expanded from a smaller source.
     */
    static Arbitrary<Recipe> recipe(int[] shape, boolean allowExpanded) {
        int rank = shape.length;
        if (rank == 0) {
            return Arbitraries.just(new Recipe.Contiguous());
        }
        Arbitrary<Integer> dims = Arbitraries.integers().between(0, rank - 1);
        Arbitrary<Recipe> permuted = Arbitraries.shuffle(IntStream.range(0, rank).boxed().toList())
                .map(l -> new Recipe.Permuted(l.stream().mapToInt(Integer::intValue).toArray()));
        Arbitrary<Recipe> stepped = Combinators.combine(dims, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(2, 3))
                .as(Recipe.Stepped::new);
        Arbitrary<Recipe> narrowed = Combinators.combine(dims, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
                .filter((d, b, a) -> b + a > 0).as(Recipe.Narrowed::new);
        Arbitrary<Recipe> expanded = Combinators.combine(Arbitraries.integers().between(0, rank),
                        Arbitraries.of(true, false).list().ofSize(rank))
                .filter((lead, mask) -> lead > 0 || mask.contains(true))
                .as((lead, mask) -> {
                    boolean[] b = new boolean[rank];
                    for (int d = 0; d < rank; d++) {
                        b[d] = mask.get(d);
                    }
                    return new Recipe.Expanded(lead, b);
                });
        List<Tuple.Tuple2<Integer, Arbitrary<Recipe>>> choices = new ArrayList<>();
        choices.add(Tuple.of(3, Arbitraries.<Recipe>just(new Recipe.Contiguous())));
        if (rank >= 2) {
            choices.add(Tuple.of(3, permuted));
        }
        choices.add(Tuple.of(2, stepped));
        choices.add(Tuple.of(2, narrowed));
        if (allowExpanded) {
            choices.add(Tuple.of(2, expanded));
        }
        return Arbitraries.frequencyOf(choices);
    }

    /**
     * Where element values come from: a jqwik arbitrary, which shrinks to readable values, and for
     * operands too long for that to pay (more than {@link #SEEDED} values) a sampler driven by one
     * seed, or null to always use the arbitrary.
     */
    record Values(Arbitrary<Double> arbitrary, ToDoubleFunction<SplittableRandom> sampler) {
    }

    /** Operands with more values than this draw them from a seed. */
    static final int SEEDED = 128;

    /** An operand of {@code shape} in a random layout; expanded operands repeat their source's values. */
    static Arbitrary<Operand> operand(DType dtype, int[] shape, Arbitrary<Double> values, boolean allowExpanded) {
        return operand(dtype, shape, new Values(values, null), allowExpanded);
    }

    static Arbitrary<Operand> operand(DType dtype, int[] shape, Values values, boolean allowExpanded) {
        return recipe(shape, allowExpanded).flatMap(r -> {
            int count = r.nonOverlapping() ? Shapes.numel(shape) : Shapes.numel(r.storageShape(shape));
            Arbitrary<double[]> source = count > SEEDED && values.sampler() != null
                    ? Arbitraries.longs().map(seed -> {
                        SplittableRandom random = new SplittableRandom(seed);
                        return IntStream.range(0, count).mapToDouble(i -> values.sampler().applyAsDouble(random)).toArray();
                    })
                    : values.arbitrary().list().ofSize(count).map(v -> v.stream().mapToDouble(Double::doubleValue).toArray());
            return source.map(v -> {
                double[] rounded = Arrays.stream(v).map(x -> round(dtype, x)).toArray();
                double[] logical = r.nonOverlapping() ? rounded : new double[Shapes.numel(shape)];
                if (!r.nonOverlapping()) {
                    for (int i = 0; i < logical.length; i++) {
                        logical[i] = rounded[r.storageIndex(shape, Shapes.unflatten(shape, i))];
                    }
                }
                return new Operand(dtype, shape, logical, r);
            });
        });
    }

    static double round(DType dtype, double v) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }

    /** Values for gradient checks (float64, four decimals: easy to read back from a counterexample). */
    static Arbitrary<Double> gradValues(Domain domain) {
        return Arbitraries.doubles().between(domain.lo(), domain.hi()).ofScale(4).filter(domain::allows);
    }

    /**
     * Values for kernel comparisons: full-precision numbers of moderate and wide magnitude, and about
     * one in twenty drawn from the allowed specials.
     */
    static Values kernelValues(DType dtype, Set<Special> specials) {
        Arbitrary<Double> ordinary = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.doubles().between(-4, 4).ofScale(15)),
                Tuple.of(2, Arbitraries.doubles().between(-1000, 1000).ofScale(12)),
                Tuple.of(1, Combinators.combine(Arbitraries.doubles().between(-1, 1).ofScale(15), Arbitraries.integers().between(-40, 40))
                        .as((m, e) -> Math.scalb(m, e))));
        double[] edges = specials.stream().flatMapToDouble(s -> Arrays.stream(s.values(dtype))).toArray();
        ToDoubleFunction<SplittableRandom> sampler = r -> {
            if (edges.length > 0 && r.nextInt(20) == 0) {
                return edges[r.nextInt(edges.length)];
            }
            int kind = r.nextInt(9);
            return kind < 6 ? r.nextDouble(-4, 4) : kind < 8 ? r.nextDouble(-1000, 1000) : Math.scalb(r.nextDouble(-1, 1), r.nextInt(-40, 41));
        };
        if (edges.length == 0) {
            return new Values(ordinary, sampler);
        }
        return new Values(Arbitraries.frequencyOf(Tuple.of(19, ordinary), Tuple.of(1, Arbitraries.of(Arrays.stream(edges).boxed().toList()))),
                sampler);
    }

    /** Two shapes that broadcast together: a common shape with leading dims dropped and dims set to 1 in each. */
    static Arbitrary<int[][]> broadcastPair(int maxRank, int maxDim) {
        return shape(0, maxRank, maxDim).flatMap(out -> {
            int rank = out.length;
            Arbitrary<int[]> side = Combinators.combine(Arbitraries.integers().between(0, rank),
                            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)))
                                    .list().ofSize(rank))
                    .as((drop, ones) -> {
                        int[] s = new int[rank - drop];
                        for (int d = drop; d < rank; d++) {
                            s[d - drop] = ones.get(d) ? 1 : out[d];
                        }
                        return s;
                    });
            return Combinators.combine(side, side).as((a, b) -> new int[][] {a, b});
        });
    }
}
