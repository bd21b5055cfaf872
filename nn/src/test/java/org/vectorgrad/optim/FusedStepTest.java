package org.vectorgrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Functional;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.SgdStep;

/**
 * The fused optimizer steps give the bits of the sequence of whole-tensor in-place ops they replaced
 * (PyTorch 1.13's single-tensor Adam and SGD, written out below as they were), under every backend,
 * for float32 and float64, every option, a vector tail, and parameters that are not contiguous.
 */
class FusedStepTest {
    /** One configuration: the fused optimizer and the unfused reference step over (param, grad, state). */
    record Config(String name, Function<List<Tensor>, Optimizer> fused, Reference reference) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Reference {
        void step(Tensor p, Tensor grad, Map<String, Tensor> state);
    }

    static Stream<Arguments> cases() {
        List<Config> configs = List.of(
                new Config("adam", ps -> new Adam(ps, 0.01), (p, g, s) -> adam(p, g, s, 0.01, 0.9, 0.999, 1e-8, 0, false, false, false)),
                new Config("adam wd amsgrad", ps -> new Adam(ps, 0.02, 0.8, 0.99, 1e-6, 0.1, true),
                        (p, g, s) -> adam(p, g, s, 0.02, 0.8, 0.99, 1e-6, 0.1, true, false, false)),
                new Config("adam maximize", ps -> maximize(new Adam(ps, 0.01)), (p, g, s) -> adam(p, g, s, 0.01, 0.9, 0.999, 1e-8, 0, false, true, false)),
                new Config("adamw", ps -> new AdamW(ps, 0.01, 0.1), (p, g, s) -> adam(p, g, s, 0.01, 0.9, 0.999, 1e-8, 0.1, false, false, true)),
                new Config("sgd", ps -> new SGD(ps, 0.1), (p, g, s) -> sgd(p, g, s, 0.1, 0, 0, 0, false, false)),
                new Config("sgd momentum dampening wd", ps -> new SGD(ps, 0.1, 0.9, 0.3, 0.01, false),
                        (p, g, s) -> sgd(p, g, s, 0.1, 0.9, 0.3, 0.01, false, false)),
                new Config("sgd nesterov maximize", ps -> maximize(new SGD(ps, 0.05, 0.9, 0, 0, true)),
                        (p, g, s) -> sgd(p, g, s, 0.05, 0.9, 0, 0, true, true)));
        List<Arguments> out = new ArrayList<>();
        for (String backend : Backends.available()) {
            for (DType dtype : List.of(DType.FLOAT32, DType.FLOAT64)) {
                for (boolean transposed : List.of(false, true)) {
                    for (Config c : configs) {
                        out.add(Arguments.of(backend, dtype, transposed, c));
                    }
                }
            }
        }
        return out.stream();
    }

    private static Optimizer maximize(Optimizer o) {
        o.paramGroups().get(0).set("maximize", true);
        return o;
    }

    @ParameterizedTest(name = "{3} {1} transposed={2} [{0}]")
    @MethodSource("cases")
    void fusedStepsGiveTheBitsOfTheUnfusedOps(String backend, DType dtype, boolean transposed, Config c) {
        try (var scope = Backends.use(backend)) {
            Tensor.manualSeed(7);
            Tensor init = Tensor.randn(37, 29).to(dtype);   // 1073 elements: vectors and a tail
            Tensor fusedP = param(init, transposed);
            Tensor plainP = param(init, transposed);
            Optimizer opt = c.fused().apply(List.of(fusedP));
            Map<String, Tensor> state = new HashMap<>();
            for (int step = 0; step < 4; step++) {
                Tensor g = Tensor.randn(fusedP.shape()).to(dtype).mul(step == 2 ? 1e-3 : 1.0);
                fusedP.setGrad(g.clone());
                int version = fusedP.version();
                opt.step();
                try (var ng = Autograd.noGrad()) {
                    plainP.setGrad(g.clone());
                    c.reference().step(plainP, plainP.grad(), state);
                }
                assertBits(plainP, fusedP, c + " step " + step);
                assertEquals(c.name().startsWith("adamw") ? 2 : 1, fusedP.version() - version, "param versions");
                for (Map.Entry<String, Tensor> e : state.entrySet()) {
                    if (!e.getKey().equals("step")) {
                        assertBits(e.getValue(), (Tensor) opt.state(fusedP).get(e.getKey()), c + " " + e.getKey() + " step " + step);
                    }
                }
            }
        }
    }

