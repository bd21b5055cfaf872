package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.props.Gen.Special;

/**
 * Identities that hold whatever the layout, so that a layout bug breaks them: products of transposes,
 * sums in any order of dims, contiguous copies, and views that alias their base.
 */
class AlgebraProperties {

    @Provide
    Arbitrary<String> backends() {
        return GradientProperties.backends();
    }

    // ------------------------------------------------------------------ matmul(a, b) = matmul(b^T, a^T)^T

    @Property(tries = 600)
    void matmulEqualsTheTransposeOfTheProductOfTransposes(@ForAll("matrixPairs") List<Operand> ab, @ForAll("backends") String backend) {
        Operand a = ab.get(0);
        Operand b = ab.get(1);
        List<Exact> exact = matmulExact(a, b);
        Tensor direct = TensorBackendProperties.under(backend, () -> a.tensor().matmul(b.tensor()));
        Tensor viaTransposes = TensorBackendProperties.under(backend, () -> {
            Tensor at = a.tensor().dim() == 2 ? a.tensor().t() : a.tensor().transpose(-1, -2);
            Tensor bt = b.tensor().dim() == 2 ? b.tensor().t() : b.tensor().transpose(-1, -2);
            Tensor p = bt.matmul(at);
            return p.dim() == 2 ? p.t() : p.transpose(-1, -2);
        });
        assertArrayEquals(direct.shape(), viaTransposes.shape(), "shape");
        double[] d = direct.toDoubleArray();
        double[] v = viaTransposes.toDoubleArray();
        for (int o = 0; o < exact.size(); o++) {
            Check.withinBound("matmul(a, b) output " + o, a.dtype(), exact.get(o), d[o]);
            Check.withinBound("matmul(b^T, a^T)^T output " + o, a.dtype(), exact.get(o), v[o]);
        }
    }

    /** Matrix pairs of rank 2 or batched rank 3-4 (broadcast batches), any layouts. */
    @Provide
    Arbitrary<List<Operand>> matrixPairs() {
        return matmulPairs().filter(l -> l.get(0).shape().length >= 2 && l.get(1).shape().length >= 2);
    }

    /** Operands of torch.matmul: 1-D to 4-D, batch dims that broadcast, sizes around the tiles. */
    static Arbitrary<List<Operand>> matmulPairs() {
        Arbitrary<Integer> size = Arbitraries.of(0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17);
        return Combinators.combine(Gen.floatTypes(), Combinators.combine(size, size, size).as((m, k, n) -> new int[] {m, k, n}),
                        Gen.broadcastPair(2, 3), Arbitraries.of(false, false, true), Arbitraries.of(false, false, true))
                .flatAs((t, mkn, batch, aVector, bVector) -> {
                    int[] a = aVector ? new int[] {mkn[1]} : concat(batch[0], mkn[0], mkn[1]);
                    int[] b = bVector ? new int[] {mkn[1]} : concat(batch[1], mkn[1], mkn[2]);
                    return Combinators.combine(KernelCases.input(t, a, Special.NOT_HUGE), KernelCases.input(t, b, Special.NOT_HUGE))
                            .as(List::of);
                });
    }

