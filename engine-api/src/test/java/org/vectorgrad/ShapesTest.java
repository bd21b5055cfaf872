package org.vectorgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.backend.Layout;

class ShapesTest {

    @Test
    void broadcastFollowsNumpyRulesAndNamesTheMismatch() {
        assertArrayEquals(new int[] {2, 4, 3}, Shapes.broadcast(new int[] {2, 1, 3}, new int[] {4, 1}));
        assertArrayEquals(new int[] {3, 4}, Shapes.broadcast(new int[] {3, 1}, new int[] {1, 4}));
        var e = assertThrows(IllegalArgumentException.class, () -> Shapes.broadcast(new int[] {2, 3}, new int[] {2, 4}));
        assertEquals("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", e.getMessage());
    }

    @Test
    void expandGivesZeroStridesToNewAndSizeOneDims() {
        Layout l = Shapes.expand(Layout.contiguous(3, 1), new int[] {2, 3, 4});
        assertArrayEquals(new int[] {0, 1, 0}, l.strides());
    }

    @Test
    void viewStridesSplitAndMergeContiguousRunsOnly() {
        Layout t = Layout.contiguous(2, 3).permute(1, 0); // shape (3, 2), strides (1, 3); values from PyTorch
        assertNull(Shapes.viewStrides(t, new int[] {6}), "a transposed matrix cannot be flattened without a copy");
        assertArrayEquals(new int[] {1, 6, 3}, Shapes.viewStrides(t, new int[] {3, 1, 2}));
        assertArrayEquals(new int[] {12, 4, 1}, Shapes.viewStrides(Layout.contiguous(6, 4), new int[] {2, 3, 4}));
        Layout sliced = new Layout(0, new int[] {2, 3}, new int[] {6, 1}); // rows of a wider buffer
        assertNull(Shapes.viewStrides(sliced, new int[] {6}));
        assertArrayEquals(new int[] {6, 3, 1}, Shapes.viewStrides(sliced, new int[] {2, 1, 3}));
    }

    @Test
    void denseStridesFollowTheOperandsMemoryOrder() {
        Layout t = Layout.contiguous(3, 2).permute(1, 0); // (2, 3) with strides (1, 2)
        assertArrayEquals(new int[] {1, 2}, Shapes.denseStridesLike(new int[] {2, 3}, t));
        assertArrayEquals(new int[] {3, 1}, Shapes.denseStridesLike(new int[] {2, 3}, Layout.contiguous(2, 3), t));
        Layout broadcastRow = Shapes.expand(Layout.contiguous(3), new int[] {2, 3});
        assertArrayEquals(new int[] {1, 2}, Shapes.denseStridesLike(new int[] {2, 3}, broadcastRow, t));
    }

