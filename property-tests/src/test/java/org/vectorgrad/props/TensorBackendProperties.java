package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.BinaryOp;
import org.vectorgrad.backend.UnaryOp;
import org.vectorgrad.props.Gen.Special;

/**
 * The SIMD backend against the scalar one through the public API, in {@code Backends.use} scopes: the
 * same operation on the same operands (in the layouts of {@link Recipe}) agrees within the kernel
 * family's tolerance, and within one backend the result does not depend on the operands' layouts.
 */
class TensorBackendProperties {

    static <T> T under(String backend, Supplier<T> computation) {
        try (var scope = Backends.use(backend)) {
            return computation.get();
        }
    }

    static void run(String backend, Runnable check) {
        try (var scope = Backends.use(backend)) {
            check.run();
        }
    }

    /** A result's elements as a Java array of its dtype, row-major. */
    static Object values(Tensor t) {
        return switch (t.dtype()) {
            case FLOAT32 -> t.toFloatArray();
            case FLOAT64 -> t.toDoubleArray();
            case BOOL -> t.toBooleanArray();
            default -> t.toLongArray();
        };
    }

    static Tensor apply(UnaryOp op, Tensor x) {
        return switch (op) {
            case NEG -> x.neg();
            case ABS -> x.abs();
            case SIGN -> x.sign();
            case SQRT -> x.sqrt();
            case EXP -> x.exp();
            case LOG -> x.log();
            case SIN -> x.sin();
            case COS -> x.cos();
            case TAN -> x.tan();
            case ERF -> x.erf();
            case TANH -> x.tanh();
            case SIGMOID -> x.sigmoid();
            case RELU -> x.relu();
            case RECIPROCAL -> x.reciprocal();
        };
    }

