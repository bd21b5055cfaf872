package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * The training family of Tensor ops (softmax family, gather/scatter_add, the in-place updates of
 * optimizers, in-place random fills) against PyTorch 1.13's printed results for the same calls
 * (the Python is in each comment; Vectorgrad prints dtypes without the torch. prefix).
 */
class TrainingOpsTest {

    @Test
    void softmaxFamilyIsStableForHugeInputs() {
        // x = torch.tensor([[1e4, -1e4, 0.], [3.4e38, -3.4e38, 3.4e38]])
        Tensor x = Tensor.of(new double[][] {{1e4, -1e4, 0}, {3.4e38, -3.4e38, 3.4e38}});
        assertEquals("""
                tensor([[1.0000, 0.0000, 0.0000],
                        [0.5000, 0.0000, 0.5000]])""", x.softmax(1).toString());
        assertEquals("""
                tensor([[ 0.0000e+00, -2.0000e+04, -1.0000e+04],
                        [-6.9315e-01,        -inf, -6.9315e-01]])""", x.logSoftmax(1).toString());
        assertEquals("tensor([1.0000e+04, 3.4000e+38])", x.logsumexp(1).toString());
        // torch.logsumexp(torch.tensor([-inf, -inf]), 0); torch.softmax(same, 0); logsumexp([inf, 1.])
        Tensor ninf = Tensor.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertEquals("tensor(-inf)", ninf.logsumexp(0).toString());
        assertEquals("tensor([nan, nan])", ninf.softmax(0).toString());
        assertEquals("tensor(inf)", Tensor.of(Double.POSITIVE_INFINITY, 1).logsumexp(0).toString());
        // a 0-dim x: torch.logsumexp(torch.tensor(2.), 0), dim -1, keepdim, and over no dims
        Tensor two = Tensor.of(2.0).to(org.vectorgrad.DType.FLOAT32);
        assertEquals("tensor(2.)", two.logsumexp(0).toString());
        assertEquals("tensor(2.)", two.logsumexp(-1, true).toString());
        assertEquals("tensor(2.)", two.logsumexp(new int[0], false).toString());
        // torch.logsumexp(torch.tensor([[1, 2], [3, 4]]), 1): integers as float32
        assertEquals("tensor([2.3133, 4.3133])", Tensor.of(new long[][] {{1, 2}, {3, 4}}).logsumexp(1).toString());
        // s = torch.tensor(2.5, requires_grad=True); y = torch.logsumexp(s, 0); y.backward(): y 2.5, s.grad 1.
        Tensor s0 = Tensor.of(2.5).requiresGrad_(true);
        Tensor y = s0.logsumexp(0);
        y.backward();
        assertEquals("tensor(2.5000, grad_fn=<LogsumexpBackward0>)", y.toString());
        assertEquals("tensor(1.)", s0.grad().toString());
    }

