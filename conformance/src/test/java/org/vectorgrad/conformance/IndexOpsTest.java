package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * index_select, index_add and advanced indexing with an index tensor, against PyTorch 1.13's printed
 * results for the same calls (the Python is in each comment). The gradients are index_adds, so they
 * accumulate repeated indices and stay differentiable.
 */
class IndexOpsTest {

    @Test
    void indexSelectAndItsGradientAccumulateRepeatedRows() {
        // x = torch.arange(12.).reshape(3, 4).requires_grad_(); y = x.index_select(0, torch.tensor([2, 0, 2]))
        Tensor x = Tensor.arange(12).to(DType.FLOAT32).reshape(3, 4).requiresGrad_(true);
        Tensor y = x.indexSelect(0, Tensor.of(2L, 0L, 2L));
        assertEquals("""
                tensor([[ 8.,  9., 10., 11.],
                        [ 0.,  1.,  2.,  3.],
                        [ 8.,  9., 10., 11.]], grad_fn=<IndexSelectBackward0>)""", y.toString());
        // (y * torch.arange(12.).reshape(3, 4)).sum().backward(); x.grad
        y.mul(Tensor.arange(12).to(DType.FLOAT32).reshape(3, 4)).sum().backward();
        assertEquals("""
                tensor([[ 4.,  5.,  6.,  7.],
                        [ 0.,  0.,  0.,  0.],
                        [ 8., 10., 12., 14.]])""", x.grad().toString());
    }

    @Test
    void indexAddAlongColumnsAndItsGradients() {
        // z = torch.zeros(2, 3, dtype=torch.float64).requires_grad_()
        // src = torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64, requires_grad=True)
        // w = z.index_add(1, torch.tensor([2, 2]), src); (w * w).sum().backward()
        Tensor z = Tensor.zeros(DType.FLOAT64, 2, 3).requiresGrad_(true);
        Tensor src = Tensor.of(new double[][] {{1, 2}, {3, 4}}).to(DType.FLOAT64).requiresGrad_(true);
        Tensor w = z.indexAdd(1, Tensor.of(2L, 2L), src);
        assertEquals("""
                tensor([[0., 0., 3.],
                        [0., 0., 7.]], dtype=float64, grad_fn=<IndexAddBackward0>)""", w.toString());
        w.mul(w).sum().backward();
        assertEquals("""
                tensor([[ 0.,  0.,  6.],
                        [ 0.,  0., 14.]], dtype=float64)""", z.grad().toString());
        assertEquals("""
                tensor([[ 6.,  6.],
                        [14., 14.]], dtype=float64)""", src.grad().toString());
    }

    @Test
    void advancedIndexingWithATwoDimIndexKeepsItsShape() {
        // a = torch.arange(6.).reshape(2,3).requires_grad_(); b = a[torch.tensor([[1, -2], [-1, 0]])]
        Tensor a = Tensor.arange(6).to(DType.FLOAT32).reshape(2, 3).requiresGrad_(true);
        Tensor b = a.index(Tensor.of(new long[] {1, -2, -1, 0}).reshape(2, 2));
        assertEquals("[2, 2, 3]", Arrays.toString(b.shape()));
        assertEquals("IndexBackward0", b.gradFn().name());
        b.pow(2).sum().backward();
        assertEquals("""
                tensor([[ 0.,  4.,  8.],
                        [12., 16., 20.]])""", a.grad().toString());
    }

    @Test
    void secondDerivativeThroughIndexSelect() {
        // d/dx of sum(index_select(x, 0, [1, 1])^3) is 6 x[1]^2 at index 1; its gradient (sum) is 12 x[1]
        Tensor x = Tensor.of(1.0, 2.0, 3.0).requiresGrad_(true);
        Tensor y = x.indexSelect(0, Tensor.of(1L, 1L)).pow(3).sum();
        Tensor g = org.vectorgrad.Autograd.grad(y, x, true);
        assertEquals("[0.0, 24.0, 0.0]", Arrays.toString(g.detach().toDoubleArray()));
        g.sum().backward();
        assertEquals("[0.0, 24.0, 0.0]", Arrays.toString(x.grad().toDoubleArray()));
    }