    @Test
    void aFreshResultTakesAnOperandsLayoutOnlyWhenItIsRowMajorFromOffsetZero() {
        Layout fresh = Layout.contiguous(2, 3);
        Layout sliced = new Layout(6, new int[] {2, 3}, new int[] {3, 1});   // contiguous, but at offset 6
        assertSame(fresh, Shapes.denseLayoutLike(sliced, fresh));
        assertSame(fresh, Shapes.denseLayoutLike(fresh, sliced));
        assertEquals(Layout.contiguous(2, 3), Shapes.denseLayoutLike(sliced, sliced));
        Layout vector = Layout.contiguous(4);
        Layout scalar = Shapes.expand(Layout.contiguous(), new int[] {4});   // x * 2: the number, stride 0
        assertSame(vector, Shapes.denseLayoutLike(vector, scalar));
        assertSame(vector, Shapes.denseLayoutLike(scalar, vector));
        Layout matrix = Layout.contiguous(10, 10);
        Layout number = Layout.repeated(0, matrix);   // x * 2 on a matrix: every stride 0, no part in the order
        assertSame(matrix, Shapes.denseLayoutLike(matrix, number));
        assertSame(matrix, Shapes.denseLayoutLike(number, matrix));
        // PyTorch: (torch.rand(2, 3).t() * 2).stride() and (... * torch.tensor(2.)).stride() are (1, 3)
        Layout tr = Layout.contiguous(2, 3).permute(1, 0);
        assertEquals(new Layout(0, new int[] {3, 2}, new int[] {1, 3}), Shapes.denseLayoutLike(tr, Layout.repeated(0, tr)));
        // PyTorch: (torch.rand(1, 3).expand(4, 3) * 2).stride() is (3, 1)
        Layout row = Shapes.expand(Layout.contiguous(1, 3), new int[] {4, 3});
        assertEquals(Layout.contiguous(4, 3), Shapes.denseLayoutLike(row, Layout.repeated(0, row)));
        // PyTorch: x = torch.rand(3, 1).t() is contiguous with strides (1, 1); (x * 2).stride() and
        // (x * torch.tensor(2.)).stride() are (1, 1), (x * x).stride() is (3, 1)
        Layout column = Layout.contiguous(3, 1).permute(1, 0);
        assertEquals(new Layout(0, new int[] {1, 3}, new int[] {1, 1}), Shapes.denseLayoutLike(column, Layout.repeated(0, column)));
        assertEquals(new Layout(0, new int[] {1, 3}, new int[] {1, 1}), Shapes.denseLayoutLike(Layout.repeated(0, column), column));
        assertEquals(Layout.contiguous(1, 3), Shapes.denseLayoutLike(column, column));
        // PyTorch: (x * torch.rand(3)).stride() is (1, 1) too: the row (3) broadcast to (1, 3) takes x out of the fast setup
        Layout bias3 = Shapes.expand(Layout.contiguous(3), new int[] {1, 3});
        assertEquals(new Layout(0, new int[] {1, 3}, new int[] {1, 1}), Shapes.denseLayoutLike(column, bias3));
        // PyTorch: (torch.rand(4, 1, 1).permute(1, 2, 0) * torch.rand(4)).stride() is (1, 1, 1)
        Layout unitLast = Layout.contiguous(4, 1, 1).permute(1, 2, 0);
        assertArrayEquals(new int[] {1, 1, 1}, Shapes.denseStridesLike(new int[] {1, 1, 4}, unitLast,
                Shapes.expand(Layout.contiguous(4), new int[] {1, 1, 4})));
        // PyTorch: (torch.rand(2, 1, 3).permute(1, 0, 2) * 2).stride() is (3, 3, 1)
        Layout unitFirst = Layout.contiguous(2, 1, 3).permute(1, 0, 2);
        assertArrayEquals(new int[] {3, 3, 1}, Shapes.denseStridesLike(new int[] {1, 2, 3}, unitFirst, Layout.repeated(0, unitFirst)));
        // a bias row or a column against a row-major matrix: no dims to swap, (4, 3)'s row-major strides
        Layout bias = Shapes.expand(Layout.contiguous(3), new int[] {4, 3});
        Layout col = Shapes.expand(Layout.contiguous(4, 1), new int[] {4, 3});
        assertArrayEquals(new int[] {3, 1}, Shapes.denseStridesLike(new int[] {4, 3}, Layout.contiguous(4, 3), bias, col));
        assertArrayEquals(new int[] {3, 1}, Shapes.denseStridesLike(new int[] {4, 3}, bias, col));
        // PyTorch: (torch.rand(3, 4).t() + torch.rand(3)).stride() is (1, 4)
        Layout tr43 = Layout.contiguous(3, 4).permute(1, 0);
        assertArrayEquals(new int[] {1, 4}, Shapes.denseStridesLike(new int[] {4, 3}, tr43, bias));
        Layout strided = new Layout(0, new int[] {4}, new int[] {2});
        assertEquals(vector, Shapes.denseLayoutLike(strided, scalar), "one dimension: always row-major");
        Layout unitDimStride = new Layout(0, new int[] {1, 3}, new int[] {1, 1});   // contiguous, not row-major strides
        assertEquals(Layout.contiguous(1, 3), Shapes.denseLayoutLike(unitDimStride, unitDimStride));
        Layout t = Layout.contiguous(3, 2).permute(1, 0);
        assertEquals(new Layout(0, new int[] {2, 3}, new int[] {1, 2}), Shapes.denseLayoutLike(t, t));
        assertEquals(new Layout(0, new int[] {2, 3}, new int[] {1, 2}), Shapes.denseLayoutLike(t, fresh),
                "the first operand's order wins, as in PyTorch: (t + ones(2, 3)).stride() is (1, 2)");
    }

    @Test
    void inferSizeResolvesOneMinusOneWithPyTorchsErrors() {
        assertArrayEquals(new int[] {2, 3}, Shapes.inferSize(new long[] {2, -1}, 6));
        var e = assertThrows(IllegalArgumentException.class, () -> Shapes.inferSize(new long[] {2, 2}, 3));
        assertEquals("shape '[2, 2]' is invalid for input of size 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Shapes.inferSize(new long[] {-1, -1}, 4));
    }

    @Test
    void wrapDimCountsFromTheEndAndTreatsScalarsAsRankOne() {
        assertEquals(1, Shapes.wrapDim(-1, 2));
        assertEquals(0, Shapes.wrapDim(-1, 0));
        var e = assertThrows(IndexOutOfBoundsException.class, () -> Shapes.wrapDim(2, 2));
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got 2)", e.getMessage());
    }

    @Test
    void denseAndOverlapping() {
        assertEquals(true, Layout.contiguous(2, 3).permute(1, 0).isNonOverlappingAndDense());
        assertEquals(false, new Layout(0, new int[] {2, 3}, new int[] {6, 2}).isNonOverlappingAndDense());
        assertEquals(true, Shapes.hasInternalOverlap(Shapes.expand(Layout.contiguous(3), new int[] {2, 3})));
    }
}