    @Test
    void aFusedStepIsNotDifferentiable() {
        Tensor p = Tensor.randn(3).requiresGrad_(true);
        Tensor g = Tensor.ones(3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Functional.sgdStep_(p, g, null, new SgdStep(0.1, 0, 0, 0, false, false, false)));
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.", e.getMessage().split(" \\[Java")[0]);
        Tensor other = Tensor.randn(3).mul(2);
        try (var ng = Autograd.noGrad()) {
            assertThrows(IllegalArgumentException.class,
                    () -> Functional.sgdStep_(other, Tensor.ones(4), null, new SgdStep(0.1, 0, 0, 0, false, false, false)));
        }
    }

    private static Tensor param(Tensor init, boolean transposed) {
        Tensor data = transposed ? init.t().contiguous().t() : init.clone();   // same values, column-major when transposed
        return data.requiresGrad_(true);
    }

    private static void assertBits(Tensor expected, Tensor actual, String what) {
        if (expected.dtype() == DType.FLOAT32) {
            float[] e = expected.detach().toFloatArray();
            float[] a = actual.detach().toFloatArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(a[i]), what + " element " + i);
            }
        } else {
            assertArrayEquals(expected.detach().toDoubleArray(), actual.detach().toDoubleArray(), 0.0, what);
        }
    }

    // ---------------------------------------------------------------- the unfused steps, as they were

    private static void adam(Tensor p, Tensor grad, Map<String, Tensor> s, double lr, double beta1, double beta2, double eps,
                             double weightDecay, boolean amsgrad, boolean maximize, boolean decoupled) {
        if (maximize) {
            grad = grad.neg();
        }
        if (s.isEmpty()) {
            s.put("step", Tensor.of(0.0));
            s.put("exp_avg", p.zerosLike());
            s.put("exp_avg_sq", p.zerosLike());
            if (amsgrad) {
                s.put("max_exp_avg_sq", p.zerosLike());
            }
        }
        Tensor stepT = s.get("step").add_(1);
        Tensor expAvg = s.get("exp_avg");
        Tensor expAvgSq = s.get("exp_avg_sq");
        if (decoupled) {
            p.mul_(1 - lr * weightDecay);
        } else if (weightDecay != 0) {
            grad = grad.add(p, weightDecay);
        }
        expAvg.mul_(beta1).add_(grad, 1 - beta1);
        expAvgSq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);
        double step = stepT.item();
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr / biasCorrection1;
        Tensor second = expAvgSq;
        if (amsgrad) {
            Tensor max = s.get("max_exp_avg_sq");
            second = max.copy_(max.maximum(expAvgSq));
        }
        Tensor denom = second.sqrt().div(Math.sqrt(biasCorrection2)).add_(eps);
        p.addcdiv_(expAvg, denom, -stepSize);
    }

    private static void sgd(Tensor p, Tensor grad, Map<String, Tensor> s, double lr, double momentum, double dampening,
                            double weightDecay, boolean nesterov, boolean maximize) {
        Tensor d = maximize ? grad.neg() : grad;
        if (weightDecay != 0) {
            d = d.add(p, weightDecay);
        }
        if (momentum != 0) {
            Tensor buf = s.get("momentum_buffer");
            if (buf == null) {
                buf = d.clone().detach();
                s.put("momentum_buffer", buf);
            } else {
                buf.mul_(momentum).add_(d, 1 - dampening);
            }
            d = nesterov ? d.add(buf, momentum) : buf;
        }
        p.add_(d, -lr);
    }
}