    @Test
    void badIndicesGetPyTorchsErrors() {
        Tensor x = Tensor.zeros(3, 4);
        assertEquals("index out of range in self", assertThrows(IndexOutOfBoundsException.class,
                () -> x.indexSelect(0, Tensor.of(0L, 3L))).getMessage());
        assertEquals("index out of range in self", assertThrows(IndexOutOfBoundsException.class,
                () -> Tensor.arange(3).indexSelect(0, Tensor.of(new long[] {-1}))).getMessage());
        assertEquals("index_select(): Expected dtype int32 or int64 for index", assertThrows(IllegalArgumentException.class,
                () -> x.indexSelect(0, Tensor.of(1f))).getMessage());
        assertEquals("index_add_(): Number of indices (2) should be equal to source.size(dim): (3), for dim: 0",
                assertThrows(IllegalArgumentException.class, () -> x.indexAdd(0, Tensor.of(0L, 2L), Tensor.ones(3, 4))).getMessage());
        assertEquals("index_add_(): self (Float) and source (Double) must have the same scalar type",
                assertThrows(IllegalArgumentException.class,
                        () -> x.indexAdd(0, Tensor.of(0L, 1L, 0L), Tensor.ones(DType.FLOAT64, 3, 4))).getMessage());
        assertEquals("index_add_(): Index is supposed to be a vector, but got dim: 2 with type: Long and size: [1, 3]",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> x.indexAdd(0, Tensor.of(0L, 1L, 0L).reshape(1, 3), Tensor.ones(3, 4))).getMessage());
        assertEquals("index out of range in self", assertThrows(IndexOutOfBoundsException.class,
                () -> x.indexAdd(0, Tensor.of(0L, 3L, 0L), Tensor.ones(3, 4))).getMessage());
    }

    @Test
    void maskedSelectBroadcastsTheMaskAgainstX() {
        // x = torch.arange(6.).reshape(2, 3).requires_grad_(); r = x.masked_select(torch.tensor([True, False, True]))
        Tensor x = Tensor.arange(6).to(DType.FLOAT32).reshape(2, 3).requiresGrad_(true);
        Tensor r = x.maskedSelect(Tensor.of(true, false, true));
        assertEquals("tensor([0., 2., 3., 5.], grad_fn=<MaskedSelectBackward0>)", r.toString());
        // r.backward(torch.tensor([1., 2., 3., 4.])); x.grad
        r.backward(Tensor.of(1f, 2f, 3f, 4f));
        assertEquals("""
                tensor([[1., 0., 2.],
                        [3., 0., 4.]])""", x.grad().toString());
    }

    @Test
    void maskedSelectBroadcastsXAgainstALargerMaskAndSumsItsGradient() {
        // y = torch.tensor([1., 2., 3.], requires_grad=True); m = torch.tensor([[True, False, True], [False, True, True]])
        // r = torch.masked_select(y, m); r.backward(torch.tensor([10., 20., 30., 40.])); y.grad
        Tensor y = Tensor.of(1f, 2f, 3f).requiresGrad_(true);
        Tensor m = Tensor.of(true, false, true, false, true, true).reshape(2, 3);
        Tensor r = y.maskedSelect(m);
        assertEquals("tensor([1., 3., 2., 3.], grad_fn=<MaskedSelectBackward0>)", r.toString());
        r.backward(Tensor.of(10f, 20f, 30f, 40f));
        assertEquals("tensor([10., 30., 60.])", y.grad().toString());
        // both broadcast: z = torch.tensor([[1.], [2.]], requires_grad=True); r = z.masked_select(torch.tensor([True, True, False]))
        Tensor z = Tensor.of(new double[][] {{1}, {2}}).to(DType.FLOAT32).requiresGrad_(true);
        Tensor s = z.maskedSelect(Tensor.of(true, true, false));
        assertEquals("tensor([1., 1., 2., 2.], grad_fn=<MaskedSelectBackward0>)", s.toString());
        s.backward(Tensor.of(1f, 2f, 3f, 4f));
        assertEquals("""
                tensor([[3.],
                        [7.]])""", z.grad().toString());
        // a 0-dim x: torch.masked_select(torch.tensor(5.), torch.tensor([True, False, True])); and under a 0-dim false mask
        assertEquals("tensor([5., 5.])", Tensor.of(5.0).to(DType.FLOAT32).maskedSelect(Tensor.of(true, false, true)).toString());
        assertEquals("[0]", Arrays.toString(Tensor.of(5.0).maskedSelect(Tensor.of(false).reshape()).shape()));
    }

    @Test
    void maskedSelectsGradientIsDifferentiable() {
        // w = torch.tensor([1., 2., 3.], requires_grad=True); r = w.masked_select(m); gg = torch.ones(4, requires_grad=True)
        // g, = torch.autograd.grad(r, w, gg, create_graph=True)   -> tensor([1., 1., 2.])
        // torch.autograd.grad(g.mul(torch.tensor([1., 10., 100.])).sum(), gg)   -> tensor([  1., 100.,  10., 100.])
        Tensor w = Tensor.of(1f, 2f, 3f).requiresGrad_(true);
        Tensor r = w.maskedSelect(Tensor.of(true, false, true, false, true, true).reshape(2, 3));
        Tensor gg = Tensor.ones(4).requiresGrad_(true);
        Tensor g = org.vectorgrad.Autograd.grad(new Tensor[] {r}, new Tensor[] {w}, new Tensor[] {gg}, true, true, false)[0];
        assertEquals("[1.0, 1.0, 2.0]", Arrays.toString(g.detach().toFloatArray()));
        Tensor ggrad = org.vectorgrad.Autograd.grad(g.mul(Tensor.of(1f, 10f, 100f)).sum(), gg, false);
        assertEquals("[1.0, 100.0, 10.0, 100.0]", Arrays.toString(ggrad.toFloatArray()));
    }

    @Test
    void maskedSelectRefusesShapesThatDoNotBroadcast() {
        // torch.arange(6.).reshape(2, 3).masked_select(torch.ones(3, 2, dtype=torch.bool)), and the mask [True, False]
        Tensor x = Tensor.arange(6).to(DType.FLOAT32).reshape(2, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> x.maskedSelect(Tensor.ones(DType.BOOL, 3, 2)));
        assertEquals("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.maskedSelect(Tensor.of(true, false)));
        assertEquals("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1", e.getMessage());
        // a float mask: masked_select: expected BoolTensor or ByteTensor for mask
        e = assertThrows(IllegalArgumentException.class, () -> x.maskedSelect(Tensor.of(1f, 0f, 1f)));
        assertEquals("masked_select: expected BoolTensor or ByteTensor for mask", e.getMessage());
    }
}
