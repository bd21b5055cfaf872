package org.vectorgrad.props;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Gradgradcheck: gradients computed with {@code createGraph} are themselves differentiable, and their
 * gradients equal finite differences of the first-order gradient (float64, PyTorch's tolerances).
 * Smooth operations only: at the kinks of abs, relu, max and clamp the second derivative does not
 * exist, and away from them it is zero, which the first-order properties already pin down.
 */
class SecondOrderProperties {

    @Property(tries = 2400)
    void smoothOperationsHaveMatchingSecondDerivatives(@ForAll("smoothOperations") GradCase c,
                                                       @ForAll("outputGradient") double[] v, @ForAll("outputGradient") double[] w,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradgradcheck(c, v, w));
    }

    @Property(tries = 1500)
    void compositionsHaveMatchingSecondDerivatives(@ForAll("compositions") GradCase c,
                                                   @ForAll("outputGradient") double[] v, @ForAll("outputGradient") double[] w,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradgradcheck(c, v, w));
    }

    @Provide
    Arbitrary<GradCase> smoothOperations() {
        return GradCases.withLeafChoice(GradCases.smoothOperations());
    }

    @Provide
    Arbitrary<GradCase> compositions() {
        return GradCases.withLeafChoice(GradCases.compositions());
    }

    @Provide
    Arbitrary<String> backends() {
        return GradientProperties.backends();
    }

    @Provide
    Arbitrary<double[]> outputGradient() {
        return GradientProperties.outputGradient();
    }
}
