package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.ReduceOp;
import org.vectorgrad.backend.UnaryOp;
import org.vectorgrad.props.Gen.Special;

/**
 * The SIMD backend against the scalar reference at the Backend SPI, kernel family by kernel family:
 * the same buffers and Layouts (contiguous, permuted, stepped, narrowed, broadcast) go to both, and
 * the whole output buffers are compared, so writes outside the output layout are caught too.
 * Tolerances are those of {@link Check}; special values must come out as the scalar backend's.
 * The ops are drawn from the enums themselves (every {@link UnaryOp}, {@link BinaryOp} and float
 * {@link ReduceOp}), so a new kernel is compared here without a new row, and Check's exhaustive
 * switches make its tolerance a decision.
 */
class BackendProperties {
    private static final Backend SCALAR = Backends.get("scalar");
    private static final Backend SIMD = Backends.get("simd");

    // ------------------------------------------------------------------ unary maps

    record UnaryCall(UnaryOp op, Operand src, Operand dst, boolean inPlace) {
        @Override
        public String toString() {
            return op + (inPlace ? " in place on " : " of ") + src + (inPlace ? "" : " into " + dst.recipe());
        }
    }

    @Property(tries = 2000)
    void unaryKernelsMatchScalar(@ForAll("unaryCalls") UnaryCall c) {
        unary(c);
    }

    @Property(tries = 12)
    void largeUnaryKernelsMatchScalar(@ForAll("largeUnaryCalls") UnaryCall c) {
        unary(c);
    }

    private static void unary(UnaryCall c) {
        DType t = c.src().dtype();
        Object[] in = {c.src().buffer(), c.src().buffer()};
        Layout sl = c.src().layout();
        Object[] out = c.inPlace() ? in : new Object[] {c.dst().buffer(), c.dst().buffer()};
        Layout dl = c.inPlace() ? sl : c.dst().layout();
        SCALAR.unary(c.op(), t, in[0], sl, out[0], dl);
        SIMD.unary(c.op(), t, in[1], sl, out[1], dl);
        Check.buffers(c.op() + " " + t, t, out[0], out[1], Check.ulps(c.op(), t));
        if (!c.inPlace()) {
            Check.buffers("the input of " + c.op(), t, c.src().buffer(), in[1], 0);
        }
    }

    @Provide
    Arbitrary<UnaryCall> unaryCalls() {
        return unaryCalls(KernelCases.shape(0, 3));
    }

    @Provide
    Arbitrary<UnaryCall> largeUnaryCalls() {
        return unaryCalls(KernelCases.largeShape());
    }

    private static Arbitrary<UnaryCall> unaryCalls(Arbitrary<int[]> shapes) {
        return Combinators.combine(Arbitraries.of(UnaryOp.class), Gen.floatTypes(), shapes, Arbitraries.of(false, true))
                .flatAs((op, t, s, inPlace) -> Combinators.combine(KernelCases.input(t, s, Special.ALL), KernelCases.output(t, s))
                        .as((src, dst) -> new UnaryCall(op, src, dst, inPlace && src.recipe().nonOverlapping())));
    }

    // ------------------------------------------------------------------ binary maps and comparisons (broadcast)

    record BinaryCall(BinaryOp op, Operand a, Operand b, Operand out, boolean inPlace) {
        @Override
        public String toString() {
            return op + " of a = " + a + " and b = " + b + (inPlace ? " into a" : " into " + out.recipe());
        }
    }

    @Property(tries = 2000)
    void binaryKernelsMatchScalar(@ForAll("binaryCalls") BinaryCall c) {
        binary(c);
    }

    @Property(tries = 12)
    void largeBinaryKernelsMatchScalar(@ForAll("largeBinaryCalls") BinaryCall c) {
        binary(c);
    }

    private static void binary(BinaryCall c) {
        DType t = c.a().dtype();
        int[] shape = c.out().shape();
        Layout al = KernelCases.broadcast(c.a().layout(), shape);
        Layout bl = KernelCases.broadcast(c.b().layout(), shape);
        Object[] a = {c.a().buffer(), c.a().buffer()};
        Object[] b = {c.b().buffer(), c.b().buffer()};
        Object[] out = c.inPlace() ? a : new Object[] {c.out().buffer(), c.out().buffer()};
        Layout ol = c.inPlace() ? al : c.out().layout();
        SCALAR.binary(c.op(), t, a[0], al, b[0], bl, out[0], ol);
        SIMD.binary(c.op(), t, a[1], al, b[1], bl, out[1], ol);
        Check.buffers(c.op() + " " + t, t, out[0], out[1], Check.ulps(c.op(), t));
        Check.buffers("operand b of " + c.op(), t, c.b().buffer(), b[1], 0);
    }

    @Provide
    Arbitrary<BinaryCall> binaryCalls() {
        return binaryCalls(broadcastPairs());
    }

