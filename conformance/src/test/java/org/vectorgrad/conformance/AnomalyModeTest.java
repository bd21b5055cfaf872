package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;

/**
 * Anomaly mode, against PyTorch 1.13: with {@code torch.autograd.detect_anomaly()},
 * {@code x = torch.tensor([0., 1.], requires_grad=True); (x.sqrt() * 0).sum().backward()} raises
 * {@code RuntimeError: Function 'SqrtBackward0' returned nan values in its 0th output.} (the
 * gradient of sqrt at 0 is 0 / (2 * 0)) after the warning {@code Error detected in SqrtBackward0.
 * Traceback of forward call that caused the error:} and the Python line of {@code x.sqrt()};
 * without anomaly mode x.grad is {@code tensor([nan, 0.])}.
 */
class AnomalyModeTest {
    private final List<String> warnings = new ArrayList<>();
    private final Logger log = Logger.getLogger("org.vectorgrad");
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        log.addHandler(handler);
        log.setUseParentHandlers(false);
    }

    @AfterEach
    void release() {
        log.removeHandler(handler);
        log.setUseParentHandlers(true);
        Autograd.setDetectAnomaly(false);
    }

    @Test
    void aNanGradientNamesTheNodeAndTheForwardLineThatCreatedIt() {
        Tensor x = Tensor.of(0f, 1f).requiresGrad_(true);
        Tensor loss;
        int sqrtLine;
        try (var anomaly = Autograd.detectAnomaly()) {
            assertTrue(Autograd.isAnomalyEnabled());
            sqrtLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            Tensor y = x.sqrt();
            loss = y.mul(0).sum();
            var e = assertThrows(IllegalStateException.class, loss::backward);
            assertEquals("Function 'SqrtBackward0' returned nan values in its 0th output.", e.getMessage());
            assertEquals(1, e.getSuppressed().length);
            StackTraceElement first = e.getSuppressed()[0].getStackTrace()[0];
            assertEquals(getClass().getName(), first.getClassName(), "the first frame is the caller's, not Vectorgrad's");
            assertEquals(sqrtLine, first.getLineNumber());
        }
        assertFalse(Autograd.isAnomalyEnabled(), "closing the scope restores the previous mode");
        assertEquals("Anomaly Detection has been enabled. This mode will increase the runtime and should only be "
                + "enabled for debugging.", warnings.get(0));
        String report = warnings.get(1);
        assertTrue(report.startsWith("Error detected in SqrtBackward0. Traceback of forward call that caused the error:\n"
                + "  at " + getClass().getName() + ".aNanGradientNamesTheNodeAndTheForwardLineThatCreatedIt(AnomalyModeTest.java:"
                + sqrtLine + ")"), report);
        assertNull(x.grad(), "the failed pass accumulated nothing");

        Tensor again = x.sqrt().mul(0).sum();
        again.backward();
        assertEquals("tensor([nan, 0.])", x.grad().toString(), "without anomaly mode the NaN goes through, as in PyTorch");
    }

    @Test
    void anErrorInBackwardKeepsItsMessageAndGainsTheForwardStack() {
        Autograd.setDetectAnomaly(true);
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad_(true);
        Tensor y = x.exp();
        Tensor z = y.sum();
        y.add_(1);
        var e = assertThrows(IllegalStateException.class, z::backward);
        assertEquals("one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.FloatTensor [2]], which is output 0 of ExpBackward0, is at version 1; expected version 0 instead. "
                + "Hint: enable anomaly detection to find the operation that failed to compute its gradient, with "
                + "torch.autograd.set_detect_anomaly(True). [Java: Autograd.setDetectAnomaly(true)]", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("Traceback of forward call that created ExpBackward0", e.getSuppressed()[0].getMessage());
        assertTrue(warnings.get(0).startsWith("Error detected in ExpBackward0. Traceback of forward call that caused the error:\n"
                + "  at " + getClass().getName() + ".anErrorInBackward"), warnings.get(0));
    }

    @Test
    void aNodeCreatedBeforeAnomalyModeSaysItHasNoForwardInformation() {
        Tensor x = Tensor.of(0.0, DType.FLOAT64).requiresGrad_(true);
        Tensor loss = x.sqrt().mul(0);
        try (var anomaly = Autograd.setDetectAnomaly(true)) {
            var e = assertThrows(IllegalStateException.class, loss::backward);
            assertEquals("Function 'SqrtBackward0' returned nan values in its 0th output.", e.getMessage());
            assertEquals(0, e.getSuppressed().length);
        }
        assertEquals(List.of("Error detected in SqrtBackward0. No forward pass information available. Enable detect "
                + "anomaly during forward pass for more information."), warnings);
    }

    @Test
    void finiteGradientsPassUntouched() {
        try (var anomaly = Autograd.setDetectAnomaly(true)) {
            Tensor x = Tensor.of(4.0, DType.FLOAT64).requiresGrad_(true);
            x.sqrt().backward();
            assertEquals(0.25, x.grad().item());
        }
        assertEquals(List.of(), warnings);
    }
}