    @Test
    void gatherAndScatterAdd() {
        // a = torch.tensor([[1., 2], [3, 4]], requires_grad=True); g = a.gather(1, torch.tensor([[0, 0], [1, 0]]))
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad_(true);
        Tensor g = a.gather(1, Tensor.of(new long[][] {{0, 0}, {1, 0}}));
        assertEquals("""
                tensor([[1., 1.],
                        [4., 3.]], grad_fn=<GatherBackward0>)""", g.toString());
        // (g * torch.tensor([[1., 2], [3, 4]])).sum().backward(); a.grad
        g.mul(Tensor.of(new double[][] {{1, 2}, {3, 4}})).sum().backward();
        assertEquals("""
                tensor([[3., 0.],
                        [4., 3.]])""", a.grad().toString());
        // torch.zeros(2, 3).scatter_add(1, torch.tensor([[0, 2, 0]]), torch.tensor([[1., 2, 3], [4, 5, 6]]))
        Tensor s = Tensor.zeros(2, 3).scatterAdd(1, Tensor.of(new long[][] {{0, 2, 0}}), Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals("""
                tensor([[4., 0., 2.],
                        [0., 0., 0.]])""", s.toString());
        // s = torch.tensor(2., requires_grad=True); r = torch.zeros(3).scatter_add(0, torch.tensor([1]), s)
        // (r * torch.tensor([1., 5, 7])).sum().backward(); s.grad
        Tensor one = Tensor.of(2.0).requiresGrad_(true);
        Tensor r = Tensor.zeros(3).scatterAdd(0, Tensor.of(new long[] {1}), one);
        assertEquals("tensor([0., 2., 0.], grad_fn=<ScatterAddBackward0>)", r.toString());
        r.mul(Tensor.of(1., 5, 7)).sum().backward();
        assertEquals("tensor(5.)", one.grad().toString());
        // a.gather(1, torch.tensor([[0, 5]]))
        Exception e = assertThrows(IllegalArgumentException.class, () -> a.gather(1, Tensor.of(new long[][] {{0, 5}})));
        assertEquals("index 5 is out of bounds for dimension 1 with size 2", e.getMessage());
        // a.gather(1, torch.tensor([[0, -1]])): PyTorch does not wrap negative indices here
        e = assertThrows(IllegalArgumentException.class, () -> a.gather(1, Tensor.of(new long[][] {{0, -1}})));
        assertEquals("index -1 is out of bounds for dimension 1 with size 2", e.getMessage());
        // torch.zeros(2, 3).scatter_add(1, torch.tensor([[0, 3]]), torch.ones(2, 3))
        e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).scatterAdd(1, Tensor.of(new long[][] {{0, 3}}), Tensor.ones(2, 3)));
        assertEquals("index 3 is out of bounds for dimension 1 with size 3", e.getMessage());
    }

    @Test
    void gatherAndScatterAddReadStridedOperands() {
        // x = torch.arange(12.).reshape(3, 4).t(); x.gather(1, torch.tensor([[2, 0, 1, 1], [0, 0, 2, 1]]).t())
        Tensor x = Tensor.arange(12).to(DType.FLOAT32).reshape(3, 4).t();
        Tensor idx = Tensor.of(new long[][] {{2, 0, 1, 1}, {0, 0, 2, 1}});
        assertEquals("""
                tensor([[ 8.,  0.],
                        [ 1.,  1.],
                        [ 6., 10.],
                        [ 7.,  7.]])""", x.gather(1, idx.t()).toString());
        // torch.zeros(3, 4).scatter_add(0, torch.tensor([[2, 0, 1, 1], [0, 0, 2, 1]]), torch.arange(12.).reshape(4, 3).t())
        Tensor s = Tensor.zeros(3, 4).scatterAdd(0, idx, Tensor.arange(12).to(DType.FLOAT32).reshape(4, 3).t());
        assertEquals("""
                tensor([[ 1.,  7.,  0.,  0.],
                        [ 0.,  0.,  6., 19.],
                        [ 0.,  0.,  7.,  0.]])""", s.toString());
    }

    @Test
    void inPlaceUpdatesOfOptimizers() {
        // p = torch.ones(3); p.add_(torch.tensor([1., 2, 3]), alpha=-0.5)
        Tensor p = Tensor.ones(3);
        p.add_(Tensor.of(1., 2., 3.), -0.5);
        assertEquals("tensor([ 0.5000,  0.0000, -0.5000])", p.toString());
        // p.addcmul_(torch.tensor([1., 2, 3]), torch.tensor([2., 2, 2]), value=0.5)
        p.addcmul_(Tensor.of(1., 2., 3.), Tensor.of(2., 2., 2.), 0.5);
        assertEquals("tensor([1.5000, 2.0000, 2.5000])", p.toString());
        // p.addcdiv_(torch.tensor([1., 2, 3]), torch.tensor([2., 4, 8]), value=-1)
        p.addcdiv_(Tensor.of(1., 2., 3.), Tensor.of(2., 4., 8.), -1);
        assertEquals("tensor([1.0000, 1.5000, 2.1250])", p.toString());
        // p.lerp_(torch.tensor([10., 10, 10]), 0.25); p.sqrt_()
        p.lerp_(Tensor.of(10., 10., 10.), 0.25);
        assertEquals("tensor([3.2500, 3.6250, 4.0938])", p.toString());
        assertEquals("tensor([1.8028, 1.9039, 2.0233])", p.sqrt_().toString());
        assertEquals(5, p.version());
        // torch.tensor([-1., 0.5, 2]).clamp(min=0), .clamp(max=0)
        assertEquals("tensor([0.0000, 0.5000, 2.0000])", Tensor.of(-1., 0.5, 2.).clampMin(0).toString());
        assertEquals("tensor([-1.,  0.,  0.])", Tensor.of(-1., 0.5, 2.).clampMax(0).toString());
    }

    @Test
    void inPlaceUpdateOfALeafThatRequiresGradFailsOutsideNoGrad() {
        Tensor w = Tensor.ones(2).requiresGrad_(true);
        Exception e = assertThrows(IllegalStateException.class, () -> w.add_(Tensor.ones(2), 2));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation. [Java: a Variable is a Tensor; "
                + "update a leaf inside try (var g = Autograd.noGrad()) { ... }, or through x.data()]", e.getMessage());
        try (var g = Autograd.noGrad()) {
            w.add_(Tensor.ones(2), 2);
        }
        assertEquals("tensor([3., 3.], requires_grad=True)", w.toString());
    }

    @Test
    void randomFillsFollowPyTorchsStream() {
        // torch.manual_seed(0); torch.empty(3, 2).uniform_(-1, 2); torch.empty(20).normal_(1, 2)
        // torch.randn_like(torch.zeros(2, 2, dtype=torch.float64)); torch.rand_like(torch.zeros(3))
        Tensor.manualSeed(0);
        assertEquals("""
                tensor([[ 0.4888,  1.3047],
                        [-0.7346, -0.6039],
                        [-0.0777,  0.9022]])""", Tensor.zeros(3, 2).uniform_(-1, 2).toString());
        assertEquals("""
                tensor([ 0.3680, -3.2304,  0.2877,  1.8744,  3.8873,  1.5321,  1.3329,  2.7488,
                         0.7131,  0.7768, -0.2272,  1.0632,  5.0100,  1.1075,  2.2361,  0.1744,
                        -0.6821, -3.6321,  0.7954,  2.5849])""", Tensor.zeros(20).normal_(1, 2).toString());
        assertEquals("""
                tensor([[-0.2142, -0.4320],
                        [-0.7079, -0.1064]], dtype=float64)""", Tensor.zeros(DType.FLOAT64, 2, 2).randnLike().toString());
        assertEquals("tensor([0.8198, 0.9971, 0.6984])", Tensor.zeros(3).randLike().toString());
        // torch.manual_seed(0); torch.empty(20).bernoulli_(0.3)
        Tensor.manualSeed(0);
        assertEquals("""
                tensor([0., 0., 0., 0., 0., 0., 1., 0., 0., 1., 0., 1., 0., 0., 0., 0., 0., 1.,
                        0., 0.])""", Tensor.zeros(20).bernoulli_(0.3).toString());
    }

    @Test
    void numThreadsCanBeSetAtRunTime() {
        int before = Tensor.getNumThreads();
        try {
            Tensor.setNumThreads(1);
            assertEquals(1, Tensor.getNumThreads());
            assertThrows(IllegalArgumentException.class, () -> Tensor.setNumThreads(0));
        } finally {
            Tensor.setNumThreads(before);
        }
    }
}