    /** Two shapes that broadcast together, each with a row of a kernel-relevant length or a broadcast one. */
    private static Arbitrary<int[][]> broadcastPairs() {
        return Combinators.combine(Gen.broadcastPair(2, 3), KernelCases.rowLength(),
                        Arbitraries.of(true, true, false), Arbitraries.of(true, true, false))
                .as((p, n, rowA, rowB) -> new int[][] {withRow(p[0], rowA ? n : 1), withRow(p[1], rowB ? n : 1)})
                .filter(p -> Shapes.numel(Shapes.broadcast(p[0], p[1])) <= KernelCases.MAX_NUMEL);
    }

    /** A broadcast pair's shape with a row of length n (or 1: broadcast along the row) appended. */
    private static int[] withRow(int[] s, int n) {
        int[] r = Arrays.copyOf(s, s.length + 1);
        r[s.length] = n;
        return r;
    }

    @Provide
    Arbitrary<BinaryCall> largeBinaryCalls() {
        return binaryCalls(KernelCases.largeShape().flatMap(s -> Arbitraries.of(
                new int[][] {s, s}, new int[][] {s, new int[] {1}}, new int[][] {new int[0], s})));
    }

    private static Arbitrary<BinaryCall> binaryCalls(Arbitrary<int[][]> pairs) {
        return Combinators.combine(Arbitraries.of(BinaryOp.class), Gen.floatTypes(), pairs, Arbitraries.of(false, true))
                .flatAs((op, t, p, inPlace) -> {
                    int[] shape = Shapes.broadcast(p[0], p[1]);
                    DType outType = op.isComparison() ? DType.BOOL : t;
                    return Combinators.combine(KernelCases.input(t, p[0], Special.ALL), KernelCases.input(t, p[1], Special.ALL),
                                    KernelCases.output(outType, shape))
                            .as((a, b, out) -> new BinaryCall(op, a, b, out, inPlace && !op.isComparison()
                                    && Arrays.equals(a.shape(), shape) && a.recipe().nonOverlapping()));
                });
    }

    // ------------------------------------------------------------------ bool operands

    /** Every binary op on bool operands: the same bits, or the same error (SUB, POW). */
    @Property(tries = 1000)
    void boolOpsMatchScalar(@ForAll("boolCalls") BinaryCall c) {
        int[] shape = c.out().shape();
        Layout al = KernelCases.broadcast(c.a().layout(), shape);
        Layout bl = KernelCases.broadcast(c.b().layout(), shape);
        Object[] out = {c.out().buffer(), c.out().buffer()};
        String scalar = error(() -> SCALAR.binary(c.op(), DType.BOOL, c.a().buffer(), al, c.b().buffer(), bl, out[0], c.out().layout()));
        String simd = error(() -> SIMD.binary(c.op(), DType.BOOL, c.a().buffer(), al, c.b().buffer(), bl, out[1], c.out().layout()));
        assertEquals(scalar, simd, c + ": error");
        Check.buffers(c.op() + " BOOL", DType.BOOL, out[0], out[1], 0);
    }

    @Provide
    Arbitrary<BinaryCall> boolCalls() {
        Arbitrary<int[][]> pairs = Arbitraries.frequencyOf(Tuple.of(4, broadcastPairs()),
                Tuple.of(1, KernelCases.largeShape().flatMap(s -> Arbitraries.of(new int[][] {s, s}, new int[][] {new int[0], s}))));
        return Combinators.combine(Arbitraries.of(BinaryOp.class), pairs).flatAs((op, p) -> {
            int[] shape = Shapes.broadcast(p[0], p[1]);
            return Combinators.combine(bools(p[0]), bools(p[1]), KernelCases.output(DType.BOOL, shape))
                    .as((a, b, out) -> new BinaryCall(op, a, b, out, false));
        });
    }

    /** all / any over the trailing dims of a bool operand, any layout, against the scalar loop. */
    @Property(tries = 600)
    void allAnyMatchScalar(@ForAll("boolReductions") ReduceCall c) {
        Layout src = c.src().layout().permute(c.order());
        Object[] out = {c.dst().buffer(), c.dst().buffer()};
        SCALAR.reduce(c.op(), DType.BOOL, c.src().buffer(), src, c.reducedDims(), out[0], c.dst().layout());
        SIMD.reduce(c.op(), DType.BOOL, c.src().buffer(), src, c.reducedDims(), out[1], c.dst().layout());
        Check.buffers(c.toString(), DType.BOOL, out[0], out[1], 0);
    }

