package org.vectorgrad.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayoutTest {

    @Test
    void positionsWalkRowMajorOrderThroughAnyStrides() {
        Layout t = new Layout(1, new int[] {3, 2}, new int[] {1, 3});
        int[] p = new int[6];
        t.positions(p);
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, p);
        for (int i = 0; i < 6; i++) {
            assertEquals(p[i], t.indexOfFlat(i));
        }
    }

    @Test
    void contiguityIgnoresSizeOneDims() {
        assertTrue(new Layout(0, new int[] {2, 1, 3}, new int[] {3, 99, 1}).isContiguous());
        assertFalse(Layout.contiguous(2, 3).permute(1, 0).isContiguous());
        assertTrue(Layout.contiguous(2, 3).permute(1, 0).permute(1, 0).isContiguous());
    }

    @Test
    void aRepeatedElementHasTheShapeOfItsModelAndZeroStrides() {
        Layout like = Layout.contiguous(2, 1, 3);
        Layout r = Layout.repeated(7, like);
        assertArrayEquals(new int[] {2, 1, 3}, r.shape());
        assertArrayEquals(new int[] {0, 0, 0}, r.strides());
        assertEquals(6, r.size());
        assertFalse(r.isContiguous());
        int[] p = new int[6];
        r.positions(p);
        assertArrayEquals(new int[] {7, 7, 7, 7, 7, 7}, p);
        r.strides()[0] = 5;   // the copy handed out, never the shared zeros
        assertArrayEquals(new int[] {0, 0, 0}, Layout.repeated(0, like).strides());
        assertTrue(Layout.repeated(3, Layout.contiguous()).isOneElement());
        assertArrayEquals(new int[6], Layout.repeated(0, Layout.contiguous(1, 1, 1, 1, 1, 2)).strides());
    }

    @Test
    void rejectsShapesBeyondAJavaArray() {
        assertThrows(IllegalArgumentException.class, () -> Layout.contiguous(1 << 20, 1 << 12));
    }
}
