package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * torch.linspace into integers, printed by PyTorch 1.13: start and end converted to the dtype first,
 * and the values of its vector loop (a block's first value truncated, then {@code j * step} added in
 * lane j), which differ from truncating {@code start + step * i} element by element.
 */
class IntegerLinspaceTest {
    @Test
    void int64AsPyTorch() {
        // torch.linspace(-5, 10, 37, dtype=torch.int64); element 7 is -1 (truncating -5 + 7 * 15/36 gives -2)
        long[] want = {-5, -4, -4, -3, -3, -2, -2, -1, -1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 3, 3, 4, 5, 5, 5, 6,
            6, 6, 6, 7, 8, 8, 9, 9, 10};
        assertArrayEquals(want, Tensor.linspace(DType.INT64, -5, 10, 37).toLongArray());
        // torch.linspace(-5.5, 10.7, 37, dtype=torch.int64): the ends converted first, so the same
        assertArrayEquals(want, Tensor.linspace(DType.INT64, -5.5, 10.7, 37).toLongArray());
    }

    @Test
    void int32AsPyTorch() {
        // torch.linspace(3, -7, 33, dtype=torch.int32): blocks of 8
        long[] want = {3, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, -1, -1, -1, -2, -2, -2, -2, -2, -3, -3, -3, -4, -4, -4,
            -4, -4, -5, -5, -5, -6, -7};
        Tensor t = Tensor.linspace(DType.INT32, 3, -7, 33);
        assertEquals(DType.INT32, t.dtype());
        assertArrayEquals(want, t.toLongArray());
        // torch.linspace(-9, 4, 35, dtype=torch.int32)
        assertArrayEquals(new long[] {-9, -8, -8, -7, -7, -7, -6, -6, -5, -4, -4, -3, -3, -3, -2, -2, -2, -1, -1, 0,
            0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4}, Tensor.linspace(DType.INT32, -9, 4, 35).toLongArray());
    }

    @Test
    void endsBeyondTheDtypeAreErrors() {
        // torch.linspace(0, 3e9, 4, dtype=torch.int32), (1e20, 0, 4, dtype=torch.int64), (-1e39, 1e39, 5) and
        // (3.5e38, 0, 1) in float32 raise; an infinite end, float64 and no steps do not
        String[][] cases = {{"int", "0", "3e9", "4"}, {"int64_t", "1e20", "0", "4"}, {"float", "-1e39", "1e39", "5"},
            {"float", "3.5e38", "0", "1"}};
        for (String[] c : cases) {
            DType dtype = c[0].equals("int") ? DType.INT32 : c[0].equals("int64_t") ? DType.INT64 : DType.FLOAT32;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.linspace(dtype,
                    Double.parseDouble(c[1]), Double.parseDouble(c[2]), Long.parseLong(c[3])));
            assertEquals("value cannot be converted to type " + c[0] + " without overflow", e.getMessage());
        }
        assertEquals("tensor([nan, inf, nan, nan, nan])", Tensor.linspace(0, Double.POSITIVE_INFINITY, 5).toString());
        assertEquals("tensor([0.0000e+00, 3.3333e+19, 6.6667e+19, 1.0000e+20], dtype=float64)",   // README: dtype names without torch.
                Tensor.linspace(DType.FLOAT64, 0, 1e20, 4).toString());
        assertEquals(0, Tensor.linspace(1e39, 1e39, 0).numel());
    }

    @Test
    void boolIsNotImplemented() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.linspace(DType.BOOL, 0, 1, 5));
        assertEquals("\"linspace_cpu\" not implemented for 'Bool'", e.getMessage());
    }
}
