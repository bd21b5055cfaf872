package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * {@code torch.tensor(data)} through {@link Tensor#fromNested} and the {@code Tensor.of} overloads:
 * shapes, inferred dtypes and values. Expected reprs are PyTorch 1.13's for the same Python data.
 */
class TensorFromDataTest {

    @Test
    void mixedBoxedElementsTakeTheWidestKind() {
        // torch.tensor([True, 1]), torch.tensor([1, 2.5]), torch.tensor([[1.5], [True]])
        assertEquals("tensor([1, 1])", Tensor.fromNested(new Object[] {true, 1}).toString());
        assertEquals("tensor([1.0000, 2.5000])", Tensor.fromNested(new Object[] {1, 2.5}).toString());
        assertEquals("tensor([[1.5000],\n        [1.0000]])", Tensor.fromNested(new Object[][] {{1.5}, {true}}).toString());
        // torch.tensor([[True, False], [1, 0]])
        assertEquals("tensor([[1, 0],\n        [1, 0]])", Tensor.fromNested(new Object[] {new boolean[] {true, false}, new long[] {1, 0}}).toString());
    }

    @Test
    void primitiveArraysGiveTheirKind() {
        assertEquals(DType.FLOAT32, Tensor.fromNested(new double[][] {{1, 2}}).dtype());
        assertEquals(DType.FLOAT32, Tensor.fromNested(new float[] {1}).dtype());
        assertEquals(DType.INT64, Tensor.fromNested(new int[] {1, 2}).dtype());
        assertEquals(DType.BOOL, Tensor.fromNested(new boolean[] {true}).dtype());
        // An empty Java array still has an element type; an empty Object[] is PyTorch's [] (float32).
        assertEquals("tensor([], dtype=int64)", Tensor.fromNested(new long[0]).toString());
        assertEquals("tensor([], size=(2, 0))", Tensor.fromNested(new Object[] {new Object[0], new Object[0]}).toString());
    }

    @Test
    void scalarsAreZeroDim() {
        assertEquals("tensor(5)", Tensor.fromNested(5L).toString());
        assertEquals("tensor(2.5000)", Tensor.fromNested(2.5).toString());
        assertEquals("tensor(5)", Tensor.of(5).toString());
        assertEquals("tensor(True)", Tensor.of(true).toString());
        assertEquals(0, Tensor.of(true).dim());
        assertEquals("tensor([7, 7])", Tensor.full(7, 2).toString());
        assertEquals("tensor([7., 7.])", Tensor.full(7., 2).toString());
    }

    @Test
    void explicitDtypeConverts() {
        assertEquals("tensor([ 1, -1], dtype=int32)", Tensor.fromNested(new double[] {1.7, -1.7}, DType.INT32).toString());
        assertEquals("tensor([ True, False])", Tensor.fromNested(new Object[] {2L, 0.0}, DType.BOOL).toString());
    }

    @Test
    void badNestingIsReportedInPyTorchsWords() {
        var ragged = assertThrows(IllegalArgumentException.class, () -> Tensor.fromNested(new long[][] {{1, 2}, {3}}));
        assertEquals("expected sequence of length 2 at dim 1 (got 1)", ragged.getMessage());
        var notSeq = assertThrows(IllegalArgumentException.class, () -> Tensor.fromNested(new Object[] {new long[] {1}, 2L}));
        assertEquals("not a sequence", notSeq.getMessage());
        var str = assertThrows(IllegalArgumentException.class, () -> Tensor.fromNested(new Object[] {"a"}));
        assertEquals("Could not infer dtype of String", str.getMessage());
    }

    @Test
    void aTensorIsCopiedDetached() {
        Tensor t = Tensor.of(1., 2.).requiresGrad_(true);
        Tensor c = Tensor.fromNested(t, DType.FLOAT64);
        assertEquals("tensor([1., 2.], dtype=float64)", c.toString());
        Tensor same = Tensor.fromNested(t);
        assertFalse(same.sharesStorageWith(t));
        assertFalse(same.requiresGrad());
        assertArrayEquals(new float[] {1, 2}, same.toFloatArray());
    }
}
