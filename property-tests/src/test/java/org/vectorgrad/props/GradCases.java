package org.vectorgrad.props;

import static org.vectorgrad.props.Gen.Domain.ANY;
import static org.vectorgrad.props.Gen.Domain.NONZERO;
import static org.vectorgrad.props.Gen.Domain.POSITIVE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Functional;
import org.vectorgrad.Tensor;
import org.vectorgrad.props.Gen.Domain;

/**
 * Every differentiable operation of {@link Tensor} as a generator of {@link GradCase}s: operands of
 * random shapes and layouts, valid parameters, values kept away from kinks (ties of max, zero for
 * abs, ...) by filtering rather than by loosening tolerances.
 */
final class GradCases {
    /** Keeps finite differences cheap: at most this many elements per operand. */
    static final int MAX_NUMEL = 24;
    /** Ties closer than this would put a finite difference across a kink of max/min. */
    static final double TIE_GAP = 0.05;

    private GradCases() {
    }

    static Arbitrary<int[]> shapes() {
        return Gen.shape(0, 4, 3).filter(s -> Shapes.numel(s) <= MAX_NUMEL);
    }

    static Arbitrary<Operand> operand(int[] shape, Domain domain) {
        return Gen.operand(DType.FLOAT64, shape, Gen.gradValues(domain), true);
    }

    /** Both leaf placements for each case. */
    static Arbitrary<GradCase> withLeafChoice(Arbitrary<GradCase> cases) {
        return Combinators.combine(cases, Arbitraries.of(false, true)).as(GradCase::withLeavesAsViews);
    }

    private static GradCase one(String op, Operand x, boolean smooth, UnaryOperator<Tensor> f) {
        return new GradCase(op, List.of(x), t -> f.apply(t[0]), smooth, false);
    }

    private static GradCase two(String op, Operand a, Operand b, boolean smooth, BinaryOperator<Tensor> f) {
        return new GradCase(op, List.of(a, b), t -> f.apply(t[0], t[1]), smooth, false);
    }

    // ------------------------------------------------------------------ elementwise, one operand

