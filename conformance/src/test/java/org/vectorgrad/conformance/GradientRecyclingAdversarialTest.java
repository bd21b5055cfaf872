package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * More graphs through a recycling backward pass (see GradientRecyclingTest): index ops, scatters,
 * selects, softmax, casts across dtypes, broadcasting, leaves with transposed strides, repeats,
 * in-place ops in the graph, reductions, pow's special exponents, relu and sigmoid's fused backward
 * kernels. Each gives the bits of a pass that recycles nothing (create_graph), on every one of
 * several runs (later runs meet arrays recycled with old contents).
 */
class GradientRecyclingAdversarialTest {
    private static final Tensor ROWS = Tensor.randint(0, 64, 80);
    private static final Tensor COLS = Tensor.randint(0, 64, 80, 64);

    private static Map<String, Function<Tensor[], Tensor>> graphs() {
        Map<String, Function<Tensor[], Tensor>> g = new LinkedHashMap<>();
        g.put("indexSelect and gather", l -> l[0].indexSelect(0, ROWS).sin().gather(1, COLS).exp().mul(l[1].indexSelect(0, ROWS)).sum());
        g.put("scatterAdd", l -> l[0].detach().zerosLike().scatterAdd(0, COLS.narrow(0, 0, 64), l[0].sin()).mul(l[1]).exp().sum());
        g.put("where and clamp", l -> Tensor.where(l[0].gt(l[1]), l[0].exp(), l[1].sin()).clamp(-0.5, 0.9).mul(l[1]).tanh().sum());
        g.put("softmax and logSoftmax", l -> l[0].softmax(1).mul(l[1]).logSoftmax(0).mul(l[1].cos()).sum());
        g.put("broadcast rows and columns", l -> l[0].add(l[1].narrow(0, 3, 1)).mul(l[1].sum(0, true)).tanh().add(l[0].narrow(1, 0, 1)).sin().sum());
        g.put("through float64 and back", l -> l[0].to(l[0].dtype() == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32).sin().exp()
                .to(l[0].dtype()).mul(l[1]).cos().sum());
        g.put("pow's special exponents", l -> l[0].pow(3).mul(l[1].pow(2)).add(l[0].abs().add(1).pow(-2)).abs().sqrt().add(l[1].abs().add(1).pow(-0.5)).sum());
        g.put("transposed products", l -> l[0].t().matmul(l[1]).t().matmul(l[0]).relu().matmul(l[1].t()).sigmoid().sum());
        g.put("stack and select", l -> Tensor.stack(0, l[0].sin(), l[1].cos(), l[0].exp()).select(0, 1).mul(l[0]).exp()
                .add(Tensor.stack(1, l[0], l[1]).sum(1)).sum());
        g.put("amax and mean", l -> l[0].sin().mul(l[1]).amax(new int[] {1}, false).sum().add(l[0].cos().exp().mean()));
        g.put("a row expanded", l -> l[0].narrow(0, 5, 1).expand(64, 64).mul(l[1]).exp().add(l[0].sin()).sum());
        g.put("repeat and narrow", l -> l[0].repeat(2, 1).sin().narrow(0, 32, 64).mul(l[1]).exp().sum());
        g.put("permute, contiguous, view", l -> l[0].reshape(8, 8, 64).permute(2, 0, 1).contiguous().view(64, 64).exp().mul(l[1]).sum());
        g.put("in-place ops on non-leaves", l -> {
            Tensor a = l[0].add(0.5);   // saves nothing an in-place op could change
            a.mul_(l[1]);
            Tensor b = l[1].sin().clone();
            b.add_(a);
            b.mul_(2.0);
            return b.tanh().sum();
        });
        g.put("relu and sigmoid", l -> l[0].relu().mul(l[1]).sigmoid().mul(l[0].sub(l[1]).relu()).sum());
        g.put("cat of three and split sums", l -> Tensor.cat(1, l[0].sin(), l[1], l[0].exp()).mul(2.0).narrow(1, 32, 128).exp().sum());
        g.put("a leaf used five times", l -> l[0].mul(l[0]).add(l[0].sin()).mul(l[0].exp()).add(l[0].t()).mul(l[1]).sum());
        return g;
    }