    @Provide
    Arbitrary<ReduceCall> boolReductions() {
        Arbitrary<int[]> shapes = Arbitraries.frequencyOf(Tuple.of(4, KernelCases.shape(0, 3)), Tuple.of(1, KernelCases.largeShape()));
        return Combinators.combine(Arbitraries.of(ReduceOp.ALL, ReduceOp.ANY), shapes)
                .flatAs((op, s) -> Combinators.combine(Arbitraries.frequencyOf(Tuple.of(2, bools(s)), Tuple.of(1, constantBools(s))),
                                Arbitraries.shuffle(IntStream.range(0, s.length).boxed().toList()),
                                Arbitraries.integers().between(0, s.length))
                        .flatAs((src, order, reduced) -> {
                            int[] o = order.stream().mapToInt(Integer::intValue).toArray();
                            int[] kept = Arrays.copyOf(IntStream.of(o).map(d -> s[d]).toArray(), s.length - reduced);
                            return KernelCases.output(DType.BOOL, kept).map(dst -> new ReduceCall(op, src, o, reduced, dst));
                        }));
    }

    /** A bool operand in any layout, its values drawn fairly. */
    private static Arbitrary<Operand> bools(int[] shape) {
        return Gen.operand(DType.BOOL, shape, new Gen.Values(Arbitraries.of(0.0, 1.0), r -> r.nextInt(2)), true);
    }

    /** All true or all false but perhaps one element: where all and any must read to the end. */
    private static Arbitrary<Operand> constantBools(int[] shape) {
        int n = Shapes.numel(shape);
        return Combinators.combine(Arbitraries.of(0.0, 1.0), Arbitraries.integers().between(-1, Math.max(n - 1, 0)))
                .flatAs((v, odd) -> Gen.recipe(shape, false).map(r -> {
                    double[] values = new double[n];
                    Arrays.fill(values, v);
                    if (odd >= 0 && n > 0) {
                        values[odd] = 1 - v;
                    }
                    return new Operand(DType.BOOL, shape, values, r);
                }));
    }

    // ------------------------------------------------------------------ index_select, index_add

    /** A slice move along {@code dim}: {@code wide} has the dim's full size, {@code narrow} one slice per index. */
    record IndexCall(DType dtype, Operand wide, int dim, long[] index, Operand narrow) {
        @Override
        public String toString() {
            return dtype + " along dim " + dim + " at " + Arrays.toString(index) + ": " + wide + " / " + narrow;
        }
    }

    @Property(tries = 800)
    void indexSelectMatchesScalar(@ForAll("indexCalls") IndexCall c) {
        Object[] out = {c.narrow().buffer(), c.narrow().buffer()};
        String scalar = error(() -> SCALAR.indexSelect(c.dtype(), c.wide().buffer(), c.wide().layout(), c.dim(), c.index(),
                out[0], c.narrow().layout()));
        String simd = error(() -> SIMD.indexSelect(c.dtype(), c.wide().buffer(), c.wide().layout(), c.dim(), c.index(),
                out[1], c.narrow().layout()));
        assertEquals(scalar, simd, c + ": error");
        Check.buffers("indexSelect " + c, c.dtype(), out[0], out[1], 0);
    }

    @Property(tries = 800)
    void indexAddMatchesScalar(@ForAll("indexCalls") IndexCall c) {
        Object[] out = {c.wide().buffer(), c.wide().buffer()};
        String scalar = error(() -> SCALAR.indexAdd(c.dtype(), out[0], c.wide().layout(), c.dim(), c.index(),
                c.narrow().buffer(), c.narrow().layout()));
        String simd = error(() -> SIMD.indexAdd(c.dtype(), out[1], c.wide().layout(), c.dim(), c.index(),
                c.narrow().buffer(), c.narrow().layout()));
        assertEquals(scalar, simd, c + ": error");
        Check.buffers("indexAdd " + c, c.dtype(), out[0], out[1], 0);
    }

    /** A gather or scatter_add: wide has the full shape, index and narrow (gather's output, scatter's src) index's. */
    record GatherCall(DType dtype, Operand wide, int dim, Operand index, Operand narrow) {
        long[] indices() {
            return (long[]) index.buffer();
        }

        @Override
        public String toString() {
            return dtype + " along dim " + dim + " at " + index + ": " + wide + " / " + narrow;
        }
    }

    @Property(tries = 800)
    void gatherMatchesScalar(@ForAll("gatherCalls") GatherCall c) {
        Object[] out = {c.narrow().buffer(), c.narrow().buffer()};
        String scalar = error(() -> SCALAR.gather(c.dtype(), c.wide().buffer(), c.wide().layout(), c.dim(), c.indices(),
                c.index().layout(), out[0], c.narrow().layout()));
        String simd = error(() -> SIMD.gather(c.dtype(), c.wide().buffer(), c.wide().layout(), c.dim(), c.indices(),
                c.index().layout(), out[1], c.narrow().layout()));
        assertEquals(scalar, simd, c + ": error");
        if (scalar == null) {   // after an error each backend has written what it reached, as PyTorch's
            Check.buffers("gather " + c, c.dtype(), out[0], out[1], 0);
        }
    }

