package org.vectorgrad.props;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Gradcheck: for every differentiable operation, and for random compositions, the gradient that
 * {@code backward(v)} computes equals central finite differences of {@code sum(v * f(x))} in float64
 * (eps 1e-6, atol 1e-5, rtol 1e-3), on operands in every layout users make.
 */
class GradientProperties {

    @Property(tries = 300)
    void elementwiseGradientsMatchFiniteDifferences(@ForAll("elementwise") GradCase c, @ForAll("outputGradient") double[] v) {
        GradCheck.gradcheck(c, v);
    }

    @Property(tries = 200)
    void broadcastBinaryGradientsMatchFiniteDifferences(@ForAll("binary") GradCase c, @ForAll("outputGradient") double[] v) {
        GradCheck.gradcheck(c, v);
    }

    @Property(tries = 250)
    void reductionGradientsMatchFiniteDifferences(@ForAll("reductions") GradCase c, @ForAll("outputGradient") double[] v) {
        GradCheck.gradcheck(c, v);
    }

    @Property(tries = 150)
    void productGradientsMatchFiniteDifferences(@ForAll("products") GradCase c, @ForAll("outputGradient") double[] v) {
        GradCheck.gradcheck(c, v);
    }

    @Property(tries = 250)
    void viewAndIndexingGradientsMatchFiniteDifferences(@ForAll("views") GradCase c, @ForAll("outputGradient") double[] v) {
        GradCheck.gradcheck(c, v);
    }

    @Property(tries = 150)
    void inPlaceGradientsMatchFiniteDifferences(@ForAll("inPlace") GradCase c, @ForAll("outputGradient") double[] v) {
        GradCheck.gradcheck(c, v);
    }

    @Property(tries = 200)
    void compositionGradientsMatchFiniteDifferences(@ForAll("compositions") GradCase c, @ForAll("outputGradient") double[] v) {
        GradCheck.gradcheck(c, v);
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
    Arbitrary<GradCase> compositions() {
        return GradCases.withLeafChoice(GradCases.compositions());
    }

    /** The vector of the vector-Jacobian product, repeated over the output's elements. */
    @Provide
    static Arbitrary<double[]> outputGradient() {
        return Arbitraries.doubles().between(-1, 1).ofScale(3).array(double[].class).ofSize(7);
    }
}
