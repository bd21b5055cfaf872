package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * A backward pass without create_graph recycles the arrays of gradients it has consumed (see the
 * Engine's class comment). These graphs, all of 4,096 elements or more so that recycling engages, pass
 * gradients through reshapes (storage shared without a view), views, sums of two gradients, concatenation
 * and matrix products: the gradients must be bit for bit those of a pass that recycles nothing
 * (create_graph), and no tensor the user can see may share storage it should not.
 */
class GradientRecyclingTest {

    /** A graph over leaves x (64 x 64) and y (64 x 64), ending in a scalar loss. */
    private static final Map<String, Function<Tensor[], Tensor>> GRAPHS = Map.of(
            "unary chain", l -> l[0].sin().exp().tanh().mul(l[1]).sigmoid().sum(),
            "reshapes and a transpose", l -> l[0].sin().reshape(4096).exp().reshape(64, 64).t().cos().mul(l[1]).sum(),
            "two uses of x", l -> l[0].sin().mul(l[0].cos()).add(l[0].exp()).mul(l[1]).sum(),
            "cat", l -> Tensor.cat(0, l[0].sin(), l[1].exp()).tanh().mul(2.0).sum(),
            "contiguous of a transpose", l -> l[0].t().contiguous().exp().mul(l[1]).relu().sum(),
            "products", l -> l[0].matmul(l[1]).relu().matmul(l[1].t()).sub(l[0]).pow(2).mean(),
            "a gradient summed from two branches", l -> {
                Tensor h = l[0].mul(l[1]).exp();
                return h.sin().add(h.cos()).mul(h).sum();
            },
            // a row's and a 0-dim tensor's gradients are summed down in their node, whose temporaries the
            // other operand's gradient may then take; add's row gradient is the incoming one, never spared
            "broadcast operands", l -> {
                Tensor row = l[1].sum(0);
                Tensor s = l[1].mean();
                return l[0].exp().add(row).mul(row).div(row.add(3.0)).div(s.add(2.0)).sin().sum();
            },
            "norms and logsumexp", l -> l[0].mul(l[1]).norm(2, 1, false).add(l[0].logsumexp(1)).sum()
                    .add(l[1].norm(1)).add(l[0].exp().norm()));

    /** The leaves' values, drawn once (the generator is shared by all threads). */
    private static final Map<DType, Tensor[]> VALUES = Map.of(DType.FLOAT32, draw(DType.FLOAT32), DType.FLOAT64,
            draw(DType.FLOAT64));

    private static Tensor[] draw(DType dtype) {
        Tensor.manualSeed(7);
        return new Tensor[] {Tensor.randn(dtype, 64, 64).mul(0.5), Tensor.randn(dtype, 64, 64).mul(0.5)};
    }

    private static Tensor[] leaves(DType dtype) {
        Tensor[] v = VALUES.get(dtype);
        return new Tensor[] {v[0].clone().requiresGrad_(true), v[1].clone().requiresGrad_(true)};
    }

    /** The leaves' gradients by backward(), or with create_graph by Autograd.grad (a pass that recycles nothing). */
    private static Tensor[] grads(Function<Tensor[], Tensor> graph, DType dtype, boolean createGraph) {
        return gradsOf(leaves(dtype), graph, createGraph);
    }

    /** The gradients of leaves l through graph, as {@link #grads} (also the adversarial test's). */
    static Tensor[] gradsOf(Tensor[] l, Function<Tensor[], Tensor> graph, boolean createGraph) {
        Tensor loss = graph.apply(l);
        if (createGraph) {
            return Autograd.grad(new Tensor[] {loss}, l, null, true, true, false);
        }
        loss.backward();
        return new Tensor[] {l[0].grad(), l[1].grad()};
    }

    @Test
    void recycledGradientsGiveTheBitsOfAPassThatRecyclesNothing() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            GRAPHS.forEach((name, graph) -> {
                for (int run = 0; run < 3; run++) {   // later runs meet arrays recycled with old contents
                    Tensor[] recycled = grads(graph, dtype, false);
                    Tensor[] reference = grads(graph, dtype, true);
                    for (int i = 0; i < 2; i++) {
                        assertTrue(recycled[i].equal(reference[i]), name + " " + dtype + ": grad of leaf " + i);
                    }
                    assertFalse(recycled[0].sharesStorageWith(recycled[1]), name + ": the two leaves' grads");
                }
            });
        }
    }

    @Test
    void aChainsGradientIsItsDerivative() {
        // d/dx sum(tanh(exp(sin x))) = (1 - tanh(exp(sin x))^2) * exp(sin x) * cos x
        Tensor x = leaves(DType.FLOAT64)[0];
        x.sin().exp().tanh().sum().backward();
        Tensor e = x.detach().sin().exp();
        Tensor t = e.tanh();
        Tensor expected = Tensor.ones(DType.FLOAT64, 64, 64).sub(t.mul(t)).mul(e).mul(x.detach().cos());
        assertTrue(x.grad().allclose(expected, 1e-12, 1e-14));
    }

    @Test
    void retainedAndReturnedGradientsKeepTheirValues() {
        // h's gradient is consumed by h's node and its array recycled; h.grad (a copy) and the gradient
        // Autograd.grad returns for h (the engine's own tensor, handed to the caller) must survive the rest of the pass
        Tensor[] l = leaves(DType.FLOAT32);
        Tensor h1 = l[0].sin().mul(l[1]);
        Tensor h2 = h1.exp();
        h1.retainGrad();
        h2.retainGrad();
        h2.tanh().mul(3.0).cos().sum().backward();

        Tensor[] m = leaves(DType.FLOAT32);
        Tensor k1 = m[0].sin().mul(m[1]);
        Tensor k2 = k1.exp();
        Tensor[] returned = Autograd.grad(new Tensor[] {k2.tanh().mul(3.0).cos().sum()}, new Tensor[] {k2, k1, m[0]}, null,
                false, false, false);

        Tensor[] n = leaves(DType.FLOAT32);
        Tensor j1 = n[0].sin().mul(n[1]);
        Tensor j2 = j1.exp();
        Tensor[] alone = Autograd.grad(new Tensor[] {j2.tanh().mul(3.0).cos().sum()}, new Tensor[] {j2, j1, n[0]}, null,
                true, true, false);   // create_graph: nothing recycled

        assertTrue(h2.grad().equal(alone[0]), "h2.grad");
        assertTrue(h1.grad().equal(alone[1]), "h1.grad");
        assertTrue(l[0].grad().equal(alone[2]), "x.grad");
        for (int i = 0; i < 3; i++) {
            assertTrue(returned[i].equal(alone[i]), "Autograd.grad's result " + i);
            for (int j = i + 1; j < 3; j++) {
                assertFalse(returned[i].sharesStorageWith(returned[j]), "results " + i + " and " + j);
            }
        }
    }

    @Test
    void theUsersGradientAndTheForwardTensorsAreNeverWrittenOver() {
        Tensor[] l = leaves(DType.FLOAT32);
        Tensor a = l[0].sin();
        Tensor b = a.exp();
        Tensor c = b.mul(l[1]);
        Tensor out = c.tanh();
        Tensor g = Tensor.randn(64, 64);
        List<Tensor> seen = List.of(l[0].detach(), l[1].detach(), a.detach(), b.detach(), c.detach(), out.detach(), g);
        List<Tensor> before = new ArrayList<>();
        for (Tensor t : seen) {
            before.add(t.clone());
        }
        out.backward(g);
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(seen.get(i).equal(before.get(i)), "tensor " + i + " changed by backward");
            assertFalse(l[0].grad().sharesStorageWith(seen.get(i)), "x.grad shares storage with tensor " + i);
            assertFalse(l[1].grad().sharesStorageWith(seen.get(i)), "y.grad shares storage with tensor " + i);
        }
    }

    @Test
    void leafGradsOfATrainingStepHaveTheirOwnStorage() {
        Tensor.manualSeed(3);
        Tensor x = Tensor.randn(64, 64);
        Tensor w1 = Tensor.randn(64, 128).mul(0.1).requiresGrad_(true);
        Tensor b1 = Tensor.zeros(128).requiresGrad_(true);
        Tensor w2 = Tensor.randn(128, 64).mul(0.1).requiresGrad_(true);
        Tensor b2 = Tensor.zeros(64).requiresGrad_(true);
        List<Tensor> params = List.of(w1, b1, w2, b2);
        for (int step = 0; step < 3; step++) {
            Tensor h = x.matmul(w1).add(b1).relu();
            h.matmul(w2).add(b2).sub(x).pow(2).mean().backward();
            for (int i = 0; i < params.size(); i++) {
                for (int j = i + 1; j < params.size(); j++) {
                    assertFalse(params.get(i).grad().sharesStorageWith(params.get(j).grad()), "grads " + i + " and " + j);
                }
                assertFalse(params.get(i).grad().sharesStorageWith(h), "grad " + i + " and h");
            }
            try (var noGrad = Autograd.noGrad()) {
                for (Tensor p : params) {
                    p.sub_(p.grad().mul(0.01));
                    p.setGrad(null);
                }
            }
        }
    }

    @Test
    void anomalyModeAndRetainedGraphsSeeTheSameGradients() {
        Function<Tensor[], Tensor> graph = GRAPHS.get("a gradient summed from two branches");
        Tensor[] reference = grads(graph, DType.FLOAT32, true);
        try (var anomaly = Autograd.setDetectAnomaly(true)) {
            Tensor[] seen = grads(graph, DType.FLOAT32, false);
            assertTrue(seen[0].equal(reference[0]) && seen[1].equal(reference[1]), "in anomaly mode");
        }
        Tensor[] l = leaves(DType.FLOAT32);
        Tensor loss = graph.apply(l);
        loss.backward(null, true, false);
        loss.backward(null, false, false);   // a second pass over the retained graph adds the same gradient again
        assertTrue(l[0].grad().equal(reference[0].mul(2.0)), "twice through a retained graph");
    }

    @Test
    void passesOnTwoThreadsRecycleOnlyTheirOwnArrays() throws Exception {
        List<String> names = List.copyOf(GRAPHS.keySet());
        List<Tensor[]> reference = new ArrayList<>();
        for (String name : names) {
            reference.add(grads(GRAPHS.get(name), DType.FLOAT32, true));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        int k = (first + round) % names.size();
                        Tensor[] seen = grads(GRAPHS.get(names.get(k)), DType.FLOAT32, false);
                        assertTrue(seen[0].equal(reference.get(k)[0]), names.get(k) + " on thread " + first);
                        assertTrue(seen[1].equal(reference.get(k)[1]), names.get(k) + " on thread " + first);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(2, reference.get(0).length);
    }
}