    @Property(tries = 800)
    void scatterAddMatchesScalar(@ForAll("gatherCalls") GatherCall c) {
        Object[] out = {c.wide().buffer(), c.wide().buffer()};
        String scalar = error(() -> SCALAR.scatterAdd(c.dtype(), out[0], c.wide().layout(), c.dim(), c.indices(),
                c.index().layout(), c.narrow().buffer(), c.narrow().layout()));
        String simd = error(() -> SIMD.scatterAdd(c.dtype(), out[1], c.wide().layout(), c.dim(), c.indices(),
                c.index().layout(), c.narrow().buffer(), c.narrow().layout()));
        assertEquals(scalar, simd, c + ": error");
        if (scalar == null) {
            Check.buffers("scatterAdd " + c, c.dtype(), out[0], out[1], 0);
        }
    }

    /**
     * Index shapes up to the wide shape apart from dim (longer along dim), repeated indices, every dtype
     * and layout of the three operands, now and then an index out of range (-1 or the size).
     */
    @Provide
    Arbitrary<GatherCall> gatherCalls() {
        Arbitrary<DType> types = Arbitraries.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.BOOL);
        return Combinators.combine(types, KernelCases.shape(1, 3)).flatAs((t, s) -> Combinators.combine(
                        Arbitraries.integers().between(0, s.length - 1), Arbitraries.longs())
                .flatAs((dim, seed) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    int[] is = new int[s.length];
                    for (int k = 0; k < s.length; k++) {
                        is[k] = k == dim ? r.nextInt(6) : r.nextInt(s[k] + 1);
                    }
                    int n = s[dim];
                    double[] index = new double[Shapes.numel(is)];
                    for (int i = 0; i < index.length; i++) {
                        index[i] = n == 0 || r.nextInt(60) == 0 ? (r.nextBoolean() ? n : -1) : r.nextInt(n);
                    }
                    return Combinators.combine(indexOperand(t, s), Gen.recipe(is, false), indexOperand(t, is))
                            .as((wide, ir, narrow) -> new GatherCall(t, wide, dim, new Operand(DType.INT64, is, index, ir), narrow));
                }));
    }

    /** Mostly valid calls (repeated indices, empty ones, every dtype and layout), now and then an index out of range. */
    @Provide
    Arbitrary<IndexCall> indexCalls() {
        Arbitrary<DType> types = Arbitraries.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.BOOL);
        return Combinators.combine(types, KernelCases.shape(1, 3)).flatAs((t, s) -> Combinators.combine(
                        Arbitraries.integers().between(0, s.length - 1), Arbitraries.integers().between(0, 6), Arbitraries.longs())
                .flatAs((dim, k, seed) -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    int n = s[dim];
                    long[] index = new long[n == 0 ? 0 : k];
                    for (int i = 0; i < index.length; i++) {
                        index[i] = r.nextInt(50) == 0 ? (r.nextBoolean() ? n : -1) : r.nextInt(n);
                    }
                    int[] narrowShape = s.clone();
                    narrowShape[dim] = index.length;
                    return Combinators.combine(indexOperand(t, s), indexOperand(t, narrowShape))
                            .as((wide, narrow) -> new IndexCall(t, wide, dim, index, narrow));
                }));
    }

    private static Arbitrary<Operand> indexOperand(DType t, int[] shape) {
        return switch (t) {
            case FLOAT32, FLOAT64 -> KernelCases.input(t, shape, Special.ALL).flatMap(
                    o -> Gen.recipe(shape, false).map(r -> new Operand(t, shape, o.values(), r)));
            case BOOL -> Gen.recipe(shape, false).flatMap(r -> bools(shape).map(o -> new Operand(t, shape, o.values(), r)));
            default -> Gen.recipe(shape, false).flatMap(r -> Arbitraries.integers().between(-1000, 1000).list()
                    .ofSize(Shapes.numel(shape)).map(v -> new Operand(t, shape, v.stream().mapToDouble(Integer::doubleValue).toArray(), r)));
        };
    }

    /** The exception's class and message, or null when the call returned. */
    private static String error(Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------ copy, cast, fill, where

    @Property(tries = 1600)
    void copiesAndCastsMatchScalar(@ForAll("copies") Operand src, @ForAll("castTargets") DType to, @ForAll("recipeSeed") int seed) {
        Operand dst = new Operand(to, src.shape(), new double[src.numel()], outputRecipe(src.shape(), seed));
        Object[] out = {dst.buffer(), dst.buffer()};
        SCALAR.copy(src.dtype(), src.buffer(), src.layout(), to, out[0], dst.layout());
        SIMD.copy(src.dtype(), src.buffer(), src.layout(), to, out[1], dst.layout());
        Check.buffers("copy " + src.dtype() + " to " + to + " into " + dst.recipe(), to, out[0], out[1], 0);
    }

    @Property(tries = 800)
    void fillsMatchScalar(@ForAll("outputs") Operand dst, @ForAll("fillValues") double value) {
        Object[] out = {dst.buffer(), dst.buffer()};
        SCALAR.fill(dst.dtype(), out[0], dst.layout(), value);
        SIMD.fill(dst.dtype(), out[1], dst.layout(), value);
        Check.buffers("fill " + dst.dtype() + " with " + value, dst.dtype(), out[0], out[1], 0);
    }

    @Property(tries = 600)
    void whereMatchesScalar(@ForAll("binaryCalls") BinaryCall c, @ForAll("recipeSeed") int seed) {
        DType t = c.a().dtype();
        int[] shape = c.out().shape();
        double[] mask = IntStream.range(0, Shapes.numel(shape)).mapToDouble(i -> (i * 7 + seed) % 3 == 0 ? 1 : 0).toArray();
        Operand cond = new Operand(DType.BOOL, shape, mask, outputRecipe(shape, seed));
        Operand out = new Operand(t, shape, new double[mask.length], c.out().recipe());
        Layout al = KernelCases.broadcast(c.a().layout(), shape);
        Layout bl = KernelCases.broadcast(c.b().layout(), shape);
        Object[] o = {out.buffer(), out.buffer()};
        SCALAR.where(t, cond.buffer(), cond.layout(), c.a().buffer(), al, c.b().buffer(), bl, o[0], out.layout());
        SIMD.where(t, cond.buffer(), cond.layout(), c.a().buffer(), al, c.b().buffer(), bl, o[1], out.layout());
        Check.buffers("where " + t, t, o[0], o[1], 0);
    }

    /** where over operands all laid out alike (transposed, say), b also as one element: the flat path. */
    @Property(tries = 300)
    void whereOverOperandsLaidOutAlikeMatchesScalar(@ForAll("binaryCalls") BinaryCall c, @ForAll("recipeSeed") int seed) {
        DType t = c.a().dtype();
        int[] shape = c.out().shape();
        int rank = shape.length;
        Recipe r = rank < 2 ? new Recipe.Contiguous() : new Recipe.Permuted(IntStream.range(0, rank).map(d -> rank - 1 - d).toArray());
        int n = Shapes.numel(shape);
        double[] mask = IntStream.range(0, n).mapToDouble(i -> (i * 7 + seed) % 3 == 0 ? 1 : 0).toArray();
        double[] av = IntStream.range(0, n).mapToDouble(i -> i % 11 == 5 ? Double.NaN : i * 0.37 - seed).toArray();
        double[] bv = IntStream.range(0, n).mapToDouble(i -> -i * 1.5 + seed).toArray();
        Operand cond = new Operand(DType.BOOL, shape, mask, r);
        Operand a = new Operand(t, shape, av, r);
        Operand b = seed % 2 == 0 ? new Operand(t, shape, bv, r) : new Operand(t, new int[0], new double[] {seed}, new Recipe.Contiguous());
        Operand out = new Operand(t, shape, new double[n], r);
        Layout bl = KernelCases.broadcast(b.layout(), shape);
        Object[] o = {out.buffer(), out.buffer()};
        SCALAR.where(t, cond.buffer(), cond.layout(), a.buffer(), a.layout(), b.buffer(), bl, o[0], out.layout());
        SIMD.where(t, cond.buffer(), cond.layout(), a.buffer(), a.layout(), b.buffer(), bl, o[1], out.layout());
        Check.buffers("where " + t + " laid out as " + r, t, o[0], o[1], 0);
    }

    @Provide
    Arbitrary<Operand> copies() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(Gen.floatTypes(), KernelCases.shape(0, 3)).flatAs((t, s) -> KernelCases.input(t, s, Special.ALL))),
                Tuple.of(1, Combinators.combine(Arbitraries.of(DType.INT64, DType.INT32, DType.BOOL), KernelCases.shape(0, 3))
                        .flatAs(BackendProperties::indexOperand)));
    }

    @Provide
    Arbitrary<DType> castTargets() {
        return Arbitraries.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32, DType.BOOL);
    }

    @Provide
    Arbitrary<Integer> recipeSeed() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<Operand> outputs() {
        return Combinators.combine(Gen.floatTypes(), KernelCases.shape(0, 3)).flatAs(KernelCases::output);
    }

    @Provide
    Arbitrary<Double> fillValues() {
        return Gen.kernelValues(DType.FLOAT64, Special.ALL).arbitrary();
    }

    /** A deterministic non-overlapping layout for a seed: the output side of copies, casts and where. */
    private static Recipe outputRecipe(int[] shape, int seed) {
        int rank = shape.length;
        if (rank == 0) {
            return new Recipe.Contiguous();
        }
        return switch (seed % 4) {
            case 0 -> new Recipe.Contiguous();
            case 1 -> new Recipe.Permuted(IntStream.range(0, rank).map(d -> rank - 1 - d).toArray());
            case 2 -> new Recipe.Stepped(seed % rank, seed % 3, 2);
            default -> new Recipe.Narrowed(seed % rank, 1, seed % 2);
        };
    }

    // ------------------------------------------------------------------ reductions

    /** A reduction over the trailing {@code reducedDims} of the source layout permuted by {@code order}. */
    record ReduceCall(ReduceOp op, Operand src, int[] order, int reducedDims, Operand dst) {
        @Override
        public String toString() {
            return op + " over the last " + reducedDims + " dims of " + src + " permuted " + Arrays.toString(order)
                    + " into " + dst.recipe();
        }
    }

    @Property(tries = 1200)
    void reductionsStayWithinTheDocumentedBound(@ForAll("reductions") ReduceCall c) {
        reduce(c);
    }

    @Property(tries = 10)
    void largeReductionsStayWithinTheDocumentedBound(@ForAll("largeReductions") ReduceCall c) {
        reduce(c);
    }

    private static void reduce(ReduceCall c) {
        DType t = c.src().dtype();
        Layout src = c.src().layout().permute(c.order());
        Object[] out = {c.dst().buffer(), c.dst().buffer()};
        SCALAR.reduce(c.op(), t, c.src().buffer(), src, c.reducedDims(), out[0], c.dst().layout());
        SIMD.reduce(c.op(), t, c.src().buffer(), src, c.reducedDims(), out[1], c.dst().layout());
        if (c.op() == ReduceOp.MAX || c.op() == ReduceOp.MIN) {
            Check.buffers(c.op() + " " + t, t, out[0], out[1], 0);
            return;
        }
        Check.buffers("storage outside the output layout", t, outsideOnly(c.dst(), out[0]), outsideOnly(c.dst(), out[1]), 0);
        double[] scalar = KernelCases.read(out[0], c.dst().layout());
        double[] simd = KernelCases.read(out[1], c.dst().layout());
        List<double[]> slices = slices(c);
        for (int o = 0; o < slices.size(); o++) {
            String what = c.op() + " " + t + ", output " + o;
            if (c.op() == ReduceOp.PROD) {
                product(what, t, slices.get(o), scalar[o], simd[o]);
            } else {
                Exact e = new Exact();
                for (double x : slices.get(o)) {
                    if (c.op() == ReduceOp.SUM) {
                        e.add(x);
                    } else if (c.op() == ReduceOp.SUM_ABS) {
                        e.add(Math.abs(x));
                    } else {
                        e.addProduct(x, x);
                    }
                }
                Check.sum(what, t, e, scalar[o], simd[o]);
            }
        }
    }

    /** The terms of each output, in output order. */
    private static List<double[]> slices(ReduceCall c) {
        double[] v = KernelCases.permutedValues(c.src(), c.order());
        int n = Shapes.numel(Arrays.copyOfRange(permutedShape(c), c.src().shape().length - c.reducedDims(), c.src().shape().length));
        int outputs = c.dst().numel();
        return IntStream.range(0, outputs).mapToObj(o -> Arrays.copyOfRange(v, o * n, o * n + n)).toList();
    }

    private static int[] permutedShape(ReduceCall c) {
        return IntStream.of(c.order()).map(d -> c.src().shape()[d]).toArray();
    }

    /** A buffer with the positions inside the layout cleared: what is left must be untouched. */
    private static Object outsideOnly(Operand o, Object buffer) {
        Object copy = switch (buffer) {
            case float[] f -> f.clone();
            case double[] d -> d.clone();
            default -> throw new IllegalArgumentException();
        };
        int[] pos = new int[o.numel()];
        o.layout().positions(pos);
        for (int p : pos) {
            java.lang.reflect.Array.set(copy, p, copy instanceof float[] ? (Object) 0f : (Object) 0.0);
        }
        return copy;
    }

    /** PROD: relative error at most n * eps, and zeros, infinities and NaN exactly as IEEE arithmetic gives them. */
    private static void product(String what, DType t, double[] terms, double scalar, double simd) {
        double exact = t == DType.FLOAT32 ? (float) Exact.product(terms) : Exact.product(terms);
        if (exact == 0 || !Double.isFinite(exact)) {
            if (Ulps.between(t, exact, simd) != 0 || Ulps.between(t, exact, scalar) != 0) {
                fail(what + ": expected " + exact + ", scalar " + scalar + ", simd " + simd);
            }
            return;
        }
        double bound = terms.length * Ulps.eps(t) * Math.abs(exact);
        for (double r : new double[] {scalar, simd}) {
            if (!(Math.abs(r - exact) <= bound)) {
                fail(what + ": " + (r == simd ? "simd" : "scalar") + " gives " + r + ", exact " + exact + ", bound " + bound
                        + " (scalar " + scalar + ", simd " + simd + ")");
            }
        }
    }

    @Provide
    Arbitrary<ReduceCall> reductions() {
        return reductions(KernelCases.shape(0, 3));
    }

    @Provide
    Arbitrary<ReduceCall> largeReductions() {
        return reductions(KernelCases.largeShape());
    }

    /** Every reduction but the bool ones (which both backends run on the same scalar loop). */
    private static final List<ReduceOp> FLOAT_REDUCTIONS = List.copyOf(EnumSet.complementOf(EnumSet.of(ReduceOp.ALL, ReduceOp.ANY)));

    private static Arbitrary<ReduceCall> reductions(Arbitrary<int[]> shapes) {
        return Combinators.combine(Arbitraries.of(FLOAT_REDUCTIONS), Gen.floatTypes(), shapes)
                .flatAs((op, t, s) -> Combinators.combine(reductionInput(op, t, s),
                                Arbitraries.shuffle(IntStream.range(0, s.length).boxed().toList()),
                                Arbitraries.integers().between(0, s.length))
                        .flatAs((src, order, reduced) -> {
                            int[] o = order.stream().mapToInt(Integer::intValue).toArray();
                            int[] kept = Arrays.copyOf(IntStream.of(o).map(d -> s[d]).toArray(), s.length - reduced);
                            return KernelCases.output(t, kept).map(dst -> new ReduceCall(op, src, o, reduced, dst));
                        }))
                .filter(c -> c.op() != ReduceOp.MAX && c.op() != ReduceOp.MIN || c.dst().numel() == 0 || c.src().numel() > 0);
    }

    /**
     * Values a reduction's bound speaks for: sums see no huge values (they would overflow on the way),
     * products stay within [0.5, 2] in magnitude (no intermediate overflow or underflow; near 1 for
     * long rows) with zeros, NaN and infinities, MAX and MIN see everything.
     */
    private static Arbitrary<Operand> reductionInput(ReduceOp op, DType t, int[] shape) {
        return switch (op) {
            case SUM, SUM_SQUARES, SUM_ABS -> KernelCases.input(t, shape, Special.NOT_HUGE);
            case MAX, MIN -> KernelCases.input(t, shape, Special.ALL);
            case ALL, ANY -> throw new IllegalArgumentException(op + " reduces bools");
            case PROD -> {
                // log-magnitudes uniform in [-spread, spread]: the product of n of them stays in range
                double spread = Math.pow(10, -Math.ceil(Math.log10(Math.max(Shapes.numel(shape) / 4.0, 1))));
                double[] specials = EnumSet.of(Special.ZEROS, Special.NAN, Special.INFINITIES).stream()
                        .flatMapToDouble(sp -> Arrays.stream(sp.values(t))).toArray();
                Arbitrary<Double> magnitude = Arbitraries.doubles().between(-spread, spread).ofScale(15).map(Math::exp)
                        .flatMap(m -> Arbitraries.of(m, -m));
                Arbitrary<Double> values = Arbitraries.frequencyOf(Tuple.of(40, magnitude),
                        Tuple.of(1, Arbitraries.of(Arrays.stream(specials).boxed().toList())));
                yield Gen.operand(t, shape, new Gen.Values(values, r -> r.nextInt(41) == 0 ? specials[r.nextInt(specials.length)]
                        : (r.nextBoolean() ? 1 : -1) * Math.exp(r.nextDouble(-spread, spread))), true);
            }
        };
    }

    @Property(tries = 800)
    void argReductionsMatchScalar(@ForAll("argReductions") ReduceCall c) {
        DType t = c.src().dtype();
        Layout src = c.src().layout().permute(c.order());
        Object[] values = {c.dst().buffer(), c.dst().buffer()};
        long[][] indices = {new long[Math.max(c.dst().numel(), 1) * 2], new long[Math.max(c.dst().numel(), 1) * 2]};
        Arrays.fill(indices[0], -7);
        Arrays.fill(indices[1], -7);
        Layout il = Layout.contiguous(c.dst().shape());
        SCALAR.reduceWithIndex(c.op(), t, c.src().buffer(), src, c.reducedDims(), values[0], c.dst().layout(), indices[0], il);
        SIMD.reduceWithIndex(c.op(), t, c.src().buffer(), src, c.reducedDims(), values[1], c.dst().layout(), indices[1], il);
        Check.buffers(c.op() + " values " + t, t, values[0], values[1], 0);
        assertArrayEquals(indices[0], indices[1], c.op() + " indices");
    }

    @Provide
    Arbitrary<ReduceCall> argReductions() {
        return Combinators.combine(Arbitraries.of(ReduceOp.MAX, ReduceOp.MIN), Gen.floatTypes(), KernelCases.shape(1, 3))
                .flatAs((op, t, s) -> Combinators.combine(
                                Arbitraries.frequencyOf(Tuple.of(1, KernelCases.input(t, s, Special.ALL)),
                                        Tuple.of(1, Gen.operand(t, s, Arbitraries.of(-1.0, 0.0, -0.0, 1.0, 2.0), true))),
                                Arbitraries.shuffle(IntStream.range(0, s.length).boxed().toList()),
                                Arbitraries.integers().between(1, s.length))
                        .flatAs((src, order, reduced) -> {
                            int[] o = order.stream().mapToInt(Integer::intValue).toArray();
                            int[] permuted = IntStream.of(o).map(d -> s[d]).toArray();
                            int[] kept = Arrays.copyOf(permuted, s.length - reduced);
                            return KernelCases.output(t, kept).map(dst -> new ReduceCall(op, src, o, reduced, dst));
                        }))
                .filter(c -> Shapes.numel(Arrays.copyOfRange(permutedShape(c), c.src().shape().length - c.reducedDims(),
                        c.src().shape().length)) > 0);
    }

    // ------------------------------------------------------------------ dot and matmul

    @Property(tries = 1000)
    void dotStaysWithinTheDocumentedBound(@ForAll("dotOperands") List<Operand> ab, @ForAll("recipeSeed") int at) {
        Operand a = ab.get(0);
        Operand b = ab.get(1);
        DType t = a.dtype();
        int outIndex = at % 3;
        Object[] out = {Operand.array(t, new double[] {Double.NaN, Double.NaN, Double.NaN}),
            Operand.array(t, new double[] {Double.NaN, Double.NaN, Double.NaN})};
        SCALAR.dot(t, a.buffer(), a.layout(), b.buffer(), b.layout(), out[0], outIndex);
        SIMD.dot(t, a.buffer(), a.layout(), b.buffer(), b.layout(), out[1], outIndex);
        Exact e = new Exact();
        for (int i = 0; i < a.numel(); i++) {
            e.addProduct(a.values()[i], b.values()[i]);
        }
        double[] s = KernelCases.read(out[0], Layout.contiguous(3));
        double[] v = KernelCases.read(out[1], Layout.contiguous(3));
        Check.sum("dot " + t, t, e, s[outIndex], v[outIndex]);
        for (int i = 0; i < 3; i++) {
            if (i != outIndex) {
                assertEquals(Double.NaN, v[i], "dot wrote element " + i + " of the output, not only " + outIndex);
            }
        }
    }

    @Provide
    Arbitrary<List<Operand>> dotOperands() {
        return Combinators.combine(Gen.floatTypes(), KernelCases.rowLength())
                .flatAs((t, n) -> KernelCases.input(t, new int[] {n}, Special.NOT_HUGE).list().ofSize(2));
    }

    record MatmulCall(Operand a, Operand b, Operand c) {
        @Override
        public String toString() {
            return "a = " + a + " @ b = " + b + " into " + c.recipe();
        }
    }

    @Property(tries = 1200)
    void matmulStaysWithinTheDocumentedBound(@ForAll("matmuls") MatmulCall c) {
        matmul(c);
    }

    @Property(tries = 6)
    void largeMatmulStaysWithinTheDocumentedBound(@ForAll("largeMatmuls") MatmulCall c) {
        matmul(c);
    }

    private static void matmul(MatmulCall call) {
        Operand a = call.a();
        Operand b = call.b();
        Operand c = call.c();
        DType t = a.dtype();
        int batch = c.shape()[0];
        int m = c.shape()[1];
        int n = c.shape()[2];
        int k = a.shape()[2];
        Object[] out = {c.buffer(), c.buffer()};
        SCALAR.matmul(t, a.buffer(), a.layout(), b.buffer(), b.layout(), out[0], c.layout());
        SIMD.matmul(t, a.buffer(), a.layout(), b.buffer(), b.layout(), out[1], c.layout());
        Check.buffers("storage outside c's layout", t, outsideOnly(c, out[0]), outsideOnly(c, out[1]), 0);
        double[] s = KernelCases.read(out[0], c.layout());
        double[] v = KernelCases.read(out[1], c.layout());
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    Exact e = new Exact();
                    for (int p = 0; p < k; p++) {
                        e.addProduct(a.values()[(bi * m + i) * k + p], b.values()[(bi * k + p) * n + j]);
                    }
                    int o = (bi * m + i) * n + j;
                    Check.sum("matmul " + t + " c[" + bi + ", " + i + ", " + j + "]", t, e, s[o], v[o]);
                }
            }
        }
    }

    /** Sizes at the edges of the micro-kernel tiles and vector lengths. */
    private static final List<Integer> MATRIX_SIZES = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 33);

    @Provide
    Arbitrary<MatmulCall> matmuls() {
        return matmuls(Arbitraries.integers().between(0, 3), Arbitraries.of(MATRIX_SIZES));
    }

    /** Above the packing threshold (m n k > 96^3) and the per-thread minimum: packed GEMM on both threads. */
    @Provide
    Arbitrary<MatmulCall> largeMatmuls() {
        return matmuls(Arbitraries.integers().between(1, 2), Arbitraries.integers().between(97, 131));
    }

    private static Arbitrary<MatmulCall> matmuls(Arbitrary<Integer> batches, Arbitrary<Integer> sizes) {
        Set<Special> specials = Special.NOT_HUGE;
        return Combinators.combine(Gen.floatTypes(), batches, sizes, sizes, sizes)
                .flatAs((t, batch, m, k, n) -> Combinators.combine(
                                KernelCases.input(t, new int[] {batch, m, k}, specials),
                                KernelCases.input(t, new int[] {batch, k, n}, specials),
                                KernelCases.output(t, new int[] {batch, m, n}))
                        .as(MatmulCall::new));
    }
}
