package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Gradient formulas of elementwise ops: PyTorch's operation order (so its rounding, bit for bit, as
 * PyTorch 1.13 gives it), PyTorch's selects where a multiply would turn an infinite gradient into
 * NaN, and the same values when a formula writes over its own temporaries (no graph being built)
 * as when it records every step (create_graph), including second derivatives.
 */
class BackwardFormulasTest {

    /** Odd lengths and broadcast operands, so that vector tails and in-place writes over temporaries meet. */
    private static final long[][] SHAPES = {{37}, {3, 1003}, {8, 8}};

    @Test
    void formulasFollowPyTorchsOrderOfOperationsBitForBit() {
        for (String backend : new String[] {"scalar", "simd"}) {
            try (var b = Backends.use(backend)) {
                for (long[] shape : SHAPES) {
                    Tensor.manualSeed(7);
                    Tensor g = Tensor.rand(shape).mul(6.0).sub(3.0);
                    Tensor x = Tensor.rand(shape).mul(3.0).add(0.25);
                    Tensor y = Tensor.rand(shape).mul(2.0).add(0.5);
                    // derivatives.yaml / ATen's backward kernels, written out of place in PyTorch's order
                    checkUnary(backend, "reciprocal", x, g, Tensor::reciprocal, (t, r) -> g.neg().mul(r.mul(r)));
                    checkUnary(backend, "sigmoid", x.sub(1.5), g, Tensor::sigmoid, (t, s) -> g.mul(s.rsub(1.0)).mul(s));
                    checkUnary(backend, "sqrt", x, g, Tensor::sqrt, (t, r) -> g.div(r.mul(2.0)));
                    checkUnary(backend, "sin", x, g, Tensor::sin, (t, r) -> g.mul(t.cos()));
                    checkUnary(backend, "cos", x, g, Tensor::cos, (t, r) -> g.mul(t.sin().neg()));
                    checkUnary(backend, "abs", x.sub(1.5), g, Tensor::abs, (t, r) -> g.mul(t.sign()));
                    checkUnary(backend, "tanh", x.sub(1.5), g, Tensor::tanh, (t, r) -> g.mul(r.mul(r).rsub(1.0)));
                    checkUnary(backend, "tan", x.sub(1.5).mul(0.9), g, Tensor::tan, (t, r) -> g.mul(r.pow(2).add(1.0)));
                    for (double p : new double[] {2, 3, 0.5, -1, -0.5, -2, 2.5, 1}) {
                        // pow_backward: grad * (exponent * self.pow(exponent - 1))
                        checkUnary(backend, "pow " + p, x, g, t -> t.pow(p), (t, r) -> g.mul(t.pow(p - 1).mul(p)));
                    }
                    Tensor xl = x.detach().requiresGrad_(true);
                    Tensor yl = y.detach().requiresGrad_(true);
                    xl.div(yl).backward(g);
                    assertTrue(yl.grad().equal(g.neg().mul(x.div(y).div(y))), backend + " div, divisor " + shape.length);
                    assertTrue(xl.grad().equal(g.div(y)), backend + " div, dividend");
                    // a row divisor: the gradient of the [cols] row is summed over the rows
                    Tensor row = y.select(0, 0).detach().requiresGrad_(true);
                    Tensor bx = x.detach();
                    bx.div(row).backward(g);
                    assertTrue(row.grad().equal(g.neg().mul(bx.div(row.detach()).div(row.detach())).sum(0)), backend + " div, row");
                }
            }
        }
    }

