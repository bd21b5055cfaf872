package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * {@code tan} and its gradient against PyTorch 1.13 (values printed by {@code torch.tan} and
 * {@code backward} / {@code autograd.grad}), under every backend. float32 values may differ from
 * PyTorch's by one ulp (README, accuracy); float64 within 2 ulps; the prints must be identical.
 */
class TanTest {
    private static final double[] X = {0.0, -0.0, 0.5, -1.2, 1.5, 3.0, 100.0, 1e-3};

    static List<String> backends() {
        return Backends.available();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void float32ValuesGradientAndPrintAreTorchs(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor x = Tensor.of(X, DType.FLOAT32).requiresGrad_(true);
            Tensor y = x.tan();
            assertEquals("tensor([ 0.0000e+00, -0.0000e+00,  5.4630e-01, -2.5722e+00,  1.4101e+01,\n"
                    + "        -1.4255e-01, -5.8721e-01,  1.0000e-03], grad_fn=<TanBackward0>)", y.toString());
            assertWithinUlps(new double[] {0.0, -0.0, 0.5463024973869324, -2.5721518993377686, 14.101420402526855,
                -0.14254654943943024, -0.587213933467865, 0.0010000003967434168}, y.detach().toFloatArray(), 1);
            y.sum().backward();
            assertEquals("tensor([  1.0000,   1.0000,   1.2984,   7.6160, 199.8501,   1.0203,   1.3448,\n"
                    + "          1.0000])", x.grad().toString());
            assertWithinUlps(new double[] {1.0, 1.0, 1.2984464168548584, 7.615965366363525, 199.8500518798828,
                1.0203194618225098, 1.344820261001587, 1.0000009536743164}, x.grad().toFloatArray(), 4);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void float64GradientOfTheGradient(String backend) {
        try (var scope = Backends.use(backend)) {
            Tensor x = Tensor.of(new double[] {0.5, -1.2, 1.5, 3.0}, DType.FLOAT64).requiresGrad_(true);
            Tensor y = x.tan();
            assertWithinUlps(new double[] {0.5463024898437905, -2.5721516221263188, 14.101419947171719, -0.1425465430742778},
                    y.detach().toDoubleArray(), 2);
            Tensor g = Autograd.grad(y.sum(), x, true);
            assertEquals("MulBackward0", g.gradFn().name());
            assertWithinUlps(new double[] {1.2984464104095248, 7.615963967207053, 199.85004452649244, 1.0203195169424268},
                    g.detach().toDoubleArray(), 8);
            Tensor gg = Autograd.grad(g.sum(), x, false);
            assertWithinUlps(new double[] {1.4186890138709112, -39.17882814461443, 5636.3388086580735, -0.29088603994271994},
                    gg.toDoubleArray(), 16);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void integersPromoteToFloat32AndSpecialsGiveNaN(String backend) {
        try (var scope = Backends.use(backend)) {
            assertEquals("tensor([ 1.5574, -2.1850])", Tensor.of(1L, 2L).tan().toString());
            assertEquals("tensor(1.5574)", Tensor.of(true).tan().toString());
            assertEquals("tensor([nan, nan, nan])", Tensor.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY).tan().toString());
        }
    }

    /** Each element within {@code ulps} ulps of PyTorch's (ulps of the expected value's own dtype). */
    private static void assertWithinUlps(double[] expected, float[] actual, int ulps) {
        for (int i = 0; i < expected.length; i++) {
            float e = (float) expected[i];
            assertEquals(e, actual[i], ulps * Math.ulp(e), "element " + i);
        }
    }

    private static void assertWithinUlps(double[] expected, double[] actual, int ulps) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], ulps * Math.ulp(expected[i]), "element " + i);
        }
    }
}
