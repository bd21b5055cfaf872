package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * {@code a.add(b, alpha)} and {@code a.sub(b, alpha)} (one fused pass over floats) against their
 * definition in two passes, {@code a.add(b.mul(alpha))}: the same bits, shape and strides, for
 * operands contiguous, broadcast (a row, a column, one element, on either side), transposed and
 * sliced, at lengths with and without a vector tail, under each backend. A wrong broadcast or stride
 * reads other elements and changes the values.
 */
class ScaledArithmeticTest {

    @ParameterizedTest
    @ValueSource(strings = {"simd", "scalar"})
    void hasTheBitsOfTheProductThenTheSum(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor.manualSeed(7);
            for (int[] mn : new int[][] {{3, 5}, {37, 29}, {64, 128}, {1, 1}}) {
                int m = mn[0];
                int n = mn[1];
                for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                    List<Supplier<Tensor>> layouts = List.of(
                            () -> rand(dtype, m, n),
                            () -> rand(dtype, n),                                  // a row repeated over m
                            () -> rand(dtype, m, 1),                               // a column
                            () -> rand(dtype),                                     // one element
                            () -> rand(dtype, n, m).t(),                           // transposed
                            () -> rand(dtype, m + 2, n + 3).narrow(0, 1, m).narrow(1, 2, n));   // sliced
                    for (Supplier<Tensor> a : layouts) {
                        for (Supplier<Tensor> b : layouts) {
                            Tensor x = a.get();
                            Tensor y = b.get();
                            for (double alpha : new double[] {2.5, -0.1, 3}) {
                                same(x.add(y.mul(alpha)), x.add(y, alpha));
                                same(x.sub(y.mul(alpha)), x.sub(y, alpha));
                            }
                        }
                    }
                }
            }
            // mixed dtypes: alpha * b in the float64 result type (a float32 b widened first, not rounded to float)
            Tensor x = rand(DType.FLOAT32, 9, 17);
            Tensor y = rand(DType.FLOAT64, 17);
            same(x.add(y.mul(0.3)), x.add(y, 0.3));
            same(y.sub(x.to(DType.FLOAT64).mul(0.3)), y.sub(x, 0.3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "scalar"})
    void broadcastsByHand(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).to(DType.FLOAT32);
            Tensor col = Tensor.of(new double[][] {{1}, {2}}).to(DType.FLOAT32);
            // 1 + 2.5 * 1, 2 + 2.5 * 1, ...; 4 + 2.5 * 2, ...
            assertArrayEquals(new float[] {3.5f, 4.5f, 5.5f, 9, 10, 11}, a.add(col, 2.5).toFloatArray());
            // the transpose: a^T[i][j] - 2 * col^T[0][j] over a 3 x 2 result
            assertArrayEquals(new float[] {-1, 0, 0, 1, 1, 2}, a.t().sub(col.t(), 2).toFloatArray());
            // 16 + 3 elements: one vector and a tail at 512 bits, [0..19) - 0.5 * 4
            Tensor r = Tensor.arange(19).to(DType.FLOAT32).sub(Tensor.of(4.0).to(DType.FLOAT32), 0.5);
            float[] expected = new float[19];
            for (int i = 0; i < 19; i++) {
                expected[i] = i - 2;
            }
            assertArrayEquals(expected, r.toFloatArray());
        }
    }

    private static Tensor rand(DType dtype, long... shape) {
        return Tensor.rand(dtype, shape).mul(4).sub(2);
    }

    private static void same(Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), "shape");
        assertArrayEquals(expected.stride(), actual.stride(), "strides");
        assertEquals(expected.dtype(), actual.dtype());
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                    () -> "element " + java.util.Arrays.toString(e) + " vs " + java.util.Arrays.toString(a));
        }
    }
}
