package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/** Engine properties the reference cases do not reach: depth, memory release, aliasing, threads. */
class AutogradEngineTest {

    @Test
    void aChainOfAHundredThousandOpsBackpropagatesWithoutRecursion() {
        Tensor x = Tensor.of(1.5, DType.FLOAT64).requiresGrad_(true);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.mul(1.0).add(0.0);
        }
        y.backward();
        assertEquals(1.0, x.grad().item());
    }

    @Test
    void savedTensorsAreReleasedAfterBackwardUnlessRetained() {
        Tensor x = Tensor.of(3.0, DType.FLOAT64).requiresGrad_(true);
        Tensor y = x.mul(x);
        y.backward(null, true, false);
        y.backward();
        assertEquals(12.0, x.grad().item(), "two passes accumulate 2x each");
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("Trying to backward through the graph a second time"));
    }

    @Test
    void aGradientHandedToTwoLeavesIsNotShared() {
        Tensor a = Tensor.ones(3).requiresGrad_(true);
        Tensor b = Tensor.ones(3).requiresGrad_(true);
        a.add(b).sum().backward();
        a.grad().add_(10.0);
        assertEquals("tensor([1., 1., 1.])", b.grad().toString());
        assertEquals("tensor([11., 11., 11.])", a.grad().toString());
    }

    @Test
    void aUsersGradientIsCopiedIntoTheLeaf() {
        Tensor x = Tensor.zeros(2).requiresGrad_(true);
        Tensor g = Tensor.of(1., 2.);
        x.mul(1.0).backward(g);
        g.zero_();
        assertEquals("tensor([1., 2.])", x.grad().toString());
    }

    @Test
    void aCopiedGradientFollowsTheLeafsLayoutAndStaysItsOwn() {
        // PyTorch 1.13: a transposed leaf's grad has the leaf's strides (1, 3); an expanded (overlapping) leaf's is contiguous
        Tensor x = Tensor.rand(4, 3).t().detach().requiresGrad_(true);
        Tensor g = Tensor.ones(3, 4);
        x.add(1.0).backward(g);
        assertEquals("[1, 3]", java.util.Arrays.toString(x.grad().stride()));
        g.zero_();
        assertEquals(12.0, x.grad().sum().item());
        Tensor y = Tensor.rand(1, 4).expand(3, 4).detach().requiresGrad_(true);
        y.add(1.0).backward(Tensor.ones(3, 4));
        assertEquals("[4, 1]", java.util.Arrays.toString(y.grad().stride()));
        assertEquals(12.0, y.grad().sum().item());
    }

    @Test
    void aRepeatsGradientIsAdoptedAndCorrect() {
        Tensor z = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad_(true);
        Tensor g = Tensor.arange(8.0).reshape(4, 2);
        z.repeat(2, 1).backward(g);
        assertEquals("tensor([[ 4.,  6.],\n        [ 8., 10.]])", z.grad().toString(), "printed by PyTorch 1.13");
        z.repeat(2, 1).backward(g);
        assertEquals("tensor([[ 8., 12.],\n        [16., 20.]])", z.grad().toString(), "accumulated by a second backward");
        g.zero_();
        assertEquals(56.0, z.grad().sum().item());
    }

    @Test
    void catsGradientsAreAdoptedAsViewsOfTheUpstreamGradientAsInPyTorch() {
        // x = torch.ones(2, 3, requires_grad=True); y = ...; g = torch.ones(4, 3); torch.cat([x, y], 0).backward(g)
        // x.grad.data_ptr() == g.data_ptr(): AccumulateGrad steals narrow()'s fresh view; a second backward adds
        // into it in place, so g reads 2 everywhere; then g.zero_() zeroes x.grad (PyTorch 1.13 prints each)
        Tensor x = Tensor.ones(2, 3).requiresGrad_(true);
        Tensor y = Tensor.ones(2, 3).requiresGrad_(true);
        Tensor g = Tensor.ones(4, 3);
        Tensor.cat(0, x, y).backward(g);
        assertEquals("tensor([[1., 1., 1.],\n        [1., 1., 1.]])", y.grad().toString());
        Tensor.cat(0, x, y).backward(g);
        assertEquals(24.0, g.sum().item(), "both grads accumulate into g's storage");
        g.zero_();
        assertEquals(0.0, x.grad().sum().item());
        assertEquals(0.0, y.grad().sum().item());
        // stack's select() views too: torch.stack([x, y]).backward(torch.full((2, 2, 3), 3.)); x.grad is g[0]
        x.setGrad(null);
        y.setGrad(null);
        Tensor h = Tensor.full(3.0, 2, 2, 3);
        Tensor.stack(0, x, y).backward(h);
        h.select(0, 1).fill_(5.0);
        assertEquals(18.0, x.grad().sum().item());
        assertEquals(30.0, y.grad().sum().item());
    }

    @Test
    void twoLeavesNeverAdoptViewsOfTheSameElements() {
        // PyTorch 1.13 lets a.grad and b.grad share storage here (each unsqueeze's backward gives a fresh view of
        // the one gradient); Vectorgrad adopts the first view only, so b.grad is its own
        Tensor a = Tensor.ones(3).requiresGrad_(true);
        Tensor b = Tensor.ones(3).requiresGrad_(true);
        a.unsqueeze(0).add(b.unsqueeze(0)).mul(2.0).sum().backward();
        a.grad().add_(10.0);
        assertEquals("tensor([2., 2., 2.])", b.grad().toString());
        assertEquals("tensor([12., 12., 12.])", a.grad().toString());
    }

    @Test
    void aGradientHandedToTwoInputsIsNotSummedIntoBeforeTheSecondGetsIt() {
        // x = torch.ones(3, requires_grad=True); a = x * 2; b = x * 3; s = a + b
        // torch.cat([s * 1, a]).backward(torch.arange(1., 7.)); x.grad   -> tensor([13., 20., 27.])
        // (add's backward hands one tensor to a and b; a's buffer already holds cat's view: the sum must not go into it)
        Tensor x = Tensor.ones(3).requiresGrad_(true);
        Tensor a = x.mul(2.0);
        Tensor b = x.mul(3.0);
        Tensor s = a.add(b);
        Tensor.cat(0, s.mul(1.0), a).backward(Tensor.of(1f, 2f, 3f, 4f, 5f, 6f));
        assertEquals("tensor([13., 20., 27.])", x.grad().toString());
    }

    @Test
    void gradientsPyTorchComputesAfreshAreNotViewsOfTheUpstreamGradient() {
        // for y in x[0:2], x.narrow(1, 0, 3), x3[0], x.expand(2, 3), x.repeat(1, 1), x.repeat(1, 1, 1) (x of ones (2, 3)):
        // g = torch.arange(6.).reshape(y.shape); y.backward(g, retain_graph=True); g.fill_(7.); y.backward(torch.ones(y.shape))
        // x.grad  -> [[1., 2., 3.], [4., 5., 6.]]: slice/select/repeat_backward and sum_to give x.grad its own storage
        java.util.List<java.util.function.Function<Tensor, Tensor>> ops = java.util.List.of(
                x -> x.slice(0, 0, 2, 1), x -> x.narrow(1, 0, 3), x -> x.unsqueeze(0).select(0, 0),
                x -> x.expand(2, 3), x -> x.repeat(1, 1), x -> x.repeat(1, 1, 1));
        for (var op : ops) {
            Tensor x = Tensor.ones(2, 3).requiresGrad_(true);
            Tensor y = op.apply(x);
            Tensor g = Tensor.arange(6).to(DType.FLOAT32).reshape(y.shape());
            y.backward(g, true, false);
            g.fill_(7.0);
            y.backward(Tensor.ones(y.shape()));
            assertEquals("tensor([[1., 2., 3.],\n        [4., 5., 6.]])", x.grad().toString());
            assertEquals(42.0, g.sum().item());
        }
        // view's and squeeze's gradients are views in PyTorch too: x.view(6).backward(g); g.fill_(7.); x.grad is all 7
        Tensor x = Tensor.ones(2, 3).requiresGrad_(true);
        Tensor g = Tensor.arange(6).to(DType.FLOAT32);
        x.view(6).backward(g);
        g.fill_(7.0);
        assertEquals(42.0, x.grad().sum().item());
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        Tensor x = Tensor.ones(1).requiresGrad_(true);
        AtomicBoolean otherThreadRecorded = new AtomicBoolean();
        try (var g = Autograd.noGrad()) {
            assertFalse(x.mul(2.0).requiresGrad());
            Thread t = new Thread(() -> otherThreadRecorded.set(x.mul(2.0).requiresGrad()));
            t.start();
            t.join();
        }
        assertTrue(otherThreadRecorded.get());
        assertTrue(x.mul(2.0).requiresGrad());
    }

    @Test
    void gradReturnsGradientsWithoutTouchingDotGrad() {
        Tensor x = Tensor.of(2.0, DType.FLOAT64).requiresGrad_(true);
        Tensor unused = Tensor.of(1.0, DType.FLOAT64).requiresGrad_(true);
        Tensor y = x.pow(3);
        Tensor[] g = Autograd.grad(new Tensor[] {y}, new Tensor[] {x, unused}, null, true, true, true);
        assertEquals(12.0, g[0].item());
        assertNull(g[1]);
        assertNull(x.grad());
        assertEquals(12.0, Autograd.grad(g[0], x, false).item(), "d2/dx2 x^3 = 6x");
        var e = assertThrows(IllegalStateException.class,
                () -> Autograd.grad(new Tensor[] {x.mul(2.0)}, new Tensor[] {unused}, null, false, false, false));
        assertTrue(e.getMessage().startsWith("One of the differentiated Tensors appears to not have been used in the graph"));
    }

    @Test
    void broadcastGradientsAreSummedBackToEachInputsShape() {
        Tensor a = Tensor.ones(3, 1).requiresGrad_(true);
        Tensor b = Tensor.ones(1, 4).requiresGrad_(true);
        a.mul(b).sum().backward();
        assertEquals("tensor([[4.],\n        [4.],\n        [4.]])", a.grad().toString());
        assertEquals("tensor([[3., 3., 3., 3.]])", b.grad().toString());
    }

    @Test
    void aGradientSharedWithAnotherInputIsNotSummedIntoInPlace() {
        Tensor a = Tensor.ones(3).requiresGrad_(true);
        Tensor b = Tensor.ones(3).requiresGrad_(true);
        // a.add(b) runs first and gives a and b the same gradient (a fresh one: mul(1.0), not sum's expand);
        // a's 3x arrives second
        a.mul(3.0).add(a.add(b)).mul(1.0).sum().backward();
        assertEquals("tensor([4., 4., 4.])", a.grad().toString());
        assertEquals("tensor([1., 1., 1.])", b.grad().toString());
        a.grad().add_(10.0);
        assertEquals("tensor([1., 1., 1.])", b.grad().toString());
    }

    @Test
    void gradientsReachingOneNodeSumInPlaceAndTheRetainedSumIsKept() {
        Tensor x = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor y = x.mul(2.0);
        y.retainGrad();
        // y feeds three products; their gradients (fresh tensors the engine owns) sum into y's buffer
        y.mul(y).add(y.mul(3.0)).add(y.mul(5.0)).sum().backward();
        assertEquals("tensor([12., 16.])", y.grad().toString(), "2y + 8");
        assertEquals("tensor([24., 32.])", x.grad().toString());
        Tensor z = x.mul(2.0);
        Tensor[] g = Autograd.grad(new Tensor[] {z.mul(z).add(z.mul(3.0)).sum()}, new Tensor[] {z}, null, false, false, false);
        assertEquals("tensor([ 7., 11.])", g[0].toString(), "2z + 3, captured after the in-place sum");
        assertEquals("tensor([12., 16.])", y.grad().toString(), "the retained gradient is not changed later");
        assertEquals("tensor([24., 32.])", x.grad().toString());
    }
}
