package org.vectorgrad.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * {@code torch.nn.Module}: parameters, buffers and submodules registered by name, kept in
 * registration order, which gives the order of {@link #parameters()} and the keys of
 * {@link #stateDict()} ({@code "0.weight"}, {@code "0.bias"}, ...).
 *
 * <pre>{@code
 * class Net extends Module {
 *     final Linear fc = registerModule("fc", new Linear(4, 2));
 *     @Override public Tensor forward(Tensor x) { return fc.forward(x).relu(); }
 * }
 * }</pre>
 *
 * <p>Python's {@code model(x)} is {@code model.forward(x)}; hooks are not supported.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> modules = new LinkedHashMap<>();
    private boolean training = true;

    /** The module applied to one input; layers override it. */
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Module [" + name() + "] is missing the required \"forward\" function");
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers {@code p} (a {@link Parameter}, or null for an absent one such as
     * {@code bias=False}) under {@code name}; returns it.
     */
    protected Tensor registerParameter(String name, Tensor p) {
        checkName(name, "parameter");
        if (p != null && !Parameter.isParameter(p)) {
            throw new IllegalArgumentException("cannot assign '" + p.type() + "' object to parameter '" + name
                    + "' (torch.nn.Parameter or None required)");
        }
        parameters.put(name, p);
        return p;
    }

    /** Registers a buffer: state that is saved in the state dict but not trained (null allowed). */
    protected Tensor registerBuffer(String name, Tensor b) {
        checkName(name, "buffer");
        buffers.put(name, b);
        return b;
    }

    /** Registers a submodule (null allowed); returns it. */
    protected <M extends Module> M registerModule(String name, M m) {
        checkName(name, "module");
        modules.put(name, m);
        return m;
    }

    private void checkName(String name, String what) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " name can't be empty string \"\"");
        }
        if (name.contains(".")) {
            throw new IllegalArgumentException(what + " name can't contain \".\"");
        }
        boolean taken = !what.equals("parameter") && parameters.containsKey(name)
                || !what.equals("buffer") && buffers.containsKey(name)
                || !what.equals("module") && modules.containsKey(name);
        if (taken) {
            throw new IllegalArgumentException("attribute '" + name + "' already exists");
        }
    }

    // ---------------------------------------------------------------- traversal

    /** All parameters of this module and its descendants, each once, in registration order. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name ({@code "0.weight"}), each tensor once, in registration order. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect("", out, seen, true);
        return out;
    }

    public List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()), false);
        return out;
    }

    private void collect(String prefix, Map<String, Tensor> out, Set<Tensor> seen, boolean params) {
        for (var e : (params ? parameters : buffers).entrySet()) {
            if (e.getValue() != null && seen.add(e.getValue())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (var e : modules.entrySet()) {
            if (e.getValue() != null) {
                e.getValue().collect(prefix + e.getKey() + ".", out, seen, params);
            }
        }
    }

    /** The direct submodules, in registration order. */
    public List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    public Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        modules.forEach((k, m) -> {
            if (m != null) {
                out.put(k, m);
            }
        });
        return out;
    }

    /** This module and all its descendants, depth first ({@code ""} names this module). */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        namedModules("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void namedModules(String prefix, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        out.put(prefix, this);
        modules.forEach((k, m) -> {
            if (m != null) {
                m.namedModules(prefix.isEmpty() ? k : prefix + "." + k, out, seen);
            }
        });
    }

    public List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /** Calls fn on every submodule (children first) and then on this module, as {@code module.apply(fn)}. */
    public Module apply(Consumer<Module> fn) {
        for (Module m : children()) {
            m.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    // ---------------------------------------------------------------- modes and gradients

    /** Sets training mode here and in every submodule (Dropout drops only in training); returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : children()) {
            m.train(mode);
        }
        return this;
    }

    public Module train() {
        return train(true);
    }

    /** {@code train(false)}. */
    public Module eval() {
        return train(false);
    }

    public boolean isTraining() {
        return training;
    }

    /**
     * Zeroes every parameter's gradient in place, as PyTorch 1.13's {@code zero_grad()}
     * ({@code set_to_none=False}); {@code zeroGrad(true)} drops them instead.
     */
    public void zeroGrad() {
        zeroGrad(false);
    }

    public void zeroGrad(boolean setToNone) {
        Parameter.zeroGrads(parameters(), setToNone);
    }

    /** Sets requires_grad on every parameter ({@code requires_grad_}); returns this. */
    public Module requiresGrad_(boolean requires) {
        for (Tensor p : parameters()) {
            p.requiresGrad_(requires);
        }
        return this;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * Parameters and buffers by dotted name, in registration order, detached (they share storage
     * with the module's tensors, as PyTorch's).
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        stateDict("", out);
        return out;
    }

    private void stateDict(String prefix, Map<String, Tensor> out) {
        parameters.forEach((k, p) -> {
            if (p != null) {
                out.put(prefix + k, p.detach());
            }
        });
        buffers.forEach((k, b) -> {
            if (b != null) {
                out.put(prefix + k, b.detach());
            }
        });
        modules.forEach((k, m) -> {
            if (m != null) {
                m.stateDict(prefix + k + ".", out);
            }
        });
    }

    /** The keys {@link #loadStateDict} found missing from the dict or not in the model. */
    public record IncompatibleKeys(List<String> missingKeys, List<String> unexpectedKeys) {
        @Override
        public String toString() {
            if (missingKeys.isEmpty() && unexpectedKeys.isEmpty()) {
                return "<All keys matched successfully>";
            }
            return "_IncompatibleKeys(missing_keys=" + pyList(missingKeys) + ", unexpected_keys=" + pyList(unexpectedKeys) + ")";
        }
    }

    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) {
        return loadStateDict(stateDict, true);
    }

    /**
     * Copies the dict's tensors into this module's parameters and buffers (shapes must match;
     * dtypes are converted). With {@code strict}, missing and unexpected keys are errors, reported
     * with PyTorch's text. Unlike PyTorch, nothing is copied when there is an error: the model is
     * never left half loaded.
     *
     * @throws IllegalStateException "Error(s) in loading state_dict for Sequential: ..."
     */
    public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<Tensor, Tensor> copies = new LinkedHashMap<>();
        check("", stateDict, missing, unexpected, errors, copies);
        if (strict) {
            if (!unexpected.isEmpty()) {
                errors.addFirst("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
            }
            if (!missing.isEmpty()) {
                errors.addFirst("Missing key(s) in state_dict: " + quoted(missing) + ". ");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Error(s) in loading state_dict for " + name() + ":\n\t" + String.join("\n\t", errors));
        }
        try (var g = Autograd.noGrad()) {
            copies.forEach(Tensor::copy_);
        }
        return new IncompatibleKeys(missing, unexpected);
    }

    /** Collects missing and unexpected keys whether or not strict, as PyTorch (strict only decides whether they are errors). */
    private void check(String prefix, Map<String, Tensor> dict, List<String> missing, List<String> unexpected,
                       List<String> errors, Map<Tensor, Tensor> copies) {
        Map<String, Tensor> local = new LinkedHashMap<>();
        parameters.forEach((k, p) -> {
            if (p != null) {
                local.put(k, p);
            }
        });
        buffers.forEach((k, b) -> {
            if (b != null) {
                local.put(k, b);
            }
        });
        local.forEach((name, mine) -> {
            String key = prefix + name;
            Tensor given = dict.get(key);
            if (given == null) {
                if (dict.containsKey(key)) {
                    errors.add("While copying the parameter named \"" + key + "\", expected torch.Tensor or Tensor-like object "
                            + "from checkpoint but received <class 'NoneType'>");
                } else {
                    missing.add(key);
                }
                return;
            }
            if (!Arrays.equals(given.shape(), mine.shape())) {
                errors.add("size mismatch for " + key + ": copying a param with shape " + torchSize(given.shape())
                        + " from checkpoint, the shape in current model is " + torchSize(mine.shape()) + ".");
                return;
            }
            copies.put(mine, given);
        });
        for (String key : dict.keySet()) {
            if (key.startsWith(prefix)) {
                String first = key.substring(prefix.length()).split("\\.", 2)[0];
                if (!modules.containsKey(first) && !local.containsKey(first)) {
                    unexpected.add(key);
                }
            }
        }
        modules.forEach((k, m) -> {
            if (m != null) {
                m.check(prefix + k + ".", dict, missing, unexpected, errors, copies);
            }
        });
    }

    // ---------------------------------------------------------------- printing

    /** The class name PyTorch prints ({@code Linear}, {@code Sequential}, ...). */
    protected String name() {
        return getClass().getSimpleName();
    }

    /** The arguments shown between the parentheses, as PyTorch's {@code extra_repr()}; empty by default. */
    protected String extraRepr() {
        return "";
    }

    /**
     * PyTorch's module repr: {@code Linear(in_features=4, out_features=3, bias=True)}, or the
     * children one per line, indented by two spaces per level.
     */
    @Override
    public String toString() {
        String extra = extraRepr();
        List<String> extraLines = extra.isEmpty() ? List.of() : List.of(extra.split("\n", -1));
        List<String> childLines = new ArrayList<>();
        modules.forEach((k, m) -> childLines.add("(" + k + "): " + String.valueOf(m).replace("\n", "\n  ")));
        StringBuilder s = new StringBuilder(name()).append('(');
        if (extraLines.size() == 1 && childLines.isEmpty()) {
            s.append(extraLines.getFirst());
        } else if (!extraLines.isEmpty() || !childLines.isEmpty()) {
            List<String> lines = new ArrayList<>(extraLines);
            lines.addAll(childLines);
            s.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        }
        return s.append(')').toString();
    }

    static String torchSize(long[] shape) {
        StringBuilder s = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append("])").toString();
    }

    private static String quoted(List<String> keys) {
        return String.join(", ", keys.stream().map(k -> "\"" + k + "\"").toList());
    }

    private static String pyList(List<String> keys) {
        return "[" + String.join(", ", keys.stream().map(k -> "'" + k + "'").toList()) + "]";
    }
}
