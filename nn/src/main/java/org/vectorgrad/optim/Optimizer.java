package org.vectorgrad.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;

/**
 * {@code torch.optim.Optimizer}: parameter groups, each with its own options (PyTorch's names:
 * {@code "lr"}, {@code "momentum"}, {@code "betas"}, ...), per-parameter state, {@link #step()}
 * and {@link #zeroGrad()}. Updates are whole-tensor in-place ops under no-grad, one pass per
 * parameter and operation, as PyTorch's single-tensor path (its default on CPU in 1.13).
 *
 * <pre>{@code
 * Optimizer opt = new SGD(List.of(
 *         new ParamGroup(model.get(0).parameters()),
 *         new ParamGroup(model.get(2).parameters()).set("lr", 1e-3)), 0.1);
 * opt.zeroGrad(); loss.backward(); opt.step();
 * }</pre>
 */
public abstract class Optimizer {
    /** One group of parameters and its options; options not set take the optimizer's defaults. */
    public static final class ParamGroup {
        private final List<Tensor> params;
        private final Map<String, Object> options = new LinkedHashMap<>();

        public ParamGroup(List<Tensor> params) {
            this.params = List.copyOf(params);
        }

        /** Sets an option ({@code "lr"}, {@code "weight_decay"}, ...); returns this. */
        public ParamGroup set(String option, Object value) {
            options.put(option, value);
            return this;
        }

        public List<Tensor> params() {
            return params;
        }

        /** The options, in PyTorch's order, without {@code "params"}. */
        public Map<String, Object> options() {
            return Collections.unmodifiableMap(options);
        }

        public Object get(String option) {
            if (!options.containsKey(option)) {
                throw new IllegalArgumentException("parameter group has no option '" + option + "'");
            }
            return options.get(option);
        }

        public double getDouble(String option) {
            return ((Number) get(option)).doubleValue();
        }

        public boolean getBoolean(String option) {
            return (Boolean) get(option);
        }

        public double lr() {
            return getDouble("lr");
        }

        public void setLr(double lr) {
            options.put("lr", lr);
        }
    }

    private final Map<String, Object> defaults;
    private final List<ParamGroup> paramGroups = new ArrayList<>();
    /** Per-parameter state ({@code "momentum_buffer"}, {@code "exp_avg"}, ...), by identity. */
    private final Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();
    private int stepCount;

    /**
     * @param params a list of parameters (one group) or of {@link ParamGroup}s
     * @param defaults the options of a group that does not set them, in PyTorch's order
     */
    protected Optimizer(List<?> params, Map<String, Object> defaults) {
        this.defaults = new LinkedHashMap<>(defaults);
        if (params.isEmpty()) {
            throw new IllegalArgumentException("optimizer got an empty parameter list");
        }
        if (params.getFirst() instanceof ParamGroup) {
            for (Object g : params) {
                if (!(g instanceof ParamGroup pg)) {
                    throw new IllegalArgumentException("optimizer parameters must all be tensors or all be parameter groups");
                }
                addParamGroup(pg);
            }
        } else {
            List<Tensor> ts = new ArrayList<>();
            for (Object p : params) {
                if (!(p instanceof Tensor t)) {
                    throw new IllegalArgumentException("optimizer can only optimize Tensors, but one of the params is "
                            + (p == null ? "None" : p.getClass().getName()));
                }
                ts.add(t);
            }
            addParamGroup(new ParamGroup(ts));
        }
    }

