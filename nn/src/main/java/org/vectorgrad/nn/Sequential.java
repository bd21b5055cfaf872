package org.vectorgrad.nn;

import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.Sequential}: modules applied in order, registered as {@code "0"}, {@code "1"}, ...
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Linear(10, 32), new ReLU(), new Linear(32, 3));
 * Linear last = model.get(2);                       // model[2]
 * }</pre>
 */
public class Sequential extends Module {
    private int size;

    public Sequential(Module... modules) {
        for (Module m : modules) {
            append(m);
        }
    }

    /** Adds a module at the end; returns this. */
    public Sequential append(Module m) {
        registerModule(Integer.toString(size++), m);
        return this;
    }

    /** {@code model[i]} (negative counts from the end), cast to the caller's type. */
    @SuppressWarnings("unchecked")
    public <M extends Module> M get(int index) {
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range");
        }
        return (M) namedChildren().get(Integer.toString(i));
    }

    public int size() {
        return size;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : children()) {
            x = m.forward(x);
        }
        return x;
    }
}