    record Unary(String name, Domain domain, boolean smooth, UnaryOperator<Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Unary> UNARY = List.of(
            new Unary("neg", ANY, true, Tensor::neg),
            new Unary("abs", NONZERO, false, Tensor::abs),
            new Unary("sign", NONZERO, false, Tensor::sign),
            new Unary("sqrt", POSITIVE, true, Tensor::sqrt),
            new Unary("exp", ANY, true, Tensor::exp),
            new Unary("log", POSITIVE, true, Tensor::log),
            new Unary("sin", ANY, true, Tensor::sin),
            new Unary("cos", ANY, true, Tensor::cos),
            new Unary("tan", new Domain(-1.2, 1.2, 0), true, Tensor::tan),   // away from the poles at ±pi/2
            new Unary("tanh", ANY, true, Tensor::tanh),
            new Unary("erf", ANY, true, Tensor::erf),
            new Unary("sigmoid", ANY, true, Tensor::sigmoid),
            new Unary("relu", NONZERO, false, Tensor::relu),
            new Unary("reciprocal", NONZERO, true, Tensor::reciprocal),
            new Unary("pow(2)", ANY, true, x -> x.pow(2.0)),
            new Unary("pow(3L)", ANY, true, x -> x.pow(3L)),
            new Unary("pow(0.5)", POSITIVE, true, x -> x.pow(0.5)),
            new Unary("pow(-1.5)", POSITIVE, true, x -> x.pow(-1.5)),
            new Unary("pow(0)", ANY, true, x -> x.pow(0.0)),
            new Unary("pow(1)", ANY, true, x -> x.pow(1.0)),
            new Unary("2 ** x", ANY, true, x -> Tensor.pow(2, x)),
            new Unary("add(1.5)", ANY, true, x -> x.add(1.5)),
            new Unary("sub(0.5)", ANY, true, x -> x.sub(0.5)),
            new Unary("rsub(2)", ANY, true, x -> x.rsub(2)),
            new Unary("mul(-2)", ANY, true, x -> x.mul(-2.0)),
            new Unary("div(4)", ANY, true, x -> x.div(4.0)),
            new Unary("rdiv(3)", NONZERO, true, x -> x.rdiv(3)),
            new Unary("clamp(-1, 1)", Domain.awayFrom(-1, 1), false, x -> x.clamp(-1, 1)),
            new Unary("contiguous", ANY, true, Tensor::contiguous),
            new Unary("clone", ANY, true, Tensor::clone),
            new Unary("to(float64)", ANY, true, x -> x.to(DType.FLOAT64)),
            new Unary("softmax(-1)", ANY, true, x -> x.softmax(-1)),
            new Unary("softmax(0)", ANY, true, x -> x.softmax(0)),
            new Unary("logSoftmax(-1)", ANY, true, x -> x.logSoftmax(-1)),
            new Unary("logSoftmax(0)", ANY, true, x -> x.logSoftmax(0)),
            new Unary("logsumexp(-1)", ANY, true, x -> x.logsumexp(-1)),
            new Unary("logsumexp(0, keepdim)", ANY, true, x -> x.logsumexp(0, true)),
            new Unary("logsumexp(all dims)", ANY, true, x -> x.logsumexp(new int[0], false)),
            new Unary("clampMin(0.5)", Domain.awayFrom(0.5), false, x -> x.clampMin(0.5)),
            new Unary("clampMax(-0.5)", Domain.awayFrom(-0.5), false, x -> x.clampMax(-0.5)),
            new Unary("F.silu", ANY, true, Functional::silu),
            new Unary("F.gelu(tanh)", ANY, true, x -> Functional.gelu(x, "tanh")),
            new Unary("F.gelu(none)", ANY, true, x -> Functional.gelu(x, "none")),
            new Unary("t = x0.mul(1); t.sqrt_(); t", POSITIVE, true, x -> x.mul(1.0).sqrt_()));

    static Arbitrary<GradCase> unary() {
        return Arbitraries.of(UNARY).withoutEdgeCases().flatMap(u -> shapes().flatMap(s -> operand(s, u.domain()))
                .map(x -> one(u.name(), x, u.smooth(), u.f())));
    }

    // ------------------------------------------------------------------ elementwise, two operands (broadcast)

    record Binary(String name, Domain a, Domain b, boolean smooth, boolean kinkAtTies, BinaryOperator<Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Binary> BINARY = List.of(
            new Binary("add", ANY, ANY, true, false, Tensor::add),
            new Binary("add(alpha=2.5)", ANY, ANY, true, false, (a, b) -> a.add(b, 2.5)),
            new Binary("sub", ANY, ANY, true, false, Tensor::sub),
            new Binary("mul", ANY, ANY, true, false, Tensor::mul),
            new Binary("div", ANY, NONZERO, true, false, Tensor::div),
            new Binary("pow", POSITIVE, ANY, true, false, Tensor::pow),
            new Binary("maximum", ANY, ANY, false, true, Tensor::maximum),
            new Binary("minimum", ANY, ANY, false, true, Tensor::minimum),
            new Binary("F.mseLoss(mean)", ANY, ANY, true, false, (a, b) -> Functional.mseLoss(a, b, "mean")),
            new Binary("F.mseLoss(none)", ANY, ANY, true, false, (a, b) -> Functional.mseLoss(a, b, "none")),
            new Binary("F.mseLoss(sum)", ANY, ANY, true, false, (a, b) -> Functional.mseLoss(a, b, "sum")));

    static Arbitrary<GradCase> binary() {
        Arbitrary<GradCase> ops = Arbitraries.of(BINARY).withoutEdgeCases().flatMap(op -> Gen.broadcastPair(4, 3)
                .filter(p -> Shapes.numel(p[0]) <= MAX_NUMEL && Shapes.numel(p[1]) <= MAX_NUMEL)
                .flatMap(p -> Combinators.combine(operand(p[0], op.a()), operand(p[1], op.b()))
                        .as((a, b) -> two(op.name(), a, b, op.smooth(), op.f()))
                        .filter(c -> !op.kinkAtTies() || minGap(c.inputs().get(0), c.inputs().get(1)) >= TIE_GAP)));
        return Arbitraries.oneOf(ops, where());
    }

    /** {@code where(cond, a, b)} with a random condition of the broadcast shape. */
    static Arbitrary<GradCase> where() {
        return Gen.broadcastPair(4, 3)
                .filter(p -> Shapes.numel(Shapes.broadcast(p[0], p[1])) <= MAX_NUMEL)
                .flatMap(p -> {
                    int[] out = Shapes.broadcast(p[0], p[1]);
                    return Combinators.combine(operand(p[0], ANY), operand(p[1], ANY),
                                    Arbitraries.of(true, false).list().ofSize(Shapes.numel(out)))
                            .as((a, b, cond) -> {
                                boolean[] c = new boolean[cond.size()];
                                for (int i = 0; i < c.length; i++) {
                                    c[i] = cond.get(i);
                                }
                                String name = "where(cond=" + Fmt.nested(DType.BOOL, out, IntStream.range(0, c.length)
                                        .mapToDouble(i -> c[i] ? 1 : 0).toArray()) + ")";
                                return two(name, a, b, true,
                                        (x, y) -> Tensor.where(Tensor.of(c).reshape(Shapes.toLong(out)), x, y));
                            });
                });
    }

    /** Smallest |a - b| over the broadcast pairs of elements. */
    static double minGap(Operand a, Operand b) {
        int[] out = Shapes.broadcast(a.shape(), b.shape());
        double[] x = broadcastValues(a, out);
        double[] y = broadcastValues(b, out);
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            gap = Math.min(gap, Math.abs(x[i] - y[i]));
        }
        return gap;
    }

    /** The operand's values broadcast to {@code out}, row-major. */
    static double[] broadcastValues(Operand a, int[] out) {
        int[] s = a.shape();
        double[] r = new double[Shapes.numel(out)];
        for (int i = 0; i < r.length; i++) {
            int[] idx = Shapes.unflatten(out, i);
            int[] j = new int[s.length];
            for (int d = 0; d < s.length; d++) {
                j[d] = s[d] == 1 ? 0 : idx[out.length - s.length + d];
            }
            r[i] = a.values()[Shapes.flatten(s, j)];
        }
        return r;
    }

    // ------------------------------------------------------------------ reductions

    /** A reduction over a set of dims (null: all), with the rule for values that would sit on a kink. */
    private record Reduction(String name, boolean smooth, Domain domain, Kink kink, ReduceFn f) {
    }

    @FunctionalInterface
    private interface ReduceFn {
        Tensor apply(Tensor x, int[] dims, boolean keepdim);
    }

    private enum Kink {
        NONE,
        /** The extreme of each slice must be unique (max, min, amax, amin). */
        UNIQUE_EXTREME,
        /** The largest |x| of each slice must be unique and nonzero (infinity norm). */
        UNIQUE_ABS_MAX,
        /** Each slice must be away from the zero vector (2-norm, 3-norm). */
        NONZERO_SLICE
    }

    private static final List<Reduction> REDUCTIONS = List.of(
            new Reduction("sum", true, ANY, Kink.NONE, (x, d, k) -> d == null ? x.sum() : x.sum(d, k)),
            new Reduction("mean", true, ANY, Kink.NONE, (x, d, k) -> d == null ? x.mean() : x.mean(d, k)),
            new Reduction("prod", true, ANY, Kink.NONE, (x, d, k) -> x.prod()),
            new Reduction("max", false, ANY, Kink.UNIQUE_EXTREME, (x, d, k) -> d == null ? x.max() : x.max(d[0], k).values()),
            new Reduction("min", false, ANY, Kink.UNIQUE_EXTREME, (x, d, k) -> d == null ? x.min() : x.min(d[0], k).values()),
            new Reduction("amax", false, ANY, Kink.UNIQUE_EXTREME, (x, d, k) -> x.amax(d, k)),
            new Reduction("amin", false, ANY, Kink.UNIQUE_EXTREME, (x, d, k) -> x.amin(d, k)),
            new Reduction("norm", true, ANY, Kink.NONZERO_SLICE, (x, d, k) -> d == null ? x.norm() : x.norm(2, d[0], k)),
            new Reduction("norm(p=3)", true, ANY, Kink.NONZERO_SLICE, (x, d, k) -> d == null ? x.norm(3) : x.norm(3, d[0], k)),
            // zeros included: p < 2 takes PyTorch's sgn(x)|x|^(p-1), not x|x|^(p-2) (0 * inf)
            new Reduction("norm(p=1.5)", true, ANY, Kink.NONZERO_SLICE, (x, d, k) -> d == null ? x.norm(1.5) : x.norm(1.5, d[0], k)),
            new Reduction("norm(p=2.5)", true, ANY, Kink.NONZERO_SLICE, (x, d, k) -> d == null ? x.norm(2.5) : x.norm(2.5, d[0], k)),
            new Reduction("norm(p=4)", true, ANY, Kink.NONZERO_SLICE, (x, d, k) -> d == null ? x.norm(4) : x.norm(4, d[0], k)),
            // a zero would make sum |x|^-1 infinite and the norm 0, flat on one side of it and not the other
            new Reduction("norm(p=-1)", true, NONZERO, Kink.NONZERO_SLICE, (x, d, k) -> d == null ? x.norm(-1) : x.norm(-1, d[0], k)),
            new Reduction("norm(p=1)", false, NONZERO, Kink.NONE, (x, d, k) -> d == null ? x.norm(1) : x.norm(1, d[0], k)),
            new Reduction("norm(p=inf)", false, ANY, Kink.UNIQUE_ABS_MAX,
                    (x, d, k) -> d == null ? x.norm(Double.POSITIVE_INFINITY) : x.norm(Double.POSITIVE_INFINITY, d[0], k)));

    /** Which reductions take a list of dims, a single dim, or only all elements. */
    private static Arbitrary<int[]> reductionDims(Reduction r, int rank) {
        Arbitrary<int[]> all = Arbitraries.just(null);
        // An empty list of dims reduces every dim, as in PyTorch 1.13.
        Arbitrary<int[]> dimSet = Arbitraries.subsetOf(IntStream.range(0, rank).boxed().toList())
                .map(s -> s.stream().mapToInt(Integer::intValue).sorted().toArray());
        if (r.name().equals("prod")) {
            return all;
        }
        if (rank == 0) {
            return r.name().startsWith("am") ? dimSet : all;
        }
        Arbitrary<int[]> oneDim = Arbitraries.integers().between(-rank, rank - 1).map(d -> new int[] {d});
        return switch (r.name()) {
            case "sum", "mean" -> Arbitraries.oneOf(all, dimSet);
            case "amax", "amin" -> dimSet;
            default -> Arbitraries.oneOf(all, oneDim);
        };
    }

    static Arbitrary<GradCase> reductions() {
        return Arbitraries.of(REDUCTIONS).withoutEdgeCases().flatMap(r -> shapes().flatMap(s -> Combinators.combine(
                        operand(s, r.domain()), reductionDims(r, s.length), Arbitraries.of(false, true))
                .as((x, dims, keepdim) -> {
                    String name = r.name() + (dims == null ? "()" : "(dims=" + Arrays.toString(dims) + ", keepdim=" + keepdim + ")");
                    return one(name, x, r.smooth(), t -> r.f().apply(t, dims, keepdim));
                })).filter(c -> valid(r, c.inputs().get(0), c.op())));
    }

    /** Whether a reduction case is defined and differentiable at its values. */
    private static boolean valid(Reduction r, Operand x, String op) {
        if (r.kink() == Kink.NONE) {
            return true;
        }
        int[] dims = dimsOf(op, x.shape().length);
        if (r.kink() == Kink.UNIQUE_EXTREME && Arrays.stream(dims).anyMatch(d -> x.shape()[d] == 0)) {
            return false;
        }
        for (double[] slice : slices(x, dims)) {
            if (slice.length == 0) {
                continue;
            }
            double[] v = slice.clone();
            if (r.kink() == Kink.NONZERO_SLICE) {
                if (Math.sqrt(Arrays.stream(v).map(e -> e * e).sum()) < 0.1) {
                    return false;
                }
                continue;
            }
            if (r.kink() == Kink.UNIQUE_ABS_MAX) {
                v = Arrays.stream(v).map(Math::abs).toArray();
                if (Arrays.stream(v).max().getAsDouble() < 0.1) {
                    return false;
                }
            }
            Arrays.sort(v);
            boolean min = op.startsWith("min") || op.startsWith("amin");
            if (v.length > 1 && (min ? v[1] - v[0] : v[v.length - 1] - v[v.length - 2]) < TIE_GAP) {
                return false;
            }
        }
        return true;
    }

    /** The reduced dims named in a case's description (all dims for "()"). */
    private static int[] dimsOf(String op, int rank) {
        int at = op.indexOf("dims=[");
        if (at < 0) {
            return IntStream.range(0, rank).toArray();
        }
        String list = op.substring(at + 6, op.indexOf(']', at));
        if (list.isEmpty()) {
            return IntStream.range(0, rank).toArray();
        }
        return Arrays.stream(list.split(", ")).mapToInt(Integer::parseInt).map(d -> d < 0 ? d + rank : d).toArray();
    }

    /** The values of x grouped by the output element they reduce into. */
    static List<double[]> slices(Operand x, int[] dims) {
        int[] shape = x.shape();
        boolean[] reduced = new boolean[shape.length];
        for (int d : dims) {
            reduced[d] = true;
        }
        int[] kept = IntStream.range(0, shape.length).filter(d -> !reduced[d]).map(d -> shape[d]).toArray();
        List<List<Double>> groups = new ArrayList<>();
        for (int i = 0; i < Shapes.numel(kept); i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < x.numel(); i++) {
            int[] idx = Shapes.unflatten(shape, i);
            int[] k = IntStream.range(0, shape.length).filter(d -> !reduced[d]).map(d -> idx[d]).toArray();
            groups.get(Shapes.flatten(kept, k)).add(x.values()[i]);
        }
        return groups.stream().map(g -> g.stream().mapToDouble(Double::doubleValue).toArray()).toList();
    }

    // ------------------------------------------------------------------ products

    static Arbitrary<GradCase> products() {
        Arbitrary<Integer> size = Gen.dim(3);
        Arbitrary<GradCase> dot = size.flatMap(n -> pair(new int[] {n}, new int[] {n}, "dot", Tensor::dot));
        Arbitrary<GradCase> mv = Combinators.combine(size, size).as((m, k) -> new int[] {m, k})
                .flatMap(mk -> pair(mk, new int[] {mk[1]}, "mv", Tensor::mv));
        Arbitrary<GradCase> mm = Combinators.combine(size, size, size).as((m, k, n) -> new int[] {m, k, n})
                .flatMap(d -> pair(new int[] {d[0], d[1]}, new int[] {d[1], d[2]}, "mm", Tensor::mm));
        Arbitrary<GradCase> bmm = Combinators.combine(size, size, size, size).as((b, m, k, n) -> new int[] {b, m, k, n})
                .flatMap(d -> pair(new int[] {d[0], d[1], d[2]}, new int[] {d[0], d[2], d[3]}, "bmm", Tensor::bmm));
        Arbitrary<GradCase> matmul = Combinators.combine(size, size, size, Gen.broadcastPair(2, 2),
                        Arbitraries.of(false, true), Arbitraries.of(false, true))
                .as((m, k, n, batch, aVector, bVector) -> new int[][] {
                        aVector ? new int[] {k} : concat(batch[0], m, k),
                        bVector ? new int[] {k} : concat(batch[1], k, n)})
                .filter(p -> Shapes.numel(p[0]) <= MAX_NUMEL && Shapes.numel(p[1]) <= MAX_NUMEL)
                .flatMap(p -> pair(p[0], p[1], "matmul", Tensor::matmul));
        return Arbitraries.frequencyOf(Tuple.of(1, dot), Tuple.of(1, mv), Tuple.of(1, mm), Tuple.of(1, bmm), Tuple.of(4, matmul));
    }

    private static int[] concat(int[] a, int... b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static Arbitrary<GradCase> pair(int[] a, int[] b, String name, BinaryOperator<Tensor> f) {
        return Combinators.combine(operand(a, ANY), operand(b, ANY)).as((x, y) -> two(name, x, y, true, f));
    }

    // ------------------------------------------------------------------ views, copies and indexing

    static Arbitrary<GradCase> views() {
        return shapes().flatMap(s -> Combinators.combine(operand(s, ANY), viewOp(s))
                .as((x, op) -> one(op.name(), x, true, op.f())));
    }

    record ViewOp(String name, UnaryOperator<Tensor> f) {
    }

    private static ViewOp op(String name, UnaryOperator<Tensor> f) {
        return new ViewOp(name, f);
    }

    /** {@code [2, 1, ..., 1, last]}: rank + 1 dims, broadcasting against x of that rank with last dim {@code last}. */
    private static long[] broadcastMaskShape(int rank, int last) {
        long[] shape = new long[rank + 1];
        Arrays.fill(shape, 1);
        shape[rank] = last;
        shape[0] = 2;
        return shape;
    }

    /** The view, copy and indexing operations that apply to a tensor of {@code shape}, with random arguments. */
    private static Arbitrary<ViewOp> viewOp(int[] s) {
        int rank = s.length;
        long[] ls = Shapes.toLong(s);
        List<Arbitrary<ViewOp>> ops = new ArrayList<>();
        ops.add(Arbitraries.just(op("reshape(-1)", x -> x.reshape(-1))));
        ops.add(Arbitraries.just(op("contiguous().view(-1)", x -> x.contiguous().view(-1))));
        ops.add(Arbitraries.just(op("flatten()", Tensor::flatten)));
        ops.add(Arbitraries.just(op("squeeze()", Tensor::squeeze)));
        ops.add(Arbitraries.integers().between(-rank - 1, rank).map(d -> op("unsqueeze(" + d + ")", x -> x.unsqueeze(d))));
        ops.add(Arbitraries.integers().between(1, 2).list().ofSize(rank + 1)
                .map(r -> {
                    long[] reps = r.stream().mapToLong(Integer::longValue).toArray();
                    return op("repeat(" + Arrays.toString(reps) + ")", x -> x.repeat(reps));
                }));
        long[] expanded = new long[rank + 1];
        expanded[0] = 2;
        for (int d = 0; d < rank; d++) {
            expanded[d + 1] = s[d] == 1 ? 3 : s[d];
        }
        ops.add(Arbitraries.just(op("expand(" + Arrays.toString(expanded) + ")", x -> x.expand(expanded))));
        if (Shapes.numel(s) > 0) {
            ops.add(Arbitraries.integers().between(0, Shapes.numel(s) - 1).list().ofMinSize(0).ofMaxSize(5)
                    .map(l -> {
                        long[] idx = l.stream().mapToLong(Integer::longValue).toArray();
                        return op("reshape(-1).index(" + Arrays.toString(idx) + ")", x -> x.reshape(-1).index(Tensor.of(idx)));
                    }));
            ops.add(Arbitraries.of(true, false).list().ofSize(Shapes.numel(s)).map(m -> {
                boolean[] mask = new boolean[m.size()];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = m.get(i);
                }
                String text = Fmt.nested(DType.BOOL, s, IntStream.range(0, mask.length).mapToDouble(i -> mask[i] ? 1 : 0).toArray());
                return op("index(" + text + ")", x -> x.index(Tensor.of(mask).reshape(ls)));
            }));
            // torch.masked_select's broadcasting: a mask over the last dim (each row's), under a new leading dim of 2
            int last = rank == 0 ? 1 : s[rank - 1];
            ops.add(Arbitraries.of(true, false).list().ofSize(2 * last).map(m -> {
                boolean[] mask = new boolean[m.size()];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = m.get(i);
                }
                return op("maskedSelect(" + m + " as [2, 1.., " + last + "])", x -> x.maskedSelect(
                        Tensor.of(mask).reshape(broadcastMaskShape(rank, last))));
            }));
        }
        if (rank == 2) {
            ops.add(Arbitraries.just(op("t()", Tensor::t)));
            ops.add(Arbitraries.just(op("T()", Tensor::T)));
        }
        if (rank >= 1) {
            Arbitrary<Integer> dim = Arbitraries.integers().between(0, rank - 1);
            ops.add(Combinators.combine(dim, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 3))
                    .as((d, start, step) -> op("slice(" + d + ", " + start + ", MAX, " + step + ")",
                            x -> x.slice(d, start, Long.MAX_VALUE, step))));
            ops.add(dim.flatMap(d -> Combinators.combine(Arbitraries.integers().between(0, s[d]), Arbitraries.integers().between(0, s[d]))
                    .as((a, b) -> op("narrow(" + d + ", " + Math.min(a, b) + ", " + Math.abs(a - b) + ")",
                            x -> x.narrow(d, Math.min(a, b), Math.abs(a - b))))));
            ops.add(Combinators.combine(dim, dim).as((a, b) -> op("transpose(" + a + ", " + b + ")", x -> x.transpose(a, b))));
            ops.add(Arbitraries.shuffle(IntStream.range(0, rank).boxed().toList()).map(p -> {
                int[] order = p.stream().mapToInt(Integer::intValue).toArray();
                return op("permute(" + Arrays.toString(order) + ")", x -> x.permute(order));
            }));
            ops.add(dim.map(d -> op("squeeze(" + d + ")", x -> x.squeeze(d))));
            ops.add(Combinators.combine(dim, dim)
                    .as((a, b) -> op("flatten(" + Math.min(a, b) + ", " + Math.max(a, b) + ")",
                            x -> x.flatten(Math.min(a, b), Math.max(a, b)))));
            ops.add(Arbitraries.integers().between(0, 1).map(d -> op("cat(x, x.mul(2), dim=" + (d % rank) + ")",
                    x -> Tensor.cat(d % rank, x, x.mul(2.0)))));
            ops.add(Arbitraries.integers().between(0, rank).map(d -> op("stack(x, x.sin(), dim=" + d + ")",
                    x -> Tensor.stack(d, x, x.sin()))));
            List<Arbitrary<ViewOp>> selects = new ArrayList<>();
            for (int d = 0; d < rank; d++) {
                int dd = d;
                if (s[d] > 0) {
                    selects.add(Arbitraries.integers().between(-s[d], s[d] - 1).map(i -> op("select(" + dd + ", " + i + ")",
                            x -> x.select(dd, i))));
                    selects.add(Arbitraries.integers().between(0, s[d] - 1).list().ofMaxSize(4).map(l -> {
                        long[] idx = l.stream().mapToLong(Integer::longValue).toArray();
                        return op("indexSelect(" + dd + ", " + Arrays.toString(idx) + ")", x -> x.indexSelect(dd, Tensor.of(idx)));
                    }));
                    selects.add(Arbitraries.integers().between(0, s[dd] - 1).list().ofMaxSize(4).map(l -> {
                        long[] idx = l.stream().mapToLong(Integer::longValue).toArray();
                        long[] back = IntStream.range(0, idx.length).mapToLong(i -> idx[idx.length - 1 - i]).toArray();
                        // source depends on x too, so both of index_add's gradients are checked
                        return op("indexAdd(" + dd + ", " + Arrays.toString(idx) + ", x.indexSelect(" + dd + ", " + Arrays.toString(back) + ").mul(2))",
                                x -> x.indexAdd(dd, Tensor.of(idx), x.indexSelect(dd, Tensor.of(back)).mul(2.0)));
                    }));
                }
            }
            if (s[0] > 0) {
                selects.add(Arbitraries.integers().between(0, s[0] - 1).map(i -> op("get(" + i + ")", x -> x.get(i))));
            }
            ops.addAll(selects);
        }
        return Arbitraries.oneOf(ops);
    }

    // ------------------------------------------------------------------ in-place operations on non-leaf tensors

    /**
     * In-place arithmetic on a copy ({@code t = x.mul(1)}) or on a view of it: the gradient flows through
     * the rebased history (and CopySlices for views) to both operands. Through a view, the result is
     * the base or the view itself, whose history is then regenerated (AsStridedBackward0).
     */
    static Arbitrary<GradCase> inPlace() {
        record InPlace(String name, Domain other, boolean smooth, BinaryOperator<Tensor> f) {
        }
        List<InPlace> ops = List.of(
                new InPlace("add_", ANY, true, Tensor::add_),
                new InPlace("sub_", ANY, true, Tensor::sub_),
                new InPlace("mul_", ANY, true, Tensor::mul_),
                new InPlace("div_", NONZERO, true, Tensor::div_),
                new InPlace("copy_", ANY, true, Tensor::copy_),
                new InPlace("add_(alpha=-0.3)", ANY, true, (t, o) -> t.add_(o, -0.3)),
                new InPlace("addcmul_(x1, x1, 0.7)", ANY, true, (t, o) -> t.addcmul_(o, o.sin(), 0.7)),
                new InPlace("addcdiv_(x1, 2 + x1^2, -1.5)", ANY, true, (t, o) -> t.addcdiv_(o, o.mul(o).add(2.0), -1.5)),
                new InPlace("lerp_(x1.expand_as(t), 0.3)", ANY, true, (t, o) -> t.lerp_(o.expandAs(t), 0.3)),
                new InPlace("lerp_(x1.expand_as(t), 0.8)", ANY, true, (t, o) -> t.lerp_(o.expandAs(t), 0.8)));
        Arbitrary<Integer> written = Arbitraries.of(0, 1, 2);   // the copy; a view, giving the copy; a view, giving the view
        return Combinators.combine(Arbitraries.of(ops), written).as((op, where) -> new Object[] {op, where})
                .flatMap(o -> {
                    InPlace op = (InPlace) o[0];
                    int where = (Integer) o[1];
                    boolean viewed = where > 0;
                    return shapes().filter(s -> !viewed || (s.length >= 1 && s[0] >= 1)).flatMap(s -> {
                        int[] target = viewed ? Arrays.copyOfRange(s, 1, s.length) : s;
                        return Combinators.combine(operand(s, ANY), targetShape(target).flatMap(t -> operand(t, op.other())),
                                        Arbitraries.integers().between(0, Math.max(s.length == 0 ? 0 : s[0] - 1, 0)))
                                .as((x, y, i) -> {
                                    String name = switch (where) {
                                        case 0 -> "t = x0.mul(1); t." + op.name() + "(x1); t";
                                        case 1 -> "t = x0.mul(1); t.select(0, " + i + ")." + op.name() + "(x1); t";
                                        default -> "t = x0.mul(1); v = t.select(0, " + i + "); v." + op.name() + "(x1); v";
                                    };
                                    return two(name, x, y, op.smooth(), (a, b) -> {
                                        Tensor t = a.mul(1.0);
                                        Tensor v = viewed ? t.select(0, i) : t;
                                        op.f().apply(v, b);
                                        return where == 2 ? v : t;
                                    });
                                });
                    });
                });
    }

    /** A shape that broadcasts to {@code target} without changing it. */
    private static Arbitrary<int[]> targetShape(int[] target) {
        return Combinators.combine(Arbitraries.integers().between(0, target.length), Arbitraries.of(false, true).list().ofSize(target.length))
                .as((drop, ones) -> {
                    int[] s = Arrays.copyOfRange(target, drop, target.length);
                    for (int d = 0; d < s.length; d++) {
                        if (ones.get(drop + d)) {
                            s[d] = 1;
                        }
                    }
                    return s;
                });
    }

    /** fill_ on a view of a copy, or on the copy: the gradient of the filled region is zero. */
    static Arbitrary<GradCase> fill() {
        Arbitrary<GradCase> viewed = shapes().filter(s -> s.length >= 1).flatMap(s -> Combinators.combine(operand(s, ANY),
                        Arbitraries.integers().between(0, s[0]), Arbitraries.integers().between(0, s[0]))
                .as((x, a, b) -> one("t = x0.mul(x0); t.narrow(0, " + Math.min(a, b) + ", " + Math.abs(a - b) + ").fill_(2); t",
                        x, true, t -> {
                            Tensor c = t.mul(t);
                            c.narrow(0, Math.min(a, b), Math.abs(a - b)).fill_(2);
                            return c;
                        })));
        Arbitrary<GradCase> whole = shapes().flatMap(s -> operand(s, ANY))
                .map(x -> one("t = x0.mul(x0); t.fill_(2); t", x, true, t -> t.mul(t).fill_(2)));
        return Arbitraries.oneOf(viewed, whole);
    }

    // ------------------------------------------------------------------ training: gather/scatter, losses, layers

    /**
     * gather / scatter_add along a random dim with random in-range indices, the losses and layers
     * of {@code Functional} (their nodes carry PyTorch's names), with every differentiable operand
     * a leaf.
     */
    static Arbitrary<GradCase> training() {
        Arbitrary<GradCase> gather = shapes().filter(s -> s.length >= 1 && Shapes.numel(s) > 0).flatMap(s -> Combinators.combine(
                        operand(s, ANY), Arbitraries.integers().between(0, s.length - 1), Arbitraries.longs())
                .as((x, d, seed) -> {
                    long[][] idx = indices(s, d, seed);
                    Tensor index = Tensor.of(idx[0]).reshape(Shapes.toLong(s));
                    return one("gather(" + d + ", " + Arrays.toString(idx[0]) + ")", x, true, t -> t.gather(d, index));
                }));
        Arbitrary<GradCase> scatter = shapes().filter(s -> s.length >= 1 && Shapes.numel(s) > 0).flatMap(s -> Combinators.combine(
                        operand(s, ANY), operand(s, ANY), Arbitraries.integers().between(0, s.length - 1), Arbitraries.longs())
                .as((x, y, d, seed) -> {
                    long[][] idx = indices(s, d, seed);
                    Tensor index = Tensor.of(idx[0]).reshape(Shapes.toLong(s));
                    return two("scatterAdd(" + d + ", " + Arrays.toString(idx[0]) + ", x1)", x, y, true, (a, b) -> a.scatterAdd(d, index, b));
                }));
        Arbitrary<int[]> batch = Combinators.combine(Gen.dim(3).filter(n -> n > 0), Gen.dim(4).filter(c -> c > 0)).as((n, c) -> new int[] {n, c});
        Arbitrary<GradCase> nll = batch.flatMap(nc -> Combinators.combine(operand(nc, ANY),
                        Arbitraries.longs().between(-1, nc[1] - 1).array(long[].class).ofSize(nc[0]), Arbitraries.of("mean", "sum", "none"))
                .as((x, t, red) -> one("F.nllLoss(x.logSoftmax(1), " + Arrays.toString(t) + ", ignoreIndex=-1, " + red + ")", x, true,
                        a -> Functional.nllLoss(a.logSoftmax(1), Tensor.of(t), null, -1, red)))
                .filter(c -> !c.op().endsWith("mean)") || !c.op().matches(".*\\[(-1(, )?)+\\].*")));
        Arbitrary<GradCase> bce = shapes().flatMap(s -> Combinators.combine(operand(s, new Domain(0.1, 0.9, 0)), operand(s, new Domain(0, 1, 0)),
                        Arbitraries.of("mean", "sum", "none"))
                .as((x, t, red) -> two("F.binaryCrossEntropy(x0, x1, " + red + ")", x, t, true, (a, b) -> Functional.binaryCrossEntropy(a, b, null, red))));
        Arbitrary<GradCase> bceLogits = shapes().flatMap(s -> Combinators.combine(operand(s, ANY), operand(s, new Domain(0, 1, 0)),
                        Arbitraries.of("mean", "sum", "none"), Arbitraries.of(false, true))
                .as((x, t, red, pw) -> two("F.binaryCrossEntropyWithLogits(x0, x1, " + red + (pw ? ", posWeight=1.7)" : ")"), x, t, true,
                        (a, b) -> Functional.binaryCrossEntropyWithLogits(a, b, null, pw ? Tensor.of(1.7, DType.FLOAT64) : null, red))));
        Arbitrary<GradCase> layerNorm = shapes().filter(s -> s.length >= 1 && s[s.length - 1] >= 2).flatMap(s -> {
            int[] last = {s[s.length - 1]};
            return Combinators.combine(operand(s, ANY), operand(last, ANY), operand(last, ANY))
                    .as((x, w, b) -> new GradCase("F.layerNorm(x0, [" + last[0] + "], x1, x2, 1e-5)", List.of(x, w, b),
                            t -> Functional.layerNorm(t[0], new long[] {last[0]}, t[1], t[2], 1e-5), true, false));
        });
        // Without a padding index: PyTorch's gradient of the padding row is zero by definition, not by calculus.
        Arbitrary<GradCase> embedding = Combinators.combine(Gen.dim(3).filter(n -> n > 0), Gen.dim(3).filter(n -> n > 0)).as((n, e) -> new int[] {n, e})
                .flatMap(ne -> Combinators.combine(operand(ne, ANY), Arbitraries.longs().between(0, ne[0] - 1).array(long[].class).ofMaxSize(5))
                        .as((w, idx) -> one("F.embedding(x0, " + Arrays.toString(idx) + ", paddingIdx=-1)", w, true,
                                t -> Functional.embedding(t, Tensor.of(idx), -1))));
        Arbitrary<GradCase> addmm = Combinators.combine(Gen.dim(3).filter(n -> n > 0), Gen.dim(3).filter(k -> k > 0),
                        Gen.dim(3).filter(p -> p > 0), Arbitraries.of(false, true))
                .flatAs((n, k, p, rowBias) -> Combinators.combine(operand(rowBias ? new int[] {p} : new int[] {n, p}, ANY),
                                operand(new int[] {n, k}, ANY), operand(new int[] {k, p}, ANY))
                        .as((b, m1, m2) -> new GradCase("x0.addmm(x1, x2, beta=0.5, alpha=-1.5)", List.of(b, m1, m2),
                                t -> t[0].addmm(t[1], t[2], 0.5, -1.5), true, false)));
        Arbitrary<GradCase> divScalar = shapes().flatMap(s -> operand(s, ANY))
                .map(x -> one("F.divScalar(x0, 2.5)", x, true, t -> Functional.divScalar(t, 2.5)));
        // softmax's gradient as a function of x and of the gradient g reaching softmax: the nodes of
        // _softmax_backward_data; the finite differences run without grad mode, so the function turns it on
        Arbitrary<GradCase> softmaxGrad = shapes().flatMap(s -> Combinators.combine(operand(s, ANY), operand(s, ANY), Arbitraries.of(false, true))
                .as((x, g, log) -> two((log ? "logSoftmax" : "softmax") + "(-1)'s gradient at x0 for x1", x, g, true,
                        (a, b) -> softmaxGradient(a, b, log))));
        // relu's gradient as a function of x and of the gradient g reaching relu: threshold_backward's
        // node, ThresholdBackwardBackward0 (x away from the kink at 0, where the difference would jump)
        Arbitrary<GradCase> reluGrad = shapes().flatMap(s -> Combinators.combine(operand(s, NONZERO), operand(s, ANY))
                .as((x, g) -> two("relu's gradient at x0 for x1", x, g, true, GradCases::reluGradient)));
        return Arbitraries.oneOf(gather, scatter, nll, bce, bceLogits, layerNorm, embedding, addmm, divScalar, softmaxGrad, reluGrad,
                randomFills());
    }

    private static Tensor reluGradient(Tensor a, Tensor g) {
        try (var on = Autograd.enableGrad()) {
            Tensor x = a.requiresGrad() ? a : a.detach().requiresGrad_(true);
            Tensor r = Autograd.grad(new Tensor[] {x.relu()}, new Tensor[] {x}, new Tensor[] {g}, true, true, false)[0];
            return a.requiresGrad() || g.requiresGrad() ? r : r.detach();
        }
    }

    private static Tensor softmaxGradient(Tensor a, Tensor g, boolean log) {
        try (var on = Autograd.enableGrad()) {
            Tensor x = a.requiresGrad() ? a : a.detach().requiresGrad_(true);
            Tensor y = log ? x.logSoftmax(-1) : x.softmax(-1);
            Tensor r = Autograd.grad(new Tensor[] {y}, new Tensor[] {x}, new Tensor[] {g}, true, true, false)[0];
            return a.requiresGrad() || g.requiresGrad() ? r : r.detach();
        }
    }

    /**
     * uniform_, normal_ and bernoulli_ on a non-leaf: the values no longer depend on x, so the
     * gradient is zero. The generator is reseeded in the function, so that the finite differences
     * see the same draws.
     */
    private static Arbitrary<GradCase> randomFills() {
        record Fill(String name, UnaryOperator<Tensor> f) {
        }
        List<Fill> fills = List.of(new Fill("uniform_(-1, 1)", t -> t.uniform_(-1, 1)),
                new Fill("normal_(0.5, 2)", t -> t.normal_(0.5, 2)), new Fill("bernoulli_(0.3)", t -> t.bernoulli_(0.3)));
        return Combinators.combine(Arbitraries.of(fills), shapes().flatMap(s -> operand(s, ANY)))
                .as((fill, x) -> one("t = x0.mul(x0); manualSeed(7); t." + fill.name() + "; t", x, true, t -> {
                    Tensor c = t.mul(t);
                    Tensor.manualSeed(7);
                    fill.f().apply(c);
                    return c;
                }));
    }

    /** Random indices in range along d for every element of shape (row-major), from a seed. */
    private static long[][] indices(int[] s, int d, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        long[] idx = new long[Shapes.numel(s)];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = r.nextInt(s[d]);
        }
        return new long[][] {idx};
    }

    // ------------------------------------------------------------------ compositions

    /** One step of a composition: the current tensor and the second operand y in, a tensor out. */
    record Step(String name, BinaryOperator<Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** y if it broadcasts against t, else its sum (a scalar), so that any step order is valid. */
    private static Tensor fit(Tensor t, Tensor y) {
        int[] ts = Shapes.toInt(t.shape());
        int[] ys = Shapes.toInt(y.shape());
        for (int i = 1; i <= Math.min(ts.length, ys.length); i++) {
            int a = ts[ts.length - i];
            int b = ys[ys.length - i];
            if (a != b && a != 1 && b != 1) {
                return y.sum();
            }
        }
        return y;
    }

    /** Steps that are smooth everywhere, so any chain of them is differentiable twice. */
    static final List<Step> STEPS = List.of(
            new Step("sin", (t, y) -> t.sin()),
            new Step("cos", (t, y) -> t.cos()),
            new Step("tanh", (t, y) -> t.tanh()),
            new Step("sigmoid", (t, y) -> t.sigmoid()),
            new Step("exp", (t, y) -> t.exp()),
            new Step("square", (t, y) -> t.mul(t)),
            new Step("mul(y)", (t, y) -> t.mul(fit(t, y))),
            new Step("add(y)", (t, y) -> t.add(fit(t, y))),
            new Step("sub(y)", (t, y) -> fit(t, y).sub(t)),
            new Step("div(1 + y^2)", (t, y) -> t.div(fit(t, y).pow(2.0).add(1.0))),
            new Step("log(1 + t^2)", (t, y) -> t.mul(t).add(1.0).log()),
            new Step("sqrt(1 + t^2)", (t, y) -> t.mul(t).add(1.0).sqrt()),
            new Step("sum(-1, keepdim)", (t, y) -> t.dim() == 0 ? t : t.sum(-1, true)),
            new Step("mean(0)", (t, y) -> t.dim() == 0 ? t : t.mean(0)),
            new Step("transpose(0, -1)", (t, y) -> t.dim() == 0 ? t : t.transpose(0, -1)),
            new Step("t @ t^T", (t, y) -> t.dim() < 2 ? t.mul(t) : t.matmul(t.transpose(-1, -2))),
            new Step("reshape(-1)", (t, y) -> t.reshape(-1)),
            new Step("unsqueeze(0).expand(2, ...)", (t, y) -> {
                long[] e = new long[t.dim() + 1];
                Arrays.fill(e, -1);
                e[0] = 2;
                return t.unsqueeze(0).expand(e);
            }),
            new Step("slice(-1, 1, MAX, 2)", (t, y) -> t.dim() == 0 ? t : t.slice(-1, 1, Long.MAX_VALUE, 2)),
            new Step("clone", (t, y) -> t.clone()),
            new Step("t.mul(t.sum())", (t, y) -> t.mul(t.sum())));

    /** Largest magnitude a composition may reach on the way: beyond it sin(exp(...)) varies too fast for eps = 1e-6. */
    static final double TAME = 50;

    /** Chains of 1 to 4 steps, optionally summed to a scalar, whose intermediate values stay within {@link #TAME}. */
    static Arbitrary<GradCase> compositions() {
        return Combinators.combine(Arbitraries.of(STEPS).withoutEdgeCases().list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(false, true))
                .flatAs((steps, total) -> shapes().flatMap(s -> Combinators.combine(operand(s, ANY), targetShape(s).flatMap(t -> operand(t, ANY)))
                        .as((x, y) -> {
                            if (!tame(steps, x.contiguous(), y.contiguous())) {
                                return null;
                            }
                            String name = "x0 -> " + steps + (total ? " -> sum()" : "") + " (y = x1)";
                            return two(name, x, y, true, (a, b) -> {
                                Tensor t = a;
                                for (Step st : steps) {
                                    t = st.f().apply(t, b);
                                }
                                return total ? t.sum() : t;
                            });
                        })))
                .filter(java.util.Objects::nonNull);
    }

    private static boolean tame(List<Step> steps, Tensor x, Tensor y) {
        try (var noGrad = Autograd.noGrad()) {
            Tensor t = x;
            for (Step st : steps) {
                t = st.f().apply(t, y);
                if (t.numel() > 0 && !(t.abs().max().item() <= TAME)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Every single-operation family, for second-order checks of the smooth ones. One point is left
     * out: {@code pow(x, y)} at an exponent of exactly 0, where the gradient formula for x is
     * PyTorch's {@code where(y == 0, 0, grad * y * x^(y-1))}. The masked branch has the right value
     * but no derivative in y, so the gradient of the gradient lacks the {@code x^-1} term there, in
     * PyTorch as here. Likewise {@code prod()} of a tensor with two or more zeros, whose gradient
     * (all zeros) is a constant with no history, in PyTorch as here.
     *
     * <p>And {@code norm(p)} with an element too close to 0 ({@link #secondOrderZeroMargin}). For p = 3 the gradient
     * {@code v x|x| / n^2} is differentiable there (the Hessian's row for that element is
     * {@code 2|x|/n^2 - ...}, 0 at x = 0, which the engine and PyTorch both give), but {@code x|x|}'s
     * second derivative jumps from -2 to 2 at 0, so the central difference over [x - eps, x + eps]
     * is off by {@code (eps - |x|)^2 / eps}, up to {@code eps}, times {@code v w / n^2}: with
     * n = 0.1 (the smallest slice norm {@code valid} lets through) already 1e-4 |v w|, over the
     * 1e-5 tolerance. PyTorch's gradgradcheck fails at such a point too. From |x| >= eps on the
     * interval holds one quadratic piece and the difference is exact up to O(eps^2); the generated
     * values have 4 decimals, so this leaves out the zeros only ({@code NormAtZeroTest} checks them).
     * For 1 < p < 3 the Hessian's (p-1)|x|^(p-2)/n^(p-1) has no finite derivative at 0 (PyTorch and
     * the engine give NaN there, {@code NormAtZerosTest} in conformance checks that), and near 0 the
     * difference's error, eps^2/6 times the gradient's third derivative, grows like |x|^(p-4): from
     * |x| >= 0.1 on it is below 1e-10 (p = 1.5: eps^2/6 * 0.375 * 0.1^-2.5 / n^0.5, n >= 0.1).
     */
    static Arbitrary<GradCase> smoothOperations() {
        return Arbitraries.oneOf(unary(), binary(), reductions(), products(), views(), training()).filter(GradCase::smooth)
                .filter(c -> !c.op().equals("pow") || Arrays.stream(c.inputs().get(1).values()).noneMatch(y -> y == 0))
                .filter(c -> !c.op().equals("prod()") || Arrays.stream(c.inputs().get(0).values()).filter(x -> x == 0).count() < 2)
                .filter(c -> secondOrderZeroMargin(c.op()) == 0
                        || Arrays.stream(c.inputs().get(0).values()).allMatch(x -> Math.abs(x) >= secondOrderZeroMargin(c.op())));
    }

    /** How far from 0 the elements of a second-order case must be (0: no limit); see {@link #smoothOperations}. */
    private static double secondOrderZeroMargin(String op) {
        if (op.startsWith("norm(p=3)")) {
            return GradCheck.EPS;
        }
        return op.startsWith("norm(p=1.5)") || op.startsWith("norm(p=2.5)") ? 0.1 : 0;
    }
}