    private static int[] concat(int[] a, int... b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Exact sums of torch.matmul(a, b), output by output in row-major order. */
    static List<Exact> matmulExact(Operand a, Operand b) {
        int[] as = a.shape().length == 1 ? new int[] {1, a.shape()[0]} : a.shape();
        int[] bs = b.shape().length == 1 ? new int[] {b.shape()[0], 1} : b.shape();
        int[] batchA = Arrays.copyOf(as, as.length - 2);
        int[] batchB = Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast(batchA, batchB);
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        List<Exact> out = new ArrayList<>();
        for (int bi = 0; bi < Shapes.numel(batch); bi++) {
            int[] idx = Shapes.unflatten(batch, bi);
            int ao = Shapes.flatten(batchA, broadcastIndex(idx, batchA)) * m * k;
            int bo = Shapes.flatten(batchB, broadcastIndex(idx, batchB)) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    Exact e = new Exact();
                    for (int p = 0; p < k; p++) {
                        e.addProduct(a.values()[ao + i * k + p], b.values()[bo + p * n + j]);
                    }
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The index into a broadcast operand of shape {@code s} for an index of the broadcast result. */
    private static int[] broadcastIndex(int[] idx, int[] s) {
        int[] r = new int[s.length];
        for (int d = 0; d < s.length; d++) {
            r[d] = s[d] == 1 ? 0 : idx[idx.length - s.length + d];
        }
        return r;
    }

    // ------------------------------------------------------------------ sums over dims in any order

    @Property(tries = 1500)
    void summingDimsOneAtATimeInAnyOrderAgreesWithSummingThemTogether(@ForAll("sumOperands") Operand x,
            @ForAll("dimOrders") List<Integer> order, @ForAll boolean keepdim, @ForAll("backends") String backend) {
        int rank = x.shape().length;
        int[] dims = order.stream().filter(d -> d < rank).mapToInt(Integer::intValue).distinct().toArray();
        if (dims.length == 0) {
            return;
        }
        int[] sorted = dims.clone();
        Arrays.sort(sorted);
        Tensor together = TensorBackendProperties.under(backend, () -> x.tensor().sum(dims, keepdim));
        Tensor stepwise = TensorBackendProperties.under(backend, () -> {
            Tensor t = x.tensor();
            List<Integer> remaining = new ArrayList<>(IntStream.range(0, rank).boxed().toList());
            for (int d : dims) {
                int at = keepdim ? d : remaining.indexOf(d);
                t = t.sum(at, keepdim);
                remaining.remove(Integer.valueOf(d));
            }
            return t;
        });
        assertArrayEquals(together.shape(), stepwise.shape(), "shape of sum(" + Arrays.toString(dims) + ") vs one dim at a time");
        List<Exact> exact = TensorBackendProperties.sums(x, sorted);
        double[] a = together.toDoubleArray();
        double[] b = stepwise.toDoubleArray();
        for (int o = 0; o < exact.size(); o++) {
            Check.withinBound("sum(" + Arrays.toString(dims) + ") output " + o, x.dtype(), exact.get(o), a[o]);
            Check.withinBound("sum one dim at a time in the order " + Arrays.toString(dims) + ", output " + o, x.dtype(),
                    exact.get(o), b[o]);
        }
    }

    @Provide
    Arbitrary<Operand> sumOperands() {
        return Combinators.combine(Gen.floatTypes(), KernelCases.shape(1, 4)).flatAs((t, s) -> KernelCases.input(t, s, Special.NOT_HUGE));
    }

    @Provide
    Arbitrary<List<Integer>> dimOrders() {
        return Arbitraries.shuffle(0, 1, 2, 3).flatMap(p -> Arbitraries.integers().between(1, 4).map(n -> p.subList(0, n)));
    }

    // ------------------------------------------------------------------ contiguous() and clone() keep every value

    @Property(tries = 1800)
    void contiguousAndCloneNeverChangeValues(@ForAll("anyOperands") Operand x, @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> {
            Tensor t = x.tensor();
            Tensor c = t.contiguous();
            Tensor k = t.clone();
            assertTrue(c.isContiguous(), "contiguous() is contiguous");
            if (t.isContiguous()) {
                assertSame(t, c, "contiguous() of a contiguous tensor is the tensor itself");
            } else {
                assertTrue(!c.sharesStorageWith(t), "contiguous() of a strided tensor copies");
            }
            assertNotSame(t, k);
            assertTrue(!k.sharesStorageWith(t), "clone() copies");
            Object expected = Operand.array(x.dtype(), x.values());
            Check.buffers("contiguous() of " + x.recipe(), x.dtype(), expected, TensorBackendProperties.values(c), 0);
            Check.buffers("clone() of " + x.recipe(), x.dtype(), expected, TensorBackendProperties.values(k), 0);
            Check.buffers("reading " + x.recipe(), x.dtype(), expected, TensorBackendProperties.values(t), 0);
        });
    }

    @Provide
    Arbitrary<Operand> anyOperands() {
        return Combinators.combine(Gen.floatTypes(), KernelCases.shape(0, 4)).flatAs((t, s) -> KernelCases.input(t, s, Special.ALL));
    }

    // ------------------------------------------------------------------ views alias their base

    record ViewCase(String name, UnaryOperator<Tensor> f, boolean writable) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A view reads exactly the base elements the same view of an index tensor names, shares the base's
     * storage, and a write through it changes exactly those elements of the base and bumps its version.
     */
    @Property(tries = 2400)
    void viewsReadAndWriteTheirBasesStorage(@ForAll("viewCases") List<Object> vc, @ForAll("backends") String backend) {
        Operand x = (Operand) vc.get(0);
        ViewCase view = (ViewCase) vc.get(1);
        TensorBackendProperties.run(backend, () -> {
            Tensor base = x.tensor();
            Tensor index = Operand.wrap(DType.FLOAT64, IntStream.range(0, x.numel()).asDoubleStream().toArray(), x.shape());
            Tensor v = view.f().apply(base);
            double[] covered = view.f().apply(index).toDoubleArray();
            assertTrue(v.sharesStorageWith(base), view + " shares its base's storage");
            double[] read = v.toDoubleArray();
            for (int i = 0; i < read.length; i++) {
                assertEquals(x.values()[(int) covered[i]], read[i], view + " element " + i);
            }
            if (!view.writable()) {
                return;
            }
            int version = base.version();
            try (var noGrad = Autograd.noGrad()) {
                v.fill_(42);
            }
            assertTrue(v.numel() == 0 || base.version() > version, "a write through " + view + " bumps the base's version");
            double[] expected = x.values().clone();
            for (double c : covered) {
                expected[(int) c] = 42;
            }
            double[] after = base.toDoubleArray();
            for (int i = 0; i < after.length; i++) {
                if (Double.compare(expected[i], after[i]) != 0) {
                    fail("after " + view + ".fill_(42), base element " + i + " is " + after[i] + ", expected " + expected[i]);
                }
            }
        });
    }

    @Provide
    Arbitrary<List<Object>> viewCases() {
        return Gen.shape(1, 4, 4).flatMap(s -> Combinators.combine(
                Gen.operand(DType.FLOAT64, s, Gen.gradValues(Gen.Domain.ANY), false), views(s)).as(List::of));
    }

    private static Arbitrary<ViewCase> views(int[] s) {
        int rank = s.length;
        Arbitrary<Integer> dim = Arbitraries.integers().between(0, rank - 1);
        List<Arbitrary<ViewCase>> all = new ArrayList<>();
        all.add(Combinators.combine(dim, dim).as((a, b) -> new ViewCase("transpose(" + a + ", " + b + ")", x -> x.transpose(a, b), true)));
        all.add(Arbitraries.shuffle(IntStream.range(0, rank).boxed().toList()).map(p -> {
            int[] order = p.stream().mapToInt(Integer::intValue).toArray();
            return new ViewCase("permute(" + Arrays.toString(order) + ")", x -> x.permute(order), true);
        }));
        all.add(Combinators.combine(dim, Arbitraries.integers().between(0, 4), Arbitraries.integers().between(1, 3))
                .as((d, start, step) -> new ViewCase("slice(" + d + ", " + start + ", MAX, " + step + ")",
                        x -> x.slice(d, start, Long.MAX_VALUE, step), true)));
        all.add(dim.flatMap(d -> Combinators.combine(Arbitraries.integers().between(0, s[d]), Arbitraries.integers().between(0, s[d]))
                .as((a, b) -> new ViewCase("narrow(" + d + ", " + Math.min(a, b) + ", " + Math.abs(a - b) + ")",
                        x -> x.narrow(d, Math.min(a, b), Math.abs(a - b)), true))));
        all.add(Arbitraries.integers().between(0, rank).map(d -> new ViewCase("unsqueeze(" + d + ")", x -> x.unsqueeze(d), true)));
        all.add(Arbitraries.just(new ViewCase("squeeze()", Tensor::squeeze, true)));
        long[] expanded = new long[rank + 1];
        expanded[0] = 3;
        for (int d = 0; d < rank; d++) {
            expanded[d + 1] = s[d];
        }
        all.add(Arbitraries.just(new ViewCase("expand(" + Arrays.toString(expanded) + ")", x -> x.expand(expanded), false)));
        for (int d = 0; d < rank; d++) {
            int dd = d;
            if (s[d] > 0) {
                all.add(Arbitraries.integers().between(0, s[d] - 1).map(i -> new ViewCase("select(" + dd + ", " + i + ")",
                        x -> x.select(dd, i), true)));
            }
        }
        return Arbitraries.oneOf(all);
    }
}
