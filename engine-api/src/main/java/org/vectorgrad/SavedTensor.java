package org.vectorgrad;

/**
 * A tensor a gradient formula needs, with the version it had when saved: unpacking it after an
 * in-place change, or after the graph was freed, fails with PyTorch's message.
 */
final class SavedTensor {
    private Tensor tensor;
    private final int savedVersion;
    private boolean released;

    SavedTensor(Tensor tensor) {
        this.tensor = tensor;
        this.savedVersion = tensor.versionCounter().get();
    }

    Tensor unpack(GradFn owner) {
        if (released) {
            throw new IllegalStateException("Trying to backward through the graph a second time (or directly access saved "
                    + "tensors after they have already been freed). Saved intermediate values of the graph are freed when "
                    + "you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through "
                    + "the graph a second time or if you need to access saved tensors after calling backward.");
        }
        int now = tensor.versionCounter().get();
        if (now != savedVersion) {
            GradFn producer = tensor.gradFnRaw();
            String output = producer == null ? "" : ", which is output " + tensor.outputNr() + " of " + producer.name() + ",";
            throw new IllegalStateException("one of the variables needed for gradient computation has been modified by an "
                    + "inplace operation: [" + tensor.legacyTypeName() + " " + Shapes.str(tensor.layout().shape()) + "]"
                    + output + " is at version " + now + "; expected version " + savedVersion + " instead. Hint: enable "
                    + "anomaly detection to find the operation that failed to compute its gradient, with "
                    + "torch.autograd.set_detect_anomaly(True).");
        }
        return tensor;
    }

    void release() {
        released = true;
        tensor = null;
    }
}
