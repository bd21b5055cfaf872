package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vectorgrad.Tensor;

/** torch.stack is one node, StackBackward0, whose edges go straight to the inputs (PyTorch 1.13). */
class StackTest {

    @Test
    void stackRecordsStackBackward0WithAnEdgePerInput() {
        // a = torch.tensor([1., 2.], requires_grad=True); b = torch.tensor([3., 4.], requires_grad=True)
        Tensor a = Tensor.of(1f, 2f).requiresGrad_(true);
        Tensor b = Tensor.of(3f, 4f).requiresGrad_(true);
        // s = torch.stack([a, b], 1)
        Tensor s = Tensor.stack(1, a, b);
        assertEquals("""
                tensor([[1., 3.],
                        [2., 4.]], grad_fn=<StackBackward0>)""", s.toString());
        // s.grad_fn.next_functions: ((<AccumulateGrad>, 0), (<AccumulateGrad>, 0))
        assertEquals(2, s.gradFn().nextFunctions().size());
        assertEquals(a, s.gradFn().nextFunctions().get(0).function().variable());
        assertEquals(b, s.gradFn().nextFunctions().get(1).function().variable());
        // (s * torch.tensor([[1., 2.], [3., 4.]])).sum().backward(): a.grad tensor([1., 3.]), b.grad tensor([2., 4.])
        s.mul(Tensor.of(new double[][] {{1, 2}, {3, 4}}).to(org.vectorgrad.DType.FLOAT32)).sum().backward();
        assertEquals("tensor([1., 3.])", a.grad().toString());
        assertEquals("tensor([2., 4.])", b.grad().toString());
    }
}
