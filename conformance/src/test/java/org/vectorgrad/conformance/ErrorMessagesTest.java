package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * Error messages the reference cases do not reach, against PyTorch 1.13 (the Python in each
 * comment, run with /usr/bin/python3): PyTorch's text, plus the Java spelling of a remedy where
 * PyTorch spells it in Python.
 */
class ErrorMessagesTest {

    @Test
    void onlyFloatingPointTensorsCanRequireGrad() {
        // torch.tensor([1, 2]).requires_grad_(True); torch.tensor([True]).requires_grad_(True)
        for (Tensor t : new Tensor[] {Tensor.of(1L, 2L), Tensor.of(true)}) {
            var e = assertThrows(IllegalStateException.class, () -> t.requiresGrad_(true));
            assertEquals("only Tensors of floating point dtype can require gradients", e.getMessage());
        }
    }

    @Test
    void normOfAnIntegerTensor() {
        // torch.tensor([1, 2]).norm(); .norm(1); .norm(2, 0)
        Tensor x = Tensor.of(1L, 2L);
        for (var call : new org.junit.jupiter.api.function.Executable[] {x::norm, () -> x.norm(1), () -> x.norm(2, 0, false)}) {
            var e = assertThrows(IllegalArgumentException.class, call);
            assertEquals("norm(): input dtype should be either floating point or complex. Got Long instead.", e.getMessage());
        }
    }

    @Test
    void maskedSelectWithANonBoolMask() {
        // torch.ones(2).masked_select(torch.ones(2, dtype=torch.long))
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.ones(2).maskedSelect(Tensor.ones(DType.INT64, 2)));
        assertEquals("masked_select: expected BoolTensor or ByteTensor for mask", e.getMessage());
    }

    @Test
    void detachInPlaceRefusesEveryView() {
        // torch.ones(3)[0:2].detach_() raises even without grad; torch.ones(3).detach().detach_() does not
        var e = assertThrows(IllegalStateException.class, () -> Tensor.ones(3).slice(0, 0, 2).detach_());
        assertEquals("Can't detach views in-place. Use detach() instead. If you are using DistributedDataParallel (DDP) for "
                + "training, and gradient_as_bucket_view is set as True, gradients are views of DDP buckets, and hence "
                + "detach_() cannot be called on these gradients. To fix this error, please refer to the "
                + "Optimizer.zero_grad() function in torch/optim/optimizer.py as the solution.", e.getMessage());
        Tensor d = Tensor.ones(3).detach().detach_();
        assertEquals("tensor([1., 1., 1.])", d.toString());
    }

    @Test
    void pythonRemediesGainTheirJavaSpelling() {
        // x = torch.ones(2, requires_grad=True); x.add_(1)
        Tensor x = Tensor.ones(2).requiresGrad_(true);
        var leaf = assertThrows(IllegalStateException.class, () -> x.add_(1.0));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation. [Java: a Variable is a "
                + "Tensor; update a leaf inside try (var g = Autograd.noGrad()) { ... }, or through x.data()]", leaf.getMessage());
        try (var g = Autograd.noGrad()) {
            x.add_(1.0);   // the remedy works
        }
        // (x * 2).requires_grad_(False)
        var nonLeaf = assertThrows(IllegalStateException.class, () -> x.mul(2.0).requiresGrad_(false));
        assertEquals("you can only change requires_grad flags of leaf variables. If you want to use a computed variable in "
                + "a subgraph that doesn't require differentiation use var_no_grad = var.detach(). [Java: Tensor varNoGrad = "
                + "var.detach()]", nonLeaf.getMessage());
        // torch.autograd.grad((x * 2).sum(), [x, torch.ones(1, requires_grad=True)])
        Tensor unused = Tensor.ones(1).requiresGrad_(true);
        var e = assertThrows(IllegalStateException.class, () -> Autograd.grad(new Tensor[] {x.mul(2.0).sum()},
                new Tensor[] {x, unused}, null, false, false, false));
        assertEquals("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True "
                + "if this is the desired behavior. [Java: Autograd.grad(outputs, inputs, gradOutputs, retainGraph, "
                + "createGraph, true)]", e.getMessage());
    }
}