    static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case FLOOR_DIVIDE -> a.floorDivide(b);
            case POW -> a.pow(b);
            case MAXIMUM -> a.maximum(b);
            case MINIMUM -> a.minimum(b);
            case EQ -> a.eq(b);
            case NE -> a.ne(b);
            case LT -> a.lt(b);
            case LE -> a.le(b);
            case GT -> a.gt(b);
            case GE -> a.ge(b);
        };
    }

    /** Results agree within {@code ulps}, with equal shapes and dtypes. */
    private static void agree(String what, Tensor scalar, Tensor simd, long ulps) {
        assertArrayEquals(scalar.shape(), simd.shape(), what + ": shape");
        assertEquals(scalar.dtype(), simd.dtype(), what + ": dtype");
        Check.buffers(what, scalar.dtype(), values(scalar), values(simd), ulps);
    }

    @Property(tries = 1200)
    void unaryOperationsAgreeAcrossBackendsAndLayouts(@ForAll UnaryOp op, @ForAll("operands") Operand x) {
        String what = op + " of " + x.dtype();
        Tensor scalar = under("scalar", () -> apply(op, x.tensor()));
        Tensor simd = under("simd", () -> apply(op, x.tensor()));
        agree(what + ", scalar vs simd", scalar, simd, Check.ulps(op, x.dtype()));
        agree(what + ", contiguous vs " + x.recipe(), under("simd", () -> apply(op, x.contiguous())), simd, 0);
    }

    @Property(tries = 900)
    void binaryOperationsAgreeAcrossBackendsAndLayouts(@ForAll BinaryOp op, @ForAll("operandPairs") List<Operand> ab) {
        Operand a = ab.get(0);
        Operand b = ab.get(1);
        String what = op + " of " + a.dtype();
        Tensor scalar = under("scalar", () -> apply(op, a.tensor(), b.tensor()));
        Tensor simd = under("simd", () -> apply(op, a.tensor(), b.tensor()));
        agree(what + ", scalar vs simd", scalar, simd, Check.ulps(op, a.dtype()));
        agree(what + ", contiguous vs laid out", under("simd", () -> apply(op, a.contiguous(), b.contiguous())), simd, 0);
    }

    @Property(tries = 1500)
    void sumsAgreeAcrossBackendsWithinTheBound(@ForAll("reductionOperands") Operand x, @ForAll("dimSubsets") List<Integer> dimChoice) {
        int rank = x.shape().length;
        int[] dims = dimChoice.stream().filter(d -> d < rank).mapToInt(Integer::intValue).distinct().sorted().toArray();
        Tensor scalar = under("scalar", () -> x.tensor().sum(dims, false));
        Tensor simd = under("simd", () -> x.tensor().sum(dims, false));
        Tensor contiguous = under("simd", () -> x.contiguous().sum(dims, false));
        List<Exact> exact = sums(x, dims);
        double[] s = scalar.toDoubleArray();
        double[] v = simd.toDoubleArray();
        double[] c = contiguous.toDoubleArray();
        assertArrayEquals(scalar.shape(), simd.shape(), "shape");
        for (int o = 0; o < exact.size(); o++) {
            Check.sum("sum(" + Arrays.toString(dims) + ") output " + o, x.dtype(), exact.get(o), s[o], v[o]);
            Check.withinBound("sum(" + Arrays.toString(dims) + ") of the contiguous copy under simd, output " + o, x.dtype(),
                    exact.get(o), c[o]);
        }
    }

    /** Exact sums of x over {@code dims} (an empty list: every dim), output by output. */
    static List<Exact> sums(Operand x, int[] dims) {
        int[] all = dims.length == 0 ? IntStream.range(0, x.shape().length).toArray() : dims;
        return GradCases.slices(x, all).stream().map(slice -> {
            Exact e = new Exact();
            for (double v : slice) {
                e.add(v);
            }
            return e;
        }).toList();
    }

    @Property(tries = 1200)
    void extremaAgreeAcrossBackendsAndLayouts(@ForAll("reductionOperands") Operand x, @ForAll("dimSubsets") List<Integer> dimChoice) {
        int rank = x.shape().length;
        if (rank == 0 || x.shape()[dimChoice.get(0) % rank] == 0) {
            return;
        }
        int d = dimChoice.get(0) % rank;
        for (boolean max : new boolean[] {true, false}) {
            String what = (max ? "max" : "min") + "(" + d + ")";
            Tensor.ValuesIndices scalar = under("scalar", () -> max ? x.tensor().max(d) : x.tensor().min(d));
            Tensor.ValuesIndices simd = under("simd", () -> max ? x.tensor().max(d) : x.tensor().min(d));
            Tensor.ValuesIndices contiguous = under("simd", () -> max ? x.contiguous().max(d) : x.contiguous().min(d));
            agree(what + " values", scalar.values(), simd.values(), 0);
            agree(what + " indices", scalar.indices(), simd.indices(), 0);
            agree(what + " values, contiguous vs " + x.recipe(), contiguous.values(), simd.values(), 0);
            agree(what + " indices, contiguous vs " + x.recipe(), contiguous.indices(), simd.indices(), 0);
            int[] dims = {d};
            Tensor a = under("scalar", () -> max ? x.tensor().amax(dims, true) : x.tensor().amin(dims, true));
            Tensor b = under("simd", () -> max ? x.tensor().amax(dims, true) : x.tensor().amin(dims, true));
            agree("a" + what, a, b, 0);
        }
    }

    @Property(tries = 1200)
    void matmulAgreesAcrossBackendsWithinTheBound(@ForAll("matmulOperands") List<Operand> ab) {
        Operand a = ab.get(0);
        Operand b = ab.get(1);
        Tensor scalar = under("scalar", () -> a.tensor().matmul(b.tensor()));
        Tensor simd = under("simd", () -> a.tensor().matmul(b.tensor()));
        Tensor contiguous = under("simd", () -> a.contiguous().matmul(b.contiguous()));
        assertArrayEquals(scalar.shape(), simd.shape(), "shape");
        assertArrayEquals(scalar.shape(), contiguous.shape(), "shape");
        List<Exact> exact = AlgebraProperties.matmulExact(a, b);
        double[] s = scalar.toDoubleArray();
        double[] v = simd.toDoubleArray();
        double[] c = contiguous.toDoubleArray();
        for (int o = 0; o < exact.size(); o++) {
            Check.sum("matmul output " + o, a.dtype(), exact.get(o), s[o], v[o]);
            Check.withinBound("matmul of the contiguous copies under simd, output " + o, a.dtype(), exact.get(o), c[o]);
        }
    }

    @Provide
    Arbitrary<Operand> operands() {
        return Combinators.combine(Gen.floatTypes(), KernelCases.shape(0, 4)).flatAs((t, s) -> KernelCases.input(t, s, Special.ALL));
    }

    @Provide
    Arbitrary<List<Operand>> operandPairs() {
        return Combinators.combine(Gen.floatTypes(), Gen.broadcastPair(3, 3), KernelCases.rowLength(), Arbitraries.of(true, false))
                .flatAs((t, p, n, row) -> {
                    int[] a = Arrays.copyOf(p[0], p[0].length + 1);
                    a[p[0].length] = n;
                    int[] b = Arrays.copyOf(p[1], p[1].length + 1);
                    b[p[1].length] = row ? n : 1;
                    return Combinators.combine(KernelCases.input(t, a, Special.ALL), KernelCases.input(t, b, Special.ALL)).as(List::of);
                })
                .filter(l -> Shapes.numel(Shapes.broadcast(l.get(0).shape(), l.get(1).shape())) <= KernelCases.MAX_NUMEL);
    }

    @Provide
    Arbitrary<Operand> reductionOperands() {
        return Combinators.combine(Gen.floatTypes(), KernelCases.shape(0, 4)).flatAs((t, s) -> KernelCases.input(t, s, Special.NOT_HUGE));
    }

    @Provide
    Arbitrary<List<Integer>> dimSubsets() {
        return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Operand>> matmulOperands() {
        return AlgebraProperties.matmulPairs();
    }
}
