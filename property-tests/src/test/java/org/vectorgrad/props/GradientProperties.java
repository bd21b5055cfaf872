package org.vectorgrad.props;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.vectorgrad.backend.Backends;

/**
 * Gradcheck: for every differentiable operation, and for random compositions, the gradient that
 * {@code backward(v)} computes equals central finite differences of {@code sum(v * f(x))} in float64
 * (eps 1e-6, atol 1e-5, rtol 1e-3), on operands in every layout users make.
 */
class GradientProperties {

    @Property(tries = 4500)
    void elementwiseGradientsMatchFiniteDifferences(@ForAll("elementwise") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Property(tries = 3000)
    void broadcastBinaryGradientsMatchFiniteDifferences(@ForAll("binary") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Property(tries = 1500)
    void reductionGradientsMatchFiniteDifferences(@ForAll("reductions") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Property(tries = 2400)
    void productGradientsMatchFiniteDifferences(@ForAll("products") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Property(tries = 3000)
    void viewAndIndexingGradientsMatchFiniteDifferences(@ForAll("views") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Property(tries = 1800)
    void inPlaceGradientsMatchFiniteDifferences(@ForAll("inPlace") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Property(tries = 1500)
    void trainingGradientsMatchFiniteDifferences(@ForAll("training") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Property(tries = 1500)
    void compositionGradientsMatchFiniteDifferences(@ForAll("compositions") GradCase c, @ForAll("outputGradient") double[] v,
            @ForAll("backends") String backend) {
        TensorBackendProperties.run(backend, () -> GradCheck.gradcheck(c, v));
    }

    @Provide
    Arbitrary<GradCase> elementwise() {
        return GradCases.withLeafChoice(GradCases.unary());
    }

    @Provide
    Arbitrary<GradCase> binary() {
        return GradCases.withLeafChoice(GradCases.binary());
    }

    @Provide
    Arbitrary<GradCase> reductions() {
        return GradCases.withLeafChoice(GradCases.reductions());
    }

    @Provide
    Arbitrary<GradCase> products() {
        return GradCases.withLeafChoice(GradCases.products());
    }

    @Provide
    Arbitrary<GradCase> views() {
        return GradCases.withLeafChoice(GradCases.views());
    }

    @Provide
    Arbitrary<GradCase> inPlace() {
        return GradCases.withLeafChoice(Arbitraries.oneOf(GradCases.inPlace(), GradCases.fill()));
    }

    @Provide
    Arbitrary<GradCase> training() {
        return GradCases.withLeafChoice(GradCases.training());
    }

    @Provide
    Arbitrary<GradCase> compositions() {
        return GradCases.withLeafChoice(GradCases.compositions());
    }

    /** Both backends compute the gradients in turn (gradient formulas are Tensor operations). */
    @Provide
    static Arbitrary<String> backends() {
        return Arbitraries.of(Backends.available());
    }

    /** The vector of the vector-Jacobian product, repeated over the output's elements. */
    @Provide
    static Arbitrary<double[]> outputGradient() {
        return Arbitraries.doubles().between(-1, 1).ofScale(3).array(double[].class).ofSize(7);
    }
}
