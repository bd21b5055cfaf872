package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Values at the edges, printed by PyTorch 1.13: the clamp family keeps x where it equals a bound
 * ({@code -0.} stays {@code -0.}) and gives NaN for a NaN bound; full, full_like and fill_ refuse a
 * value the dtype cannot hold, in PyTorch's words.
 */
class ClampAndFillValuesTest {

    static List<String> backends() {
        return Backends.available();
    }

    /** -0., 0., nan, -5., 3., 0.5 repeated to n elements: short of a vector, and vectors with a tail. */
    private static Tensor edges(int n) {
        double[] p = {-0.0, 0.0, Double.NaN, -5, 3, 0.5};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = p[i % p.length];
        }
        return Tensor.of(v).to(DType.FLOAT32);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void clampKeepsXWhereItEqualsABound(String backend) {
        try (var scope = Backends.use(backend)) {
            for (int n : new int[] {6, 42}) {
                Tensor x = edges(n);
                // x.clamp_min(0.0), x.clamp(0., 1.), x.clamp(-0., -0.), x.clamp_max(-0.): first six elements
                assertEquals("tensor([-0.0000, 0.0000,    nan, 0.0000, 3.0000, 0.5000])", x.clampMin(0).narrow(0, 0, 6).toString());
                assertEquals("tensor([-0.0000, 0.0000,    nan, 0.0000, 1.0000, 0.5000])", x.clamp(0, 1).narrow(0, 0, 6).toString());
                assertEquals("tensor([-0., 0., nan, -0., -0., -0.])", x.clamp(-0.0, -0.0).narrow(0, 0, 6).toString());
                assertEquals("tensor([-0.,  0., nan, -5., -0., -0.])", x.clampMax(-0.0).narrow(0, 0, 6).toString());
                Tensor y = x.clone().clampMin_(0);
                assertEquals("tensor([-0.0000, 0.0000,    nan, 0.0000, 3.0000, 0.5000])", y.narrow(0, 0, 6).toString());
                // a NaN bound: NaN everywhere (x.clamp_min(nan), x.clamp(0., nan), x.clamp_min_(nan))
                assertEquals("tensor([nan, nan, nan, nan, nan, nan])", x.clampMin(Double.NaN).narrow(0, 0, 6).toString());
                assertEquals("tensor([nan, nan, nan, nan, nan, nan])", x.clamp(0, Double.NaN).narrow(0, 0, 6).toString());
                assertEquals("tensor([nan, nan, nan, nan, nan, nan])", x.clone().clampMin_(Double.NaN).narrow(0, 0, 6).toString());
            }
        }
    }

    @Test
    void aFillValueBeyondTheDtypeIsRefused() {
        // torch.full((2,), 1e40, dtype=torch.float32) and friends
        fails("value cannot be converted to type float without overflow", () -> Tensor.full(DType.FLOAT32, 1e40, 2));
        fails("value cannot be converted to type float without overflow", () -> Tensor.full(DType.FLOAT32, -3.4028235e38 * 1.0000001, 2));
        fails("value cannot be converted to type int without overflow", () -> Tensor.full(DType.INT32, 3.0e9, 2));
        fails("value cannot be converted to type int without overflow", () -> Tensor.full(DType.INT32, 2147483647.5, 2));
        fails("value cannot be converted to type int without overflow", () -> Tensor.full(DType.INT32, Double.NaN, 2));
        fails("value cannot be converted to type int without overflow", () -> Tensor.full(DType.INT32, Double.POSITIVE_INFINITY, 2));
        fails("value cannot be converted to type int64_t without overflow", () -> Tensor.full(DType.INT64, 1e19, 2));
        fails("value cannot be converted to type float without overflow", () -> Tensor.zeros(2).fullLike(1e40));
        fails("value cannot be converted to type int without overflow", () -> Tensor.zeros(DType.INT32, 2).fill_(1e10));
        fails("value cannot be converted to type float without overflow", () -> Tensor.zeros(3).narrow(0, 1, 2).fill_(1e40));
        Tensor unchanged = Tensor.ones(2);
        assertThrows(IllegalArgumentException.class, () -> unchanged.fill_(-1e40));
        assertEquals("tensor([1., 1.])", unchanged.toString());
    }

    @Test
    void aFillValueWithinTheDtypeIsKept() {
        // infinities and NaN fill floats; an int is truncated; bool takes any value, nonzero being true
        assertEquals("tensor([inf, inf])", Tensor.full(DType.FLOAT32, Double.POSITIVE_INFINITY, 2).toString());
        assertEquals("tensor([nan, nan])", Tensor.full(DType.FLOAT32, Double.NaN, 2).toString());
        assertEquals("tensor([1.0000e+300, 1.0000e+300], dtype=float64)", Tensor.full(DType.FLOAT64, 1e300, 2).toString());
        assertEquals("tensor([1, 1], dtype=int32)", Tensor.full(DType.INT32, 1.5, 2).toString());
        assertEquals("tensor([-2147483648, -2147483648], dtype=int32)", Tensor.full(DType.INT32, -2147483648.0, 2).toString());
        assertEquals("tensor([True, True])", Tensor.full(DType.BOOL, 0.5, 2).toString());
        assertEquals("tensor([3.4028e+38, 3.4028e+38])", Tensor.zeros(2).fill_(Float.MAX_VALUE).toString());
        // torch.full((2,), 2**53 + 1): every int64 exactly
        assertEquals("tensor([9007199254740993, 9007199254740993])", Tensor.full(9007199254740993L, 2).toString());
    }

    private static void fails(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