    @Test
    void aZeroDimFactorsGradientIsTheSumOfProducts() {
        for (String backend : new String[] {"scalar", "simd"}) {
            try (var b = Backends.use(backend)) {
                Tensor.manualSeed(3);
                Tensor x = Tensor.rand(3, 1003).mul(4.0).sub(2.0);
                Tensor g = Tensor.rand(3, 1003).sub(0.5);
                Tensor gt = Tensor.rand(1003, 3).sub(0.5).t();   // a transposed gradient
                Tensor past = Tensor.rand(4, 1003).narrow(0, 1, 3);   // contiguous at an offset
                // {x: contiguous, transposed, at an offset; g: contiguous, transposed}
                double[][] cases = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}};
                for (double[] k : cases) {
                    Tensor xs = k[0] == 0 ? x : k[0] == 1 ? x.t().contiguous().t() : past;
                    Tensor gs = k[1] == 0 ? g : gt;
                    for (boolean sFirst : new boolean[] {false, true}) {
                        Tensor s = Tensor.of(new double[] {1.5}).reshape().requiresGrad_(true);
                        Tensor xl = xs.detach().requiresGrad_(true);
                        (sFirst ? s.mul(xl) : xl.mul(s)).backward(gs);
                        String what = backend + " x " + k[0] + " g " + k[1] + " s first " + sFirst;
                        assertEquals(0, s.grad().dim(), what);
                        // float64 sum of the float32 products: within the reduction bound of n * eps * sum|terms|
                        Tensor terms = gs.to(DType.FLOAT64).mul(xs.to(DType.FLOAT64));
                        double want = terms.sum().item();
                        double bound = terms.numel() * 0x1p-24 * terms.abs().sum().item();
                        assertTrue(Math.abs(s.grad().item() - want) <= bound, what + ": " + s.grad().item() + " vs " + want);
                        assertTrue(xl.grad().equal(gs.mul(1.5)), what);
                    }
                }
            }
        }
        // create_graph: the recorded product and sum, differentiable again
        Tensor x = Tensor.of(new double[] {0.5, 1.25, 2.0}, DType.FLOAT64).requiresGrad_(true);
        Tensor s = Tensor.of(new double[] {3.0}, DType.FLOAT64).reshape().requiresGrad_(true);
        Tensor plain = Autograd.grad(x.mul(s).mul(x).sum(), s, false);
        Tensor first = Autograd.grad(x.mul(s).mul(x).sum(), s, true);
        assertEquals(0.25 + 1.5625 + 4.0, plain.item(), 1e-12);   // sum x^2
        assertTrue(first.requiresGrad());
        assertEquals(plain.item(), first.item(), 1e-12);
        assertTrue(Autograd.grad(first, x, false).equal(x.detach().mul(2.0)));   // d(sum x^2)/dx
    }

    private static void checkUnary(String backend, String name, Tensor x, Tensor g, UnaryOperator<Tensor> op,
                                   BiFunction<Tensor, Tensor, Tensor> expected) {
        Tensor leaf = x.detach().requiresGrad_(true);
        Tensor r = op.apply(leaf);
        r.backward(g);
        Tensor want = expected.apply(x.detach(), r.detach());
        assertTrue(leaf.grad().equal(want), backend + " " + name + ": " + leaf.grad() + " vs " + want);
    }

    @Test
    void selectsGiveZeroWhereAnInfiniteGradientIsMasked() {
        // printed by PyTorch 1.13: x.clamp(-1, 4).backward(gg) etc.
        Tensor x = Tensor.of(-2., 0., 3., 5.).requiresGrad_(true);
        x.clamp(-1, 4).backward(Tensor.of(Double.POSITIVE_INFINITY, Double.NaN, 1., Double.POSITIVE_INFINITY));
        assertEquals("tensor([0., nan, 1., 0.])", x.grad().toString());
        Tensor z = Tensor.of(-2., 0., 3.).requiresGrad_(true);
        Tensor inf = Tensor.of(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        z.clampMin(0.5).backward(inf);
        assertEquals("tensor([0., 0., inf])", z.grad().toString());
        z.setGrad(null);
        z.clampMax(0.5).backward(inf);
        assertEquals("tensor([inf, inf, 0.])", z.grad().toString());
        z.setGrad(null);
        z.relu().backward(inf);
        assertEquals("tensor([0., 0., inf])", z.grad().toString());
        // relu's threshold_backward, printed by PyTorch 1.13: 0 where the result is <= 0, the gradient
        // where it is NaN; the same with create_graph (then recorded, differentiable in the gradient)
        for (String backend : new String[] {"scalar", "simd"}) {
            try (var b = Backends.use(backend)) {
                for (int n : new int[] {5, 37}) {   // shorter than a vector, and vectors with a tail
                    double[] xv = new double[n];
                    double[] gv = new double[n];
                    double[] want = new double[n];
                    double[] px = {Double.NaN, -1, 0, -0.0, 2};
                    double[] pg = {5, Double.POSITIVE_INFINITY, Double.NaN, 3, Double.POSITIVE_INFINITY};
                    double[] pw = {5, 0, 0, 0, Double.POSITIVE_INFINITY};
                    for (int i = 0; i < n; i++) {
                        xv[i] = px[i % 5];
                        gv[i] = pg[i % 5];
                        want[i] = pw[i % 5];
                    }
                    Tensor w = Tensor.of(want).to(DType.FLOAT32);
                    Tensor xr = Tensor.of(xv).to(DType.FLOAT32).requiresGrad_(true);
                    Tensor gr = Tensor.of(gv).to(DType.FLOAT32);
                    xr.relu().backward(gr);
                    assertTrue(xr.grad().equal(w), backend + " " + n + ": " + xr.grad());
                    Tensor gg = gr.detach().requiresGrad_(true);
                    Tensor first = Autograd.grad(new Tensor[] {xr.relu()}, new Tensor[] {xr}, new Tensor[] {gg}, false, true, false)[0];
                    assertTrue(first.requiresGrad() && first.detach().equal(w), backend + " " + n + " create_graph: " + first);
                    // PyTorch 1.13's nodes: ThresholdBackwardBackward0 over (the gradient's history, relu's node)
                    assertEquals("ThresholdBackwardBackward0", first.gradFn().name());
                    assertEquals("AccumulateGrad", first.gradFn().nextFunctions().get(0).function().name());
                    assertEquals("ReluBackward0", first.gradFn().nextFunctions().get(1).function().name());
                    Tensor d = Autograd.grad(first.sum(), gg, false);   // d/dgrad: 1 where the gradient passes
                    assertTrue(d.equal(w.ne(0.0).to(DType.FLOAT32)), backend + " " + n + " d/dgrad: " + d);
                }
            }
        }
    }

    @Test
    void maximumAndMinimumSplitTiesAndPassTheGradientPastNaN() {
        // printed by PyTorch 1.13: a NaN neither wins nor loses, so both operands get the gradient
        Tensor a = Tensor.of(1., 2., Double.NaN, 3.).requiresGrad_(true);
        Tensor b = Tensor.of(1., 3., 1., Double.NaN).requiresGrad_(true);
        Tensor g = Tensor.of(2., Double.POSITIVE_INFINITY, 4., 8.);
        a.maximum(b).backward(g);
        assertEquals("tensor([1., 0., 4., 8.])", a.grad().toString());
        assertEquals("tensor([1., inf, 4., 8.])", b.grad().toString());
        a.setGrad(null);
        b.setGrad(null);
        a.minimum(b).backward(g);
        assertEquals("tensor([1., inf, 4., 8.])", a.grad().toString());
        assertEquals("tensor([1., 0., 4., 8.])", b.grad().toString());
    }

    @Test
    void createGraphGivesTheSameGradientAndCorrectSecondDerivatives() {
        Tensor x = Tensor.of(new double[] {0.5, 1.25, 2.0}, DType.FLOAT64).requiresGrad_(true);
        Tensor y = Tensor.of(new double[] {1.5, 0.75, 3.0}, DType.FLOAT64).requiresGrad_(true);
        check(x, t -> t.reciprocal(), t -> t.pow(-3).mul(2.0));          // (1/x)'' = 2/x^3
        check(x, t -> t.sqrt(), t -> t.pow(-1.5).mul(-0.25));            // (x^1/2)'' = -x^(-3/2)/4
        check(x, t -> t.cos(), t -> t.cos().neg());
        check(x, t -> t.sin(), t -> t.sin().neg());
        check(x, t -> t.sigmoid(), t -> {                                  // s(1-s)(1-2s)
            Tensor s = t.sigmoid();
            return s.mul(s.rsub(1.0)).mul(s.mul(-2.0).add(1.0));
        });
        check(y, t -> x.detach().div(t), t -> x.detach().mul(2.0).div(t.pow(3)));   // (a/y)'' = 2a/y^3
        check(x, t -> t.tanh(), t -> {                                     // -2 tanh (1 - tanh^2)
            Tensor h = t.tanh();
            return h.mul(-2.0).mul(h.mul(h).rsub(1.0));
        });
        check(x.detach().mul(0.5).requiresGrad_(true), t -> t.tan(), t -> {   // 2 tan (1 + tan^2)
            Tensor h = t.tan();
            return h.mul(2.0).mul(h.mul(h).add(1.0));
        });
        check(x, t -> t.pow(3), t -> t.mul(6.0));
        check(x, t -> t.pow(2), t -> t.mul(0.0).add(2.0));
        check(x, t -> t.pow(0.5), t -> t.pow(-1.5).mul(-0.25));
        check(x, t -> t.pow(-1), t -> t.pow(-3).mul(2.0));
        check(x, t -> t.pow(2.5), t -> t.pow(0.5).mul(3.75));
    }

    /** First derivative under create_graph equals the one written over temporaries; the second is {@code second}. */
    private static void check(Tensor x, UnaryOperator<Tensor> f, UnaryOperator<Tensor> second) {
        Tensor plain = Autograd.grad(f.apply(x).sum(), x, false);
        Tensor first = Autograd.grad(f.apply(x).sum(), x, true);
        assertTrue(first.requiresGrad());
        assertTrue(first.detach().equal(plain), first + " vs " + plain);
        Tensor d2 = Autograd.grad(first.sum(), x, false);
        Tensor want = second.apply(x.detach());
        assertTrue(d2.sub(want).abs().max().item() < 1e-12, d2 + " vs " + want);
    }
}
