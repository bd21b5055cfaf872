package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Advanced indexing and index_select read int64 indices where they lie when no node keeps them: the
 * values picked, the indices left as they were (negative ones wrapped in a copy), a gradient that
 * keeps the indices of its forward call when they are overwritten afterwards, and indices that are a
 * slice of their storage.
 */
class IndexStorageTest {

    @ParameterizedTest
    @ValueSource(strings = {"simd", "scalar"})
    void picksByTheIndicesAndLeavesThemAlone(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor x = Tensor.arange(5).to(DType.FLOAT32).mul(10);   // [0, 10, 20, 30, 40]
            Tensor idx = Tensor.of(-1L, 0L, 2L, -5L);
            assertArrayEquals(new float[] {40, 0, 20, 0}, x.index(idx).toFloatArray());
            assertArrayEquals(new long[] {-1, 0, 2, -5}, idx.toLongArray(), "negative indices wrapped in a copy, not in place");
            Tensor slice = Tensor.arange(10).narrow(0, 2, 3);   // [2, 3, 4] at offset 2 of its storage
            assertArrayEquals(new float[] {20, 30, 40}, x.index(slice).toFloatArray());
            assertArrayEquals(new float[] {20, 30, 40}, x.indexSelect(0, slice).toFloatArray());
            assertArrayEquals(new float[] {30, 10}, x.indexSelect(0, Tensor.of(3L, 1L)).toFloatArray());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "scalar"})
    void aGradientKeepsTheIndicesOfItsForwardCall(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor x = Tensor.arange(5).to(DType.FLOAT32).requiresGrad_(true);
            Tensor idx = Tensor.of(1L, 1L, 3L);
            Tensor y = x.index(idx);
            Tensor z = x.indexSelect(0, idx);
            idx.fill_(0);
            y.sum().backward();
            assertArrayEquals(new float[] {0, 2, 0, 1, 0}, x.grad().toFloatArray());
            z.sum().backward();
            assertArrayEquals(new float[] {0, 4, 0, 2, 0}, x.grad().toFloatArray());
        }
    }
}
