package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * A node releases the full-size result of a broadcast input's formula once it has summed it down
 * ({@code Engine.release}), and the next allocation of that size takes its array. Tensors the user
 * can still see must never be among those arrays: the incoming gradient (the user's, or one another
 * node still reads), a retained grad, a gradient {@code Autograd.grad} returns, a leaf's grad, a saved
 * tensor. Each case compares against a pass that recycles nothing (create_graph) over 4,096-element
 * temporaries (recycling's threshold), several runs in a row.
 */
class BroadcastReleaseTest {

    private static Tensor[] leaves(DType dtype) {
        Tensor.manualSeed(5);
        Tensor x = Tensor.randn(dtype, 64, 64).mul(0.5);
        Tensor y = Tensor.randn(dtype, 64, 64).mul(0.5);
        return new Tensor[] {x.requiresGrad_(true), y.requiresGrad_(true)};
    }

    /** Graphs where broadcast operands meet full ones; every intermediate of 64 x 64 is recycled. */
    private static Map<String, Function<Tensor[], Tensor>> graphs() {
        Map<String, Function<Tensor[], Tensor>> g = new LinkedHashMap<>();
        g.put("one leaf as both operands", l -> l[0].mul(l[0].sum(0)).div(l[0].sum(1, true).add(9.0)).sin().mul(l[1]).sum());
        g.put("row on the left", l -> l[1].mean(0).div(l[0].exp()).mul(l[1].amax(new int[] {0}, true)).sum());
        g.put("two broadcast operands of one node", l -> l[0].sum(0).mul(l[1].sum(1, true)).exp().mul(l[0]).sum());
        g.put("a broadcast gradient used twice", l -> {
            Tensor row = l[1].sum(0);
            Tensor a = l[0].mul(row);
            return a.add(a.mul(row)).add(l[0].sub(row).pow(2)).sum();
        });
        g.put("0-dim and row in a chain", l -> l[0].div(l[1].norm()).mul(l[1].logsumexp(0)).sub(l[0].mean()).tanh().sum());
        g.put("float64 row against float32 x", l -> l[0].mul(l[1].sum(0).to(DType.FLOAT64)).add(l[1].to(DType.FLOAT64)).cos().sum());
        return g;
    }

    @Test
    void broadcastGraphsGiveTheBitsOfAPassThatRecyclesNothing() {
        for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
            graphs().forEach((name, graph) -> {
                for (int run = 0; run < 3; run++) {
                    Tensor[] seen = GradientRecyclingTest.gradsOf(leaves(dtype), graph, false);
                    Tensor[] reference = GradientRecyclingTest.gradsOf(leaves(dtype), graph, true);
                    for (int i = 0; i < 2; i++) {
                        assertTrue(seen[i].equal(reference[i]), name + " " + dtype + " run " + run + ": grad of leaf " + i);
                    }
                    assertFalse(seen[0].sharesStorageWith(seen[1]), name + ": the two leaves' grads");
                }
            });
        }
    }

    @Test
    void retainedAndReturnedGradientsOfBroadcastOperandsKeepTheirValues() {
        // the product's and the row's gradients are held by the user (retainGrad, Autograd.grad) while the
        // node that sums the row's down releases its temporaries, and later nodes allocate over them
        for (boolean viaGrad : new boolean[] {false, true}) {
            Tensor[] l = leaves(DType.FLOAT32);
            Tensor row = l[1].sum(0);
            Tensor p = l[0].exp().mul(row);
            Tensor q = p.div(row.add(3.0)).sin();
            Tensor loss = q.mul(l[1]).sum();
            Tensor[] got;
            if (viaGrad) {
                got = Autograd.grad(new Tensor[] {loss}, new Tensor[] {q, p, row, l[0]}, null, false, false, false);
            } else {
                row.retainGrad();
                p.retainGrad();
                q.retainGrad();
                loss.backward();
                got = new Tensor[] {q.grad(), p.grad(), row.grad(), l[0].grad()};
            }
            Tensor[] m = leaves(DType.FLOAT32);
            Tensor row2 = m[1].sum(0);
            Tensor p2 = m[0].exp().mul(row2);
            Tensor q2 = p2.div(row2.add(3.0)).sin();
            Tensor[] reference = Autograd.grad(new Tensor[] {q2.mul(m[1]).sum()}, new Tensor[] {q2, p2, row2, m[0]}, null,
                    true, true, false);
            for (int i = 0; i < got.length; i++) {
                assertTrue(got[i].equal(reference[i]), (viaGrad ? "Autograd.grad's result " : "retained grad ") + i);
                for (int j = i + 1; j < got.length; j++) {
                    assertFalse(got[i].sharesStorageWith(got[j]), "gradients " + i + " and " + j);
                }
            }
        }
    }

    @Test
    void theUsersGradientAndSavedTensorsOfABroadcastNodeAreNeverWrittenOver() {
        Tensor[] l = leaves(DType.FLOAT32);
        Tensor row = l[1].sum(0);
        Tensor e = l[0].exp();
        Tensor out = e.add(row).mul(row).div(row.add(1.0));
        Tensor g = Tensor.randn(64, 64);
        List<Tensor> seen = List.of(g, row.detach(), e.detach(), out.detach(), l[0].detach(), l[1].detach());
        List<Tensor> before = seen.stream().map(Tensor::clone).toList();
        out.backward(g, true, false);
        Tensor first = l[0].grad().clone();
        out.backward(g);   // the retained graph again: its saved tensors must be as the forward left them
        for (int i = 0; i < seen.size(); i++) {
            assertTrue(seen.get(i).equal(before.get(i)), "tensor " + i + " changed by backward");
            assertFalse(l[0].grad().sharesStorageWith(seen.get(i)), "x.grad shares storage with tensor " + i);
        }
        assertTrue(l[0].grad().equal(first.mul(2.0)), "the second pass adds the first's gradient again");
    }
}
