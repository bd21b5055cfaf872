package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizeTest {

    @Test
    void fullPrecisionFloat32MayDifferByOneUlpOnly() {
        // float32 cos(1): PyTorch (SLEEF) 0.5403023362159729, correctly rounded 0.5403022766113281 (1 ulp apart).
        assertTrue(Normalize.sameLine("g exact: [1.0, 0.5403023362159729]", "g exact: [1.0, 0.5403022766113281]"));
        assertFalse(Normalize.sameLine("g exact: [1.0, 0.5403023362159729]", "g exact: [1.0, 0.5403022170066833]"),
                "two ulps apart");
        assertFalse(Normalize.sameLine("tensor([0.5403])", "tensor([0.5404])"), "four-decimal prints are exact");
        assertFalse(Normalize.sameLine("g exact: [1.0, 0.5403023362159729]", "h exact: [1.0, 0.5403022766113281]"));
    }

    @Test
    void dtypePrefixTriggeredTailAndAddressesAreMasked() {
        assertEquals(List.of("tensor(1., dtype=float64)", "<AddBackward0 object at 0x…>", "UserWarning: text.",
                        "RuntimeError: step must be greater than zero"),
                Normalize.lines("tensor(1., dtype=torch.float64)\n<AddBackward0 object at 0x7f3a2b>\n"
                        + "UserWarning: text. (Triggered internally at  ./build/aten/src/ATen/core/TensorBody.h:480.)\n"
                        + "ValueError: step must be greater than zero\n\n"));
    }

    @Test
    void onlyATrailingJavaSpellingIsDropped() {
        assertEquals(List.of("RuntimeError: Specify retain_graph=True if you need to.", "a [Java: b] c"),
                Normalize.lines("RuntimeError: Specify retain_graph=True if you need to. [Java: y.backward(g, true, false)]\n"
                        + "a [Java: b] c"));
    }
}
