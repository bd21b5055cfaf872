package org.vectorgrad;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs backward passes. The whole algorithm:
 *
 * <pre>
 * backward(roots, grads):
 *   dependencies[n] = number of edges into n, for every node n reachable from the roots
 *   buffer[root's node] += grad, for each root
 *   ready = the roots' nodes without dependencies, a queue giving the latest-created node first (as PyTorch)
 *   while ready is not empty:
 *     fn = ready.poll(); g = buffer.remove(fn)
 *     if fn is a leaf's AccumulateGrad: leaf.grad += g; continue
 *     out = fn.apply(g), each reduced to its input's shape and cast to its dtype
 *     free fn's saved tensors unless retainGraph
 *     for each edge e of fn: buffer[e.node] += out[e]; if --dependencies[e.node] == 0: ready.add(e.node)
 *     spare each array of g that is now dead (see below)
 * </pre>
 *
 * <p>Recycling, without create_graph only: the pass counts, per storage array, the gradients it has
 * handed out and not yet consumed ({@code storageRefs}). When a node has run, its incoming gradients
 * are consumed; an array whose count drops to 0 and that this pass allocated itself (so no user
 * tensor, saved tensor or graph input can hold it) is dead, and becomes a spare that the next
 * allocation of its dtype and size whose kernel overwrites every element takes instead of a fresh,
 * zeroed array ({@link Tensor#emptyOverwritten}), as PyTorch's caching allocator hands back the block
 * just freed. Gradients handed to a leaf, captured by {@code Autograd.grad} or passed by the user are
 * never consumed, so never spared; storage shared by an output of the node (a view or reshape of the
 * gradient) keeps its count. A node also releases ({@link #release}) a formula's own full-size result once
 * it has summed it down to a broadcast input's shape, before its other formulas run ({@code Derivative.Node}).
 *
 * Iterative, not recursive, so graphs of any depth work. {@code Autograd.grad} runs the same loop
 * but captures the gradients arriving at its inputs' edges instead of accumulating them
 * ({@link Task#capture}), and applies only nodes from which such an edge is reachable.
 */
final class Engine {
    private Engine() {
    }

    private static final System.Logger LOG = System.getLogger("org.vectorgrad");

    /**
     * Arrays shorter than this are neither noted nor recycled: zeroing 4,096 floats costs about 1 µs,
     * and below that the bookkeeping (map entries: 0.8 KiB a step of the polynomial tutorial, whose
     * 2,000-element tensors had nothing to recycle, at 1,024) buys little.
     */
    static final int MIN_RECYCLED = 4096;

    /** The pass running on this thread without create_graph, or null: it notes allocations and holds the spares. */
    private static final ThreadLocal<Task> RECYCLING = new ThreadLocal<>();

    /** Notes an array of at least {@link #MIN_RECYCLED} elements allocated on this thread: a running pass may recycle it. */
    static void noteAllocated(Object array) {
        Task t = RECYCLING.get();
        if (t != null) {
            if (t.allocated == null) {
                t.allocated = new java.util.WeakHashMap<>(8);
            }
            t.allocated.put(array, Boolean.TRUE);
        }
    }

    /** A dead array of n elements of dtype that the pass running on this thread recycled, or null. */
    static Object spare(DType dtype, int n) {
        Task t = RECYCLING.get();
        return t == null ? null : t.takeSpare(dtype, n);
    }

    /**
     * A formula's own temporary that is dead now (summed down to its input's shape, so nothing reads it
     * again): the pass running on this thread takes its array as a spare when it allocated that array
     * itself and holds no gradient over it.
     */
    static void release(Tensor temp) {
        Task t = RECYCLING.get();
        if (t != null) {
            t.spareIfDead(temp.buffer());
        }
    }

    static void backward(Tensor[] roots, Tensor[] grads, boolean keepGraph, boolean createGraph) {
        if (createGraph) {
            LOG.log(System.Logger.Level.WARNING, Autograd.BACKWARD_CREATE_GRAPH_WARNING);
        }
        new Engine.Task(keepGraph, createGraph, null).run(roots, grads);
    }

    static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs, boolean keepGraph, boolean createGraph,
                         boolean allowUnused) {
        Task task = new Task(keepGraph, createGraph, edgesOf(inputs));
        task.run(outputs, gradOutputs == null ? new Tensor[outputs.length] : gradOutputs);
        if (!allowUnused) {
            checkAllReached(task.captured);
        }
        return task.captured;
    }

    /** The edges whose gradients {@code Autograd.grad} returns: where each input's gradient would go. */
    private static GradFn.Edge[] edgesOf(Tensor[] inputs) {
        GradFn.Edge[] edges = new GradFn.Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) {
                throw new IllegalStateException("One of the differentiated Tensors does not require grad");
            }
            edges[i] = inputs[i].gradientEdge();
        }
        return edges;
    }

    private static void checkAllReached(Tensor[] captured) {
        for (Tensor g : captured) {
            if (g == null) {
                throw new IllegalStateException(Messages.withJava("One of the differentiated Tensors appears to not have been "
                        + "used in the graph. Set allow_unused=True if this is the desired behavior.",
                        "Autograd.grad(outputs, inputs, gradOutputs, retainGraph, createGraph, true)"));
            }
        }
    }

    /** The state of one backward pass. */
    private static final class Task {
        private final boolean keepGraph;
        private final boolean createGraph;
        /** For {@code Autograd.grad}: the edges whose gradients are returned instead of accumulated. */
        private final GradFn.Edge[] captures;
        private final Tensor[] captured;
        private final Map<GradFn, Integer> dependencies = new IdentityHashMap<>();
        private final Map<GradFn, Tensor[]> buffers = new IdentityHashMap<>();
        /** How many places each gradient tensor was handed to; a leaf adopts only those handed once. */
        private final Map<Tensor, Integer> handedOut = new IdentityHashMap<>();
        /** The storage ranges {@code [start, end)} of views leaves adopted, per base: adopted views never overlap. */
        private final Map<Tensor, java.util.List<int[]>> adoptedViews = new IdentityHashMap<>();
        private Map<GradFn, Boolean> needed;
        /**
         * Per storage array (of at least MIN_RECYCLED elements): gradients over it handed out and not yet
         * consumed. Made on first need, as the next two: a pass over small tensors pays for none of them.
         */
        private Map<Object, Integer> storageRefs;
        /**
         * The arrays allocated on this thread while this pass ran: only these may be recycled. Weak, so
         * that a long pass keeps no dead temporary alive (an array's equals and hashCode are identity's).
         */
        private Map<Object, Boolean> allocated;
        /** Dead arrays waiting for an allocation of their dtype and size; a few at most, the rest left to the GC. */
        private Object[] spares;
        private int spareCount;

        Task(boolean keepGraph, boolean createGraph, GradFn.Edge[] captures) {
            this.keepGraph = keepGraph;
            this.createGraph = createGraph;
            this.captures = captures;
            this.captured = captures == null ? null : new Tensor[captures.length];
        }

        void run(Tensor[] roots, Tensor[] grads) {
            GradFn.Edge[] rootEdges = new GradFn.Edge[roots.length];
            Tensor[] rootGrads = new Tensor[roots.length];
            for (int i = 0; i < roots.length; i++) {
                Tensor r = roots[i];
                if (!r.requiresGrad()) {
                    throw new IllegalStateException("element " + i + " of tensors does not require grad and does not have a grad_fn");
                }
                rootGrads[i] = rootGradient(r, grads[i], i);
                rootEdges[i] = r.gradientEdge();
            }
            countDependencies(rootEdges);
            if (captures != null) {
                markNeeded(rootEdges);
            }
            Task outer = RECYCLING.get();
            RECYCLING.set(createGraph ? null : this);
            try (var mode = Autograd.setGradEnabled(createGraph)) {
                PriorityQueue<GradFn> ready = new PriorityQueue<>((a, b) -> Long.compare(b.sequenceNr, a.sequenceNr));
                for (int i = 0; i < roots.length; i++) {
                    hand(rootGrads[i], 2);   // the user's (or the implicit ones): seen outside this pass
                    addToBuffer(rootEdges[i], rootGrads[i]);
                }
                for (GradFn.Edge e : rootEdges) {
                    if (dependencies.get(e.function()) == 0 && !ready.contains(e.function())) {
                        ready.add(e.function());
                    }
                }
                while (!ready.isEmpty()) {
                    GradFn fn = ready.poll();
                    Tensor[] inputs = buffers.remove(fn);
                    execute(fn, inputs == null ? new Tensor[fn.numOutputs()] : inputs, ready);
                }
            } finally {
                RECYCLING.set(outer);
            }
        }

        private Tensor rootGradient(Tensor root, Tensor g, int i) {
            if (g == null) {
                if (root.numel() != 1) {
                    throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
                }
                return Tensor.full(root.dtype(), 1, root.shape());
            }
            if (!Arrays.equals(g.layout().shape(), root.layout().shape())) {
                throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of "
                        + org.vectorgrad.format.TensorFormatter.size(g.shape()) + " and output[" + i + "] has a shape of "
                        + org.vectorgrad.format.TensorFormatter.size(root.shape()) + ".");
            }
            return g.dtype() == root.dtype() ? g : g.to(root.dtype());
        }

        private void countDependencies(GradFn.Edge[] rootEdges) {
            ArrayDeque<GradFn> stack = new ArrayDeque<>();
            for (GradFn.Edge e : rootEdges) {
                if (dependencies.putIfAbsent(e.function(), 0) == null) {
                    stack.push(e.function());
                }
            }
            while (!stack.isEmpty()) {
                GradFn fn = stack.pop();
                for (GradFn.Edge e : fn.next) {
                    GradFn f = e.function();
                    if (f == null) {
                        continue;
                    }
                    Integer before = dependencies.put(f, dependencies.getOrDefault(f, 0) + 1);
                    if (before == null) {
                        stack.push(f);
                    }
                }
            }
        }

        /** For {@code Autograd.grad}: a node runs only if some captured edge is reachable from it. */
        private void markNeeded(GradFn.Edge[] rootEdges) {
            needed = new IdentityHashMap<>();
            Map<GradFn, Boolean> isCapture = new IdentityHashMap<>();
            for (GradFn.Edge c : captures) {
                isCapture.put(c.function(), true);
            }
            // Post-order over the graph without recursion: a node is needed if it is captured or any child is.
            ArrayDeque<GradFn> stack = new ArrayDeque<>();
            for (GradFn.Edge e : rootEdges) {
                stack.push(e.function());
            }
            Map<GradFn, Integer> state = new IdentityHashMap<>();
            while (!stack.isEmpty()) {
                GradFn fn = stack.peek();
                if (state.putIfAbsent(fn, 1) == null) {
                    for (GradFn.Edge e : fn.next) {
                        if (e.function() != null && !state.containsKey(e.function())) {
                            stack.push(e.function());
                        }
                    }
                    continue;
                }
                stack.pop();
                boolean n = isCapture.containsKey(fn);
                for (GradFn.Edge e : fn.next) {
                    n |= e.function() != null && needed.getOrDefault(e.function(), false);
                }
                needed.put(fn, n);
            }
        }

        private void execute(GradFn fn, Tensor[] grads, PriorityQueue<GradFn> ready) {
            if (captures != null) {
                capture(fn, grads);
            }
            keepRetainedGrads(fn, grads);
            if (fn instanceof AccumulateGrad acc) {
                if (captures == null && grads[0] != null) {
                    if (!acc.accumulate(grads[0], mayAdopt(grads[0]), createGraph)) {
                        consume(grads[0]);   // copied, or added into the grad the leaf had
                    }
                }
                return;
            }
            Tensor[] outputs = new Tensor[fn.next.length];
            if (needed == null || needed.getOrDefault(fn, false)) {
                outputs = Autograd.isAnomalyEnabled() ? applyDetectingAnomaly(fn, grads) : apply(fn, grads);
            }
            if (!keepGraph) {
                fn.releaseSaved();
            }
            for (int i = 0; i < fn.next.length; i++) {
                GradFn.Edge e = fn.next[i];
                if (e.function() == null) {
                    continue;
                }
                if (outputs[i] != null) {
                    hand(outputs[i], 1);
                    addToBuffer(e, outputs[i]);
                }
                int left = dependencies.merge(e.function(), -1, Integer::sum);
                if (left == 0) {
                    ready.add(e.function());
                }
            }
            // fn's incoming gradients are consumed only now, after its outputs (which may share their
            // storage: a reshape of the gradient) were counted
            for (Tensor g : grads) {
                if (g != null) {
                    consume(g);
                }
            }
        }

        /** Counts gradient g as handed out {@code times} more times (to a node's buffer, or the user's root gradient). */
        private void hand(Tensor g, int times) {
            handedOut.merge(g, times, Integer::sum);
            Object b = g.buffer();
            if (!createGraph && Buffers.length(b) >= MIN_RECYCLED) {
                if (storageRefs == null) {
                    storageRefs = new IdentityHashMap<>(8);
                }
                storageRefs.merge(b, times, Integer::sum);
            }
        }

        /**
         * Gradient g is no longer referenced by this pass (its node ran, or it was summed into another):
         * when no other gradient handed out shares its storage and this pass allocated that storage,
         * nothing else can reach it, and it becomes a spare.
         */
        private void consume(Tensor g) {
            Object b = g.buffer();
            Integer refs = storageRefs == null ? null : storageRefs.get(b);
            if (refs == null) {
                return;   // not counted: small, or under create_graph
            }
            if (refs > 1) {
                storageRefs.put(b, refs - 1);
                return;
            }
            storageRefs.remove(b);
            spareIfDead(b);
        }

        /** Array b becomes a spare if this pass allocated it and no gradient handed out is over it. */
        void spareIfDead(Object b) {
            if (allocated != null && allocated.containsKey(b) && (storageRefs == null || !storageRefs.containsKey(b))) {
                if (spares == null) {
                    spares = new Object[4];
                }
                for (int i = 0; i < spareCount; i++) {
                    if (spares[i] == b) {
                        return;
                    }
                }
                if (spareCount < spares.length) {
                    spares[spareCount++] = b;
                }
            }
        }

        /** A spare array of n elements of dtype, no longer a spare; null if there is none. */
        Object takeSpare(DType dtype, int n) {
            for (int i = 0; i < spareCount; i++) {
                Object a = spares[i];
                if (Buffers.holds(a, dtype, n)) {
                    spares[i] = spares[--spareCount];
                    spares[spareCount] = null;
                    return a;
                }
            }
            return null;
        }

        /** For {@code Autograd.grad}: sums the gradients arriving at fn along a captured edge into the results. */
        private void capture(GradFn fn, Tensor[] grads) {
            for (int i = 0; i < captures.length; i++) {
                GradFn.Edge c = captures[i];
                Tensor g = grads[c.inputNr()];
                if (c.function() == fn && g != null) {
                    if (captured[i] == null) {
                        hand(g, 1);   // returned to the caller: never consumed, so never recycled
                        captured[i] = g;
                    } else {
                        captured[i] = captured[i].add(g);
                    }
                }
            }
        }

        /** Stores the gradients of fn's outputs that asked for {@code retainGrad()}. */
        private void keepRetainedGrads(GradFn fn, Tensor[] grads) {
            for (Tensor t : fn.retained()) {
                Tensor g = grads[t.outputNr()];
                if (g != null && t.gradFnRaw() == fn) {
                    Tensor kept = createGraph ? g : OpSupport.copyOf(g);
                    t.setGradRaw(t.gradRaw() == null ? kept : t.gradRaw().add(kept));
                }
            }
        }

        /**
         * The gradient-stealing check: this pass holds the only reference to gradient g (handed to one
         * place only, no view and without views), so a leaf may adopt it as its grad without a copy and
         * a node's buffer may sum into it in place.
         */
        private boolean isOnlyReference(Tensor g) {
            return handedOut.getOrDefault(g, 0) == 1 && g.base() == null && !g.hasViews();
        }

        /**
         * Whether a leaf may take g as its grad without a copy, as PyTorch's AccumulateGrad steals a
         * gradient no other tensor object references: a fresh tensor this pass holds the only reference
         * to, filling its whole storage; or a view handed to this leaf alone (cat's narrow, stack's
         * select, view's reshape of the gradient), dense, over storage no other adopted view covers.
         * So x.grad may share storage with the upstream gradient, even one the user passed to
         * backward, as in PyTorch (there {@code x.grad.data_ptr()} is the gradient's).
         */
        private boolean mayAdopt(Tensor g) {
            if (g.base() == null) {
                return isOnlyReference(g) && g.layout().offset() == 0 && Buffers.length(g.buffer()) == g.layout().size();
            }
            if (handedOut.getOrDefault(g, 0) != 1 || g.hasViews() || !g.layout().isNonOverlappingAndDense()) {
                return false;
            }
            int start = g.layout().offset();
            int end = start + g.layout().size();
            java.util.List<int[]> taken = adoptedViews.computeIfAbsent(g.base(), b -> new java.util.ArrayList<>());
            for (int[] r : taken) {
                if (start < r[1] && r[0] < end) {
                    return false;
                }
            }
            taken.add(new int[] {start, end});
            return true;
        }

        private static Tensor[] apply(GradFn fn, Tensor[] grads) {
            Tensor[] outputs = fn.apply(grads);
            validate(fn, outputs);
            return outputs;
        }

        /** PyTorch's anomaly mode around one node: NaN in a gradient is an error; an error names the node's forward call. */
        private static Tensor[] applyDetectingAnomaly(GradFn fn, Tensor[] grads) {
            try {
                Tensor[] outputs = apply(fn, grads);
                for (int i = 0; i < outputs.length; i++) {
                    Tensor g = outputs[i];
                    if (g != null && g.dtype().isFloatingPoint() && g.ne(g).any().isTrue()) {
                        throw new IllegalStateException("Function '" + fn.name() + "' returned nan values in its " + i
                                + "th output.");
                    }
                }
                return outputs;
            } catch (RuntimeException e) {
                fn.reportAnomaly(e);
                throw e;
            }
        }

        /** Reduces each gradient to its input's shape (undoing broadcasting) and casts it to the input's dtype. */
        private static void validate(GradFn fn, Tensor[] outputs) {
            for (int i = 0; i < outputs.length; i++) {
                Tensor g = outputs[i];
                if (g == null) {
                    continue;
                }
                GradFn.InputMeta m = fn.inputMeta[i];
                if (!Arrays.equals(g.layout().shape(), m.shape())) {
                    if (!ReductionOps.expandableTo(m.shape(), g.layout().shape())) {
                        throw new IllegalStateException("Function " + fn.name() + " returned an invalid gradient at index " + i
                                + " - got " + Shapes.str(g.layout().shape()) + " but expected shape compatible with "
                                + Shapes.str(m.shape()));
                    }
                    g = ReductionOps.sumTo(g, m.shape());
                }
                if (g.dtype() != m.dtype()) {
                    g = g.to(m.dtype());
                }
                outputs[i] = g;
            }
        }

        /**
         * Sums the gradients that reach one input of a node. As PyTorch's InputBuffer, the sum goes into
         * the first gradient in place when the engine holds its only reference (handed out once, not a
         * view, no history), else into the second on the same terms; otherwise a new tensor, so a
         * gradient seen elsewhere is never changed.
         */
        private void addToBuffer(GradFn.Edge e, Tensor g) {
            Tensor[] buf = buffers.computeIfAbsent(e.function(), f -> new Tensor[Math.max(f.numOutputs(), e.inputNr() + 1)]);
            Tensor old = buf[e.inputNr()];
            if (old == null) {
                buf[e.inputNr()] = g;
            } else if (maySumInto(old, g)) {
                try (var ignored = Autograd.noGrad()) {
                    old.add_(g);
                }
                consume(g);
            } else if (maySumInto(g, old)) {
                // the first gradient is seen elsewhere (the user's, or handed to two places) but this one
                // is the engine's own: the same sum (addition commutes: the same bits) into it
                try (var ignored = Autograd.noGrad()) {
                    buf[e.inputNr()] = g.add_(old);
                }
                consume(old);
            } else {
                Tensor sum = old.add(g);
                buf[e.inputNr()] = sum;
                hand(sum, 1);
                consume(old);
                consume(g);
            }
        }

        /**
         * Whether {@code into + other} may be written over {@code into}: the engine's own (no other
         * gradient handed out shares its storage), dense, of the same shape and dtype.
         */
        private boolean maySumInto(Tensor into, Tensor other) {
            return isOnlyReference(into) && (storageRefs == null || storageRefs.getOrDefault(into.buffer(), 1) == 1)
                    && !createGraph && !into.requiresGrad() && into.dtype() == other.dtype()
                    && Arrays.equals(into.layout().shape(), other.layout().shape())
                    && into.layout().isNonOverlappingAndDense();
        }
    }

}
