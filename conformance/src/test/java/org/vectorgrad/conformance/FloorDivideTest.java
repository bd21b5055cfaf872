package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.examples.Py;

/** {@code Tensor.floorDivide} (Python's {@code //}) against PyTorch 1.13's results. */
class FloorDivideTest {

    @Test
    void floatsRoundTheExactQuotientDownAsPyTorchDoes() {
        double[] a = {5.0, -5.0, 7.5, -7.5, 1.0, -1.0, 0.0};
        double[] b = {0.1, 0.1, 2., 2., 0., 0., -3.};
        String expected = "[49.0, -50.0, 3.0, -4.0, inf, -inf, -0.0]";
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor q = Tensor.of(a, t).floorDivide(Tensor.of(b, t));
            assertEquals(t, q.dtype());
            assertEquals(expected, Py.tolist(q));
        }
    }

    @Test
    void integersStayIntegersAndRoundTowardNegativeInfinity() {
        Tensor q = Tensor.of(7L, -7L, 7L, -7L).floorDivide(Tensor.of(2L, 2L, -2L, -2L));
        assertEquals("[3, -4, -4, 3]", Py.tolist(q));
        assertEquals(DType.INT32, Tensor.of(new double[] {7, -7}, DType.INT32).floorDivide(2L).dtype());
        assertEquals("[2.0, -3.0]", Py.tolist(Tensor.of(7L, -7L).floorDivide(2.5)));
    }

    /** PyTorch 1.13: {@code torch.tensor([1]) // torch.tensor([0])} raises RuntimeError('ZeroDivisionError'). */
    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    void integerDivisionByZeroAndBoolOperandsFail(String backend) {
        try (var scope = Backends.use(backend)) {
            for (DType t : new DType[] {DType.INT64, DType.INT32}) {
                Tensor a = Tensor.of(new double[] {1, 2}, t);
                var e = assertThrows(IllegalArgumentException.class, () -> a.floorDivide(Tensor.of(new double[] {0, 1}, t)));
                assertEquals("ZeroDivisionError", e.getMessage());
                assertEquals("ZeroDivisionError", assertThrows(IllegalArgumentException.class, () -> a.floorDivide(0L)).getMessage());
                assertEquals("[1, 2]", Py.tolist(a), "a failed call leaves its operand alone");
            }
            var b = assertThrows(IllegalArgumentException.class, () -> Tensor.of(true).floorDivide(Tensor.of(true)));
            assertEquals("\"div_floor_cpu\" not implemented for 'Bool'", b.getMessage());
        }
    }

    @Test
    void backwardThroughFloorDivideIsNotImplemented() {
        Tensor x = Tensor.of(1.5, -2.5).requiresGrad_(true);
        Tensor y = x.floorDivide(2.0);
        assertEquals("tensor([ 0., -2.], grad_fn=<NotImplemented>)", y.toString());
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("derivative for aten::floor_divide is not implemented", e.getMessage());
    }
}
