package org.vectorgrad;

/**
 * A tensor a gradient formula needs, with the version it had when saved: unpacking it after an
 * in-place change, or after the graph was freed, fails with PyTorch's message.
 */
final class SavedTensor {
    private Tensor tensor;
    private final int savedVersion;
    /** Saved as the output of the node that saves it (whose name the error then gives), not as an input. */
    private final boolean isOutput;
    private boolean released;

    SavedTensor(Tensor tensor, boolean isOutput) {
        this.tensor = tensor;
        this.savedVersion = tensor.versionCounter().get();
        this.isOutput = isOutput;
    }

    Tensor unpack(GradFn owner) {
        if (released) {
            throw new IllegalStateException(Messages.withJava("Trying to backward through the graph a second time (or "
                    + "directly access saved tensors after they have already been freed). Saved intermediate values of the "
                    + "graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
                    + "backward through the graph a second time or if you need to access saved tensors after calling backward.",
                    "retainGraph = true: y.backward(gradient, true, false), Autograd.grad(outputs, inputs, gradOutputs, true, "
                    + "createGraph, allowUnused)"));
        }
        int now = tensor.versionCounter().get();
        if (now != savedVersion) {
            // Like PyTorch: an input names its current grad_fn, an output the node that saved it.
            GradFn producer = isOutput ? owner : tensor.gradFnRaw();
            int outputNr = isOutput ? 0 : tensor.outputNr();
            String output = producer == null ? "" : ", which is output " + outputNr + " of " + producer.name() + ",";
            throw new IllegalStateException(Messages.withJava("one of the variables needed for gradient computation has "
                    + "been modified by an inplace operation: [" + tensor.legacyTypeName() + " "
                    + Shapes.str(tensor.layout().shape()) + "]" + output + " is at version " + now + "; expected version "
                    + savedVersion + " instead. Hint: enable anomaly detection to find the operation that failed to compute "
                    + "its gradient, with torch.autograd.set_detect_anomaly(True).", "Autograd.setDetectAnomaly(true)"));
        }
        return tensor;
    }

    void release() {
        released = true;
        tensor = null;
    }
}
