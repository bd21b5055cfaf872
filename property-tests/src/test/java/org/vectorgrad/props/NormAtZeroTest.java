package org.vectorgrad.props;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * {@code norm(p=3)}'s second derivative at an element that is exactly 0, the point
 * {@code GradCases.smoothOperations} keeps out of the gradgradcheck property (seed 9050478329257623658
 * drew it): x = [[[0, 0]], [[0.1, 0.1]]], the expansion of the storage s = [a, b] = [0, 0.1], reduced
 * over dim 0, so both outputs are n = (|a|^3 + |b|^3)^(1/3) = 0.1.
 *
 * <p>With V = v0 + v1 the gradient is V [a|a|, b|b|] / n^2 and its Hessian's row for a is
 * V (2|a|/n^2 - 2 a|a| [a|a|, b|b|] / n^5) = 0 at a = 0, so the gradient of w . gradient is 0 in
 * a; in b it is 0 too, since at a = 0 the gradient in b is V sign(b), constant. PyTorch 1.13
 * (torch.autograd.grad with create_graph, float64, same v and w) gives [0.0, 1.3877787807814457e-17].
 * The central difference instead sees x|x|'s second derivative jump from -2 to 2 and answers
 * V w0 eps / n^2, which is what the property reported and what PyTorch's gradgradcheck reports too.
 */
class NormAtZeroTest {
    private static final double[] V = {-0.021, -0.576};
    private static final double[] W = {0.643, -0.22};

    private static GradCase failingCase(double a) {
        Operand x = new Operand(DType.FLOAT64, new int[] {2, 1, 2}, new double[] {a, a, 0.1, 0.1},
                new Recipe.Expanded(0, new boolean[] {false, true, true}));
        return new GradCase("norm(p=3)(dims=[0], keepdim=false)", List.of(x), t -> t[0].norm(3, 0, false), true, false);
    }

    /** The gradient of s's w-weighted first gradient, through the engine with createGraph. */
    private static double[] secondOrder(double a) {
        Tensor s = Tensor.from(new double[] {a, 0.1}, new long[] {2, 1, 1}).requiresGrad_(true);
        Tensor out = s.expand(new long[] {2, 1, 2}).norm(3, 0, false);
        Tensor[] g = Autograd.grad(new Tensor[] {out}, new Tensor[] {s}, new Tensor[] {Tensor.from(V.clone(), out.shape())}, true, true, true);
        Tensor ws = g[0].mul(Tensor.from(W.clone(), s.shape())).sum();
        return Autograd.grad(new Tensor[] {ws}, new Tensor[] {s}, null, false, false, true)[0].toDoubleArray();
    }

    /** The first gradient in a, without grad: the function the property differences. */
    private static double firstInA(double a) {
        Tensor s = Tensor.from(new double[] {a, 0.1}, new long[] {2, 1, 1}).requiresGrad_(true);
        Tensor out = s.expand(new long[] {2, 1, 2}).norm(3, 0, false);
        return Autograd.grad(new Tensor[] {out}, new Tensor[] {s}, new Tensor[] {Tensor.from(V.clone(), out.shape())}, false, false, true)[0]
                .toDoubleArray()[0];
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "scalar"})
    void secondDerivativeAtAZeroElementIsZeroAsInPyTorch(String backend) {
        try (var scope = Backends.use(backend)) {
            double[] gg = secondOrder(0.0);
            assertEquals(0.0, gg[0], 0.0, "d/da at a = 0: 2|a|/n^2 and a|a| vanish");
            assertEquals(0.0, gg[1], 1e-14, "d/db at a = 0: the gradient in b is V sign(b); PyTorch 1.4e-17");
            assertArrayEquals(secondOrder(-0.0), gg, 0.0, "-0.0 is the same point");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "scalar"})
    void centralDifferenceAcrossTheZeroIsOffByEps(String backend) {
        try (var scope = Backends.use(backend)) {
            double eps = GradCheck.EPS;
            double central = W[0] * (firstInA(eps) - firstInA(-eps)) / (2 * eps);
            // (V eps^2/n^2 - (-V eps^2/n^2)) / (2 eps) = V eps / n^2, with n = 0.1 up to eps^3 terms
            assertEquals((V[0] + V[1]) * W[0] * eps / 0.01, central, 1e-9);
            assertEquals(-3.8387099999999956E-5, central, 1e-9, "the property's numerical value");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"simd", "scalar"})
    void gradgradcheckHoldsOnceTheZeroIsAStepAway(String backend) {
        try (var scope = Backends.use(backend)) {
            // 1e-4 is the generator's smallest nonzero magnitude: [a - eps, a + eps] holds one quadratic piece
            for (double a : new double[] {1e-4, -1e-4, 2 * GradCheck.EPS}) {
                GradCheck.gradgradcheck(failingCase(a), V, W);
            }
        }
    }
}