    private static Tensor[] leaves(DType dtype, boolean transposed) {
        Tensor.manualSeed(11);
        Tensor a = Tensor.randn(dtype, 64, 64).mul(0.5);
        Tensor b = Tensor.randn(dtype, 64, 64).mul(0.5);
        if (transposed) {
            a = a.t().contiguous().t();   // a leaf with column-major strides: its grad takes them
        }
        return new Tensor[] {a.detach().requiresGrad_(true), b.detach().requiresGrad_(true)};
    }

    private static Tensor[] grads(Function<Tensor[], Tensor> graph, DType dtype, boolean transposed, boolean createGraph) {
        return GradientRecyclingTest.gradsOf(leaves(dtype, transposed), graph, createGraph);
    }

    @Test
    void everyGraphGivesTheBitsOfAPassThatRecyclesNothing() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (boolean transposed : new boolean[] {false, true}) {
                graphs().forEach((name, graph) -> {
                    for (int run = 0; run < 3; run++) {
                        Tensor[] recycled = grads(graph, dtype, transposed, false);
                        Tensor[] reference = grads(graph, dtype, transposed, true);
                        for (int i = 0; i < 2; i++) {
                            assertTrue(recycled[i].equal(reference[i]), name + " " + dtype + (transposed ? " transposed leaf" : "")
                                    + " run " + run + ": grad of leaf " + i);
                        }
                        assertFalse(recycled[0].sharesStorageWith(recycled[1]), name + ": the two leaves' grads");
                    }
                });
            }
        }
    }

    @Test
    void retainedGraphsSecondPassesAndAccumulatedGradsKeepTheirBits() {
        graphs().forEach((name, graph) -> {
            Tensor[] l = leaves(DType.FLOAT32, false);
            Tensor loss = graph.apply(l);
            loss.backward(null, true, false);
            Tensor first0 = l[0].grad().clone();
            Tensor first1 = l[1].grad().clone();
            loss.backward(null, true, false);   // accumulates into the grads the first pass left
            loss.backward();
            assertTrue(l[0].grad().allclose(first0.mul(3.0), 1e-5, 1e-6), name + " x.grad after three passes");
            assertTrue(l[1].grad().allclose(first1.mul(3.0), 1e-5, 1e-6), name + " y.grad after three passes");
            Tensor[] reference = grads(graph, DType.FLOAT32, false, true);
            assertTrue(first0.equal(reference[0]) && first1.equal(reference[1]), name + ": the first pass's grads");
        });
    }

    @Test
    void aFailedPassLeavesNothingBehindOnItsThread() {
        Tensor[] l = leaves(DType.FLOAT32, false);
        Tensor loss = l[0].sin().exp().mul(l[1]).tanh().sum();
        loss.backward();   // frees the graph
        assertThrows(IllegalStateException.class, loss::backward);   // the second pass fails inside
        // forward results after the failure are fresh: a later pass on this thread still gives the reference bits
        Tensor[] recycled = grads(graphs().get("transposed products"), DType.FLOAT32, false, false);
        Tensor[] reference = grads(graphs().get("transposed products"), DType.FLOAT32, false, true);
        assertTrue(recycled[0].equal(reference[0]) && recycled[1].equal(reference[1]));
    }

    @Test
    void manyThreadsAtOnceOverSharedLeaves() throws Exception {
        // several threads backpropagate at once through graphs over the same two leaves (shared AccumulateGrad,
        // each pass recycling its own arrays); the leaves' grads are the sums of every pass's gradients
        Tensor[] l = leaves(DType.FLOAT64, false);
        List<Function<Tensor[], Tensor>> gs = new ArrayList<>(graphs().values());
        Tensor[] expected = {l[0].detach().zerosLike(), l[1].detach().zerosLike()};
        for (Function<Tensor[], Tensor> graph : gs) {
            Tensor[] r = grads(graph, DType.FLOAT64, false, true);
            expected[0] = expected[0].add(r[0]);
            expected[1] = expected[1].add(r[1]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Function<Tensor[], Tensor> graph : gs) {
                done.add(pool.submit(() -> graph.apply(l).backward()));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(l[0].grad().allclose(expected[0], 1e-9, 1e-12), "x.grad: the sum of all passes");
        assertTrue(l[1].grad().allclose(expected[1], 1e-9, 1e-12), "y.grad: the sum of all passes");
    }
}
