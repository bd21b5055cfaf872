package org.vectorgrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/** numpy 1.24's array repr, checked against what numpy prints for the same arrays. */
class NumpyTest {
    @Test
    void floatsAlignOnThePointWithAtMostEightDecimals() {
        assertEquals("array([1. , 2.5])", Numpy.numpy(Tensor.of(new double[] {1, 2.5}, DType.FLOAT64)).toString());
        assertEquals("array([  0.12345679, -10.        ])",
                Numpy.numpy(Tensor.of(new double[] {0.123456789012, -10}, DType.FLOAT64)).toString());
        assertEquals("array([ 0.33333334, 10.        ], dtype=float32)",
                Numpy.numpy(Tensor.of(1 / 3.0, 10.0)).toString());
        assertEquals("array([0.001, 0.5  ], dtype=float32)", Numpy.numpy(Tensor.of(0.001, 0.5)).toString());
        assertEquals("array([-0.,  1.])", Numpy.numpy(Tensor.of(new double[] {-0.0, 1}, DType.FLOAT64)).toString());
    }

    @Test
    void zeroDimAndEmptyArrays() {
        assertEquals("array(2., dtype=float32)", Numpy.numpy(Tensor.of(2.0)).toString());
        assertEquals("array(4.3)", Numpy.numpy(Tensor.of(4.3, DType.FLOAT64)).toString());
        assertEquals("array([], dtype=float32)", Numpy.numpy(Tensor.zeros(0)).toString());
    }

    @Test
    void integersWrapAtSeventyFiveColumns() {
        assertEquals("""
                array([    0,  1000,  2000,  3000,  4000,  5000,  6000,  7000,  8000,
                        9000, 10000, 11000, 12000, 13000, 14000, 15000, 16000, 17000,
                       18000, 19000, 20000, 21000, 22000, 23000, 24000, 25000, 26000,
                       27000, 28000, 29000], dtype=int32)""",
                Numpy.numpy(Tensor.arange(30L).mul(1000).to(DType.INT32)).toString());
        assertEquals("array([10])", Numpy.array(10).toString());
    }

    @Test
    void refusesWhatItCannotPrintLikeNumpy() {
        assertThrows(UnsupportedOperationException.class, () -> Numpy.numpy(Tensor.of(1e-5, 1.0)).toString());
        assertThrows(UnsupportedOperationException.class, () -> Numpy.numpy(Tensor.ones(2, 2)).toString());
        assertThrows(IllegalStateException.class, () -> Numpy.numpy(Tensor.ones(2).requiresGrad_(true)));
    }
}
