package org.vectorgrad;

/**
 * Error and warning texts that name a Python spelling ({@code retain_graph=True},
 * {@code .retain_grad()}, {@code torch.autograd.set_detect_anomaly(True)}, ...) keep PyTorch's text
 * unchanged, since ports and the conformance comparison rely on it, and add the Java spelling after
 * it in one bracket at the end: {@code ... after calling backward. [Java: backward(gradient, true, false)]}.
 * A comparison with PyTorch's output drops a trailing {@code " [Java: ...]"} and nothing else.
 */
final class Messages {
    private Messages() {
    }

    /** PyTorch's {@code text}, then {@code " [Java: " + java + "]"}. */
    static String withJava(String text, String java) {
        return text + " [Java: " + java + "]";
    }
}