    /** Adds a group; unset options take the defaults. A parameter may be in one group only. */
    public void addParamGroup(ParamGroup group) {
        for (Tensor p : group.params) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        defaults.forEach((k, v) -> merged.put(k, group.options.getOrDefault(k, v)));
        group.options.forEach(merged::putIfAbsent);
        group.options.clear();
        group.options.putAll(merged);
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : paramGroups) {
            seen.addAll(g.params);
        }
        for (Tensor p : group.params) {
            if (!seen.add(p)) {
                throw new IllegalArgumentException("some parameters appear in more than one parameter group");
            }
        }
        paramGroups.add(group);
    }

    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(paramGroups);
    }

    /** The state of one parameter (created empty on first use). */
    protected Map<String, Object> state(Tensor p) {
        return state.computeIfAbsent(p, k -> new LinkedHashMap<>());
    }

    /** Zeroes the gradients in place, as PyTorch 1.13's {@code zero_grad()} ({@code set_to_none=False}). */
    public void zeroGrad() {
        zeroGrad(false);
    }

    /** With setToNone, drops the gradients instead ({@code zero_grad(set_to_none=True)}). */
    public void zeroGrad(boolean setToNone) {
        for (ParamGroup g : paramGroups) {
            for (Tensor p : g.params) {
                Tensor grad = p.grad();
                if (grad == null) {
                    continue;
                }
                if (setToNone) {
                    p.setGrad(null);
                    continue;
                }
                if (grad.gradFn() != null) {
                    grad = grad.detach();
                    p.setGrad(grad);
                }
                try (var ng = Autograd.noGrad()) {
                    grad.zero_();
                }
            }
        }
    }

    /** One update of every parameter that has a gradient, unrecorded. */
    public final void step() {
        try (var g = Autograd.noGrad()) {
            update();
        }
        stepCount++;
    }

    /**
     * Re-evaluates the model through {@code closure} (which must zero the gradients, compute the
     * loss, call backward and return it) as often as the optimizer needs; returns the first loss.
     */
    public Tensor step(Closure closure) {
        Tensor loss;
        try (var g = Autograd.enableGrad()) {
            loss = closure.call();
        }
        step();
        return loss;
    }

    /** The loss function an optimizer such as {@link LBFGS} re-evaluates. */
    @FunctionalInterface
    public interface Closure {
        Tensor call();
    }

    /** Counts a step made by an optimizer that overrides {@link #step(Closure)}. */
    protected void countStep() {
        stepCount++;
    }

    /** How many times {@link #step()} has run (what schedulers check against). */
    public int stepCount() {
        return stepCount;
    }

    /** The update of all groups; runs with grad mode off. */
    protected abstract void update();

    /**
     * {@code optimizer.state_dict()}: {@code "state"} (by parameter index across groups) and
     * {@code "param_groups"} (options with {@code "params"} as indices). The tensors are the
     * optimizer's own, not copies.
     */
    public Map<String, Object> stateDict() {
        Map<Integer, Object> packedState = new LinkedHashMap<>();
        List<Object> groups = new ArrayList<>();
        int index = 0;
        for (ParamGroup g : paramGroups) {
            Map<String, Object> packed = new LinkedHashMap<>(g.options);
            List<Integer> ids = new ArrayList<>();
            for (Tensor p : g.params) {
                if (state.containsKey(p)) {
                    packedState.put(index, state.get(p));
                }
                ids.add(index++);
            }
            packed.put("params", ids);
            groups.add(packed);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", packedState);
        out.put("param_groups", groups);
        return out;
    }

    /** Restores what {@link #stateDict()} returned (group options and per-parameter state, copied). */
    @SuppressWarnings("unchecked")
    public void loadStateDict(Map<String, Object> dict) {
        List<Object> groups = (List<Object>) dict.get("param_groups");
        if (groups.size() != paramGroups.size()) {
            throw new IllegalArgumentException("loaded state dict has a different number of parameter groups");
        }
        List<Tensor> all = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> g = (Map<String, Object>) groups.get(i);
            if (((List<Integer>) g.get("params")).size() != paramGroups.get(i).params.size()) {
                throw new IllegalArgumentException("loaded state dict contains a parameter group that doesn't match the size of "
                        + "optimizer's group");
            }
            all.addAll(paramGroups.get(i).params);
        }
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> g = new LinkedHashMap<>((Map<String, Object>) groups.get(i));
            g.remove("params");
            paramGroups.get(i).options.putAll(g);
        }
        state.clear();
        ((Map<Integer, Object>) dict.get("state")).forEach((i, s) -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) s).forEach((k, v) -> copy.put(k, v instanceof Tensor t ? t.detach().clone() : v));
            state.put(all.get(i), copy);
        });
    }

    /** Defaults in PyTorch's order from alternating names and values: {@code options("lr", 0.1, "momentum", 0.0)}. */
    static Map<String, Object> options(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** PyTorch's check of a non-negative option: {@code Invalid learning rate: -1.0}. */
    static void checkNonNegative(double v, String what) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException("Invalid " + what + ": " + v);
        }
    }
}
