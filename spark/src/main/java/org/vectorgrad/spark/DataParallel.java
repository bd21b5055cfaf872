package org.vectorgrad.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.nn.Loss;
import org.vectorgrad.nn.Module;
import org.vectorgrad.optim.Optimizer;

/**
 * Synchronous data-parallel training on Spark, the pattern of MLlib's gradient descent: at every
 * step the driver broadcasts the parameters flattened into one float array, each partition
 * computes the loss and gradients of its mini-batch with Vectorgrad inside {@code mapPartitions},
 * {@code treeAggregate} sums the flattened gradients, and the driver's optimizer steps. Which
 * examples form a batch is fixed by {@link BatchPlan} (seed, epoch, partition), so a run is
 * reproducible; {@link #fitLocally} replays the same batches in one JVM.
 *
 * <pre>{@code
 * Module model = net.get();                                // the driver's model: the one trained
 * Optimizer opt = new Adam(model.parameters(), 0.01);
 * new DataParallel<>(net, CrossEntropyLoss::new, LabeledExample.collate(2))
 *         .batchSize(32).seed(0)
 *         .fit(examples, model, opt, 20);                  // examples: JavaRDD<LabeledExample>
 * }</pre>
 *
 * <p>A step's gradient is the gradient of the whole step's batch (all partitions' batches together):
 * with a {@code "mean"} loss each partition's gradient is weighted by its batch size and the sum is
 * divided by the step's examples on the driver; with {@code "sum"} the gradients are summed. It
 * differs from the one-JVM gradient of the same batch only by the order of float32 sums (bound in
 * README, "Vectorgrad on Spark"). Parameters must be float32; executors build their model with the
 * factory (whose random initialisation the broadcast parameters replace) once per task thread.
 *
 * <p>Bad input is found before the first update: a first job checks that no partition is empty and
 * collates every example, so an example of the wrong shape is a {@link BadPartitionException}
 * naming its partition and the model is untouched. A failure in a later step leaves the model as
 * the previous step made it: the optimizer steps only after a step's gradients are all summed.
 */
public final class DataParallel<E> {
    private static final Logger LOG = LoggerFactory.getLogger(DataParallel.class);

    private final SerializableSupplier<? extends Module> modelFactory;
    private final SerializableSupplier<? extends Loss> lossFactory;
    private final CollateFn<E> collate;
    private int batchSize = 32;
    private long seed;
    private boolean shuffle = true;
    private int depth = 2;
    private boolean finalAggregateOnExecutor;
    private Consumer<EpochStats> onEpoch = s -> { };

    /**
     * @param modelFactory builds a model of the same structure as the driver's (run on executors)
     * @param lossFactory builds the loss (reduction {@code "mean"} or {@code "sum"})
     * @param collate turns a list of examples into a batch
     */
    public DataParallel(SerializableSupplier<? extends Module> modelFactory, SerializableSupplier<? extends Loss> lossFactory,
            CollateFn<E> collate) {
        this.modelFactory = modelFactory;
        this.lossFactory = lossFactory;
        this.collate = collate;
    }

    /** Examples per partition in one step (default 32): a step sees up to this times the partitions. */
    public DataParallel<E> batchSize(int batchSize) {
        new BatchPlan(batchSize, seed, shuffle); // checks it now, with PyTorch's DataLoader message
        this.batchSize = batchSize;
        return this;
    }

    /** The seed of the examples' order in each epoch (default 0). */
    public DataParallel<E> seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Whether each epoch puts each partition's examples in a new order (default true). */
    public DataParallel<E> shuffle(boolean shuffle) {
        this.shuffle = shuffle;
        return this;
    }

    /** {@code treeAggregate}'s depth (default 2, as MLlib). */
    public DataParallel<E> aggregationDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("aggregation depth must be at least 1, got " + depth);
        }
        this.depth = depth;
        return this;
    }

    /**
     * Whether {@code treeAggregate}'s last sum runs on an executor (default false): one gradient
     * then reaches the driver instead of about {@code sqrt(partitions)}, at the price of one more
     * shuffle per step. For large models (docs/scale-out.md).
     */
    public DataParallel<E> finalAggregateOnExecutor(boolean onExecutor) {
        this.finalAggregateOnExecutor = onExecutor;
        return this;
    }

    /** Called on the driver after each epoch, e.g. to step a learning-rate scheduler. */
    public DataParallel<E> onEpoch(Consumer<EpochStats> listener) {
        this.onEpoch = listener;
        return this;
    }

    public BatchPlan plan() {
        return new BatchPlan(batchSize, seed, shuffle);
    }

    // ---------------------------------------------------------------- on Spark

    /**
     * Trains {@code model} (the driver's, whose parameters {@code optimizer} updates) on
     * {@code data} for {@code epochs} epochs; returns each epoch's statistics, which are also logged.
     *
     * @throws BadPartitionException for an empty partition or an example the collate function or
     *     the model rejects, before any update
     */
    public List<EpochStats> fit(JavaRDD<E> data, Module model, Optimizer optimizer, int epochs) {
        Prepared<E> prep = prepare(data, model);
        try {
            List<EpochStats> stats = new ArrayList<>();
            for (int epoch = 0; epoch < epochs; epoch++) {
                long start = System.nanoTime();
                double loss = 0;
                long examples = 0;
                int steps = prep.steps();
                for (int step = 0; step < steps; step++) {
                    GradientSum sum = gradient(prep, model, epoch, step);
                    optimizer.step();
                    loss += sum.loss;
                    examples += sum.examples;
                }
                EpochStats s = new EpochStats(epoch, prep.meanLoss ? loss / examples : loss, examples, steps,
                        (System.nanoTime() - start) * 1e-9);
                log(s, epochs);
                stats.add(s);
                onEpoch.accept(s);
            }
            return stats;
        } finally {
            prep.cached.unpersist(false);
        }
    }

    /**
     * The distributed {@code loss.backward()} of one step: sets the {@code grad} of the model's
     * trainable parameters to the gradient of step {@code step} of {@code epoch}'s batch and
     * returns that batch's loss, without stepping. {@link #fit} is this followed by
     * {@code optimizer.step()}, step after step.
     */
    public double backward(JavaRDD<E> data, Module model, int epoch, int step) {
        Prepared<E> prep = prepare(data, model);
        try {
            if (step < 0 || step >= prep.steps()) {
                throw new IndexOutOfBoundsException("step " + step + " out of range: an epoch has " + prep.steps() + " steps");
            }
            GradientSum sum = gradient(prep, model, epoch, step);
            return prep.meanLoss ? sum.loss / sum.examples : sum.loss;
        } finally {
            prep.cached.unpersist(false);
        }
    }

    /** The cached partitions, their sizes and what every task needs. */
    private record Prepared<E>(JavaRDD<PartitionData<E>> cached, int[] sizes, Task<E> task, boolean meanLoss,
            List<Tensor> params) {
        int steps() {
            int steps = 0;
            for (int size : sizes) {
                steps = Math.max(steps, task.plan.batches(size));
            }
            return steps;
        }
    }

    /** One partition's examples, kept in executor memory for the whole run, and its batches' shapes. */
    private record PartitionData<E>(int partition, List<E> examples, long[] inputShape, long[] targetShape) implements Serializable {
    }

    private Prepared<E> prepare(JavaRDD<E> data, Module model) {
        Map<String, Tensor> named = trainable(model);
        Loss loss = lossFactory.get();
        boolean meanLoss = switch (loss.reduction) {
            case "mean" -> true;
            case "sum" -> false;
            default -> throw new IllegalArgumentException("data-parallel training needs a loss with reduction 'mean' or 'sum', got '"
                    + loss.reduction + "'");
        };
        long[][] shapes = named.values().stream().map(Tensor::shape).toArray(long[][]::new);
        Task<E> task = new Task<>(UUID.randomUUID().toString(), modelFactory, lossFactory, collate, plan(),
                List.copyOf(named.keySet()), shapes, meanLoss);
        JavaRDD<PartitionData<E>> cached = data.mapPartitionsWithIndex(task::check, true).persist(StorageLevel.MEMORY_ONLY());
        // Every step's tasks would otherwise carry the lineage's partition objects, which for
        // parallelize() hold the examples themselves: truncate it once the partitions are cached.
        if (cached.context().getCheckpointDir().isDefined()) {
            cached.checkpoint();
        } else {
            cached.rdd().localCheckpoint();
        }
        List<long[][]> infos = run(() -> cached.map(p -> new long[][] {{p.partition(), p.examples().size()}, p.inputShape(),
                p.targetShape()}).collect());
        int[] sizes = new int[infos.size()];
        for (long[][] info : infos) {
            int p = (int) info[0][0];
            sizes[p] = (int) info[0][1];
            long[][] first = infos.getFirst();
            for (int k = 1; k <= 2; k++) {
                if (!Arrays.equals(info[k], first[k])) {
                    cached.unpersist(false);
                    String what = k == 1 ? "input" : "target";
                    throw new BadPartitionException(p, "its batches have " + what + " shape " + shapeString(info[k])
                            + " per example but partition " + first[0][0] + "'s have " + shapeString(first[k]));
                }
            }
        }
        return new Prepared<>(cached, sizes, task, meanLoss, List.copyOf(named.values()));
    }

    /** Runs one step's job and sets the driver model's gradients; the caller steps the optimizer. */
    private GradientSum gradient(Prepared<E> prep, Module model, int epoch, int step) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(prep.cached.context());
        Broadcast<float[]> bc = jsc.broadcast(flatten(prep.params));
        try {
            Task<E> task = prep.task;
            GradientSum sum = run(() -> prep.cached
                    .mapPartitionsWithIndex((p, it) -> task.gradient(bc.value(), epoch, step, it), true)
                    .treeAggregate(new GradientSum(), GradientSum::merge, GradientSum::merge, depth, finalAggregateOnExecutor));
            setGrads(prep, sum);
            return sum;
        } finally {
            bc.destroy();
        }
    }

    private static <E> void setGrads(Prepared<E> prep, GradientSum sum) {
        float[] g = sum.grad;
        double scale = prep.meanLoss ? 1.0 / sum.examples : 1.0;
        int offset = 0;
        for (Tensor p : prep.params) {
            int n = Math.toIntExact(p.numel());
            float[] pg = new float[n];
            for (int i = 0; i < n; i++) {
                pg[i] = (float) (g[offset + i] * scale);
            }
            p.setGrad(Tensor.from(pg, p.shape()));
            offset += n;
        }
    }

    // ---------------------------------------------------------------- in one JVM

    /**
     * The same training in one JVM: step {@code k} of an epoch collates batch {@code k} of every
     * partition (in partition order) into one batch and runs forward, backward and
     * {@code optimizer.step()} on it, as a plain training loop would. {@code partitions} are the
     * RDD's partitions ({@code rdd.glom().collect()}).
     */
    public List<EpochStats> fitLocally(List<List<E>> partitions, Module model, Optimizer optimizer, int epochs) {
        BatchPlan plan = plan();
        Loss loss = lossFactory.get();
        List<Tensor> params = List.copyOf(trainable(model).values());
        int steps = 0;
        for (List<E> part : partitions) {
            steps = Math.max(steps, plan.batches(part.size()));
        }
        List<EpochStats> stats = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            double total = 0;
            long examples = 0;
            for (int step = 0; step < steps; step++) {
                List<E> batch = new ArrayList<>();
                for (int p = 0; p < partitions.size(); p++) {
                    List<E> part = partitions.get(p);
                    for (int i : plan.batch(epoch, p, part.size(), step)) {
                        batch.add(part.get(i));
                    }
                }
                Batch b = collate.collate(batch);
                for (Tensor p : params) {
                    p.setGrad(null);
                }
                Tensor l = loss.forward(model.forward(b.input()), b.target());
                l.backward();
                optimizer.step();
                total += loss.reduction.equals("mean") ? l.item() * batch.size() : l.item();
                examples += batch.size();
            }
            EpochStats s = new EpochStats(epoch, loss.reduction.equals("mean") ? total / examples : total, examples, steps,
                    (System.nanoTime() - start) * 1e-9);
            stats.add(s);
            onEpoch.accept(s);
        }
        return stats;
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Tensor> trainable(Module model) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        model.namedParameters().forEach((name, p) -> {
            if (p.requiresGrad()) {
                if (p.dtype() != DType.FLOAT32) {
                    throw new IllegalArgumentException("data-parallel training supports float32 parameters; '" + name + "' is "
                            + p.dtype().pyName());
                }
                named.put(name, p);
            }
        });
        if (named.isEmpty()) {
            throw new IllegalArgumentException("the model has no parameters that require grad");
        }
        return named;
    }

    private static float[] flatten(List<Tensor> params) {
        long total = 0;
        for (Tensor p : params) {
            total += p.numel();
        }
        float[] flat = new float[Math.toIntExact(total)];
        int offset = 0;
        for (Tensor p : params) {
            float[] v = p.detach().toFloatArray();
            System.arraycopy(v, 0, flat, offset, v.length);
            offset += v.length;
        }
        return flat;
    }

    private static void log(EpochStats s, int epochs) {
        LOG.info(String.format(java.util.Locale.ROOT, "epoch %d/%d: loss %.6f, %.0f examples/s (%d examples, %d steps, %.3f s)",
                s.epoch() + 1, epochs, s.loss(), s.examplesPerSecond(), s.examples(), s.steps(), s.seconds()));
    }

    static String shapeString(long[] shape) {
        return Arrays.toString(shape);
    }

    /** Runs a Spark action; a {@link BadPartitionException} from an executor is rethrown as itself. */
    private static <T> T run(Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) { // SparkException is checked, but Scala throws it undeclared
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof BadPartitionException bad) {
                    if (bad == e) {
                        throw bad;
                    }
                    throw new BadPartitionException(bad, e);
                }
            }
            throw e;
        }
    }

    /**
     * What the executors run: serializable, and holding nothing of the driver but factories, the
     * batch plan and the parameters' names and shapes.
     */
    private record Task<E>(String run, SerializableSupplier<? extends Module> modelFactory,
            SerializableSupplier<? extends Loss> lossFactory, CollateFn<E> collate, BatchPlan plan, List<String> names,
            long[][] shapes, boolean meanLoss) implements Serializable {

        /** The first job: keeps the partition's examples and collates all of them once to check them. */
        Iterator<PartitionData<E>> check(int partition, Iterator<E> it) {
            List<E> examples = new ArrayList<>();
            it.forEachRemaining(examples::add);
            if (examples.isEmpty()) {
                throw new BadPartitionException(partition, "no examples; every partition needs at least one "
                        + "(repartition the data, e.g. rdd.repartition(n))");
            }
            long[] input = null;
            long[] target = null;
            for (int from = 0; from < examples.size(); from += plan.batchSize()) {
                Batch b = collate(partition, examples, from, Math.min(examples.size(), from + plan.batchSize()));
                long[] in = perExample(b.input());
                long[] tg = perExample(b.target());
                if (input == null) {
                    input = in;
                    target = tg;
                } else if (!Arrays.equals(in, input) || !Arrays.equals(tg, target)) {
                    throw new BadPartitionException(partition, "examples " + from + ".. collate to input " + shapeString(in)
                            + " and target " + shapeString(tg) + " per example, examples 0.. to " + shapeString(input) + " and "
                            + shapeString(target));
                }
            }
            return List.of(new PartitionData<>(partition, examples, input, target)).iterator();
        }

        private Batch collate(int partition, List<E> examples, int from, int to) {
            try {
                return collate.collate(examples.subList(from, to));
            } catch (RuntimeException e) {
                throw (BadPartitionException) new BadPartitionException(partition, "examples " + from + ".." + (to - 1) + ": "
                        + e.getMessage()).initCause(e);
            }
        }

        private static long[] perExample(Tensor t) {
            long[] s = t.shape();
            return s.length == 0 ? s : Arrays.copyOfRange(s, 1, s.length);
        }

        /** One step on one partition: load the parameters, forward, backward, flatten the gradients. */
        Iterator<GradientSum> gradient(float[] params, int epoch, int step, Iterator<PartitionData<E>> it) {
            PartitionData<E> data = it.next();
            int p = data.partition();
            GradientSum out = new GradientSum();
            int[] rows = plan.batch(epoch, p, data.examples().size(), step);
            if (rows.length == 0) {
                return List.of(out).iterator();
            }
            List<E> batch = new ArrayList<>(rows.length);
            for (int i : rows) {
                batch.add(data.examples().get(i));
            }
            Replica r = replica();
            r.load(params);
            try {
                Batch b = collate.collate(batch);
                Tensor loss = r.loss.forward(r.model.forward(b.input()), b.target());
                double weight = meanLoss ? rows.length : 1;
                out.loss = loss.item() * weight;
                (meanLoss ? loss.mul(weight) : loss).backward();
            } catch (RuntimeException e) {
                throw (BadPartitionException) new BadPartitionException(p, "epoch " + epoch + ", step " + step + ": "
                        + e.getMessage()).initCause(e);
            }
            out.grad = r.gradients(params.length);
            out.examples = rows.length;
            return List.of(out).iterator();
        }

        /** This thread's model for this run, built once (Spark reuses task threads). */
        private Replica replica() {
            Replica r = Replica.CURRENT.get();
            if (r == null || !r.run.equals(run)) {
                Module m;
                Loss l;
                // The factories may draw from the global generator, which is not thread-safe.
                synchronized (Replica.class) {
                    m = modelFactory.get();
                    l = lossFactory.get();
                }
                m.train();
                List<Tensor> ps = new ArrayList<>();
                Map<String, Tensor> named = m.namedParameters();
                for (int i = 0; i < names.size(); i++) {
                    Tensor q = named.get(names.get(i));
                    if (q == null || !Arrays.equals(q.shape(), shapes[i]) || q.dtype() != DType.FLOAT32) {
                        throw new IllegalStateException("the model factory builds a model whose parameter '" + names.get(i) + "' is "
                                + (q == null ? "missing" : q.dtype().pyName() + " " + shapeString(q.shape()))
                                + ", but the driver's model has float32 " + shapeString(shapes[i]));
                    }
                    ps.add(q);
                }
                r = new Replica(run, m, l, ps);
                Replica.CURRENT.set(r);
            }
            return r;
        }
    }

    /** An executor thread's model: its parameters are overwritten from the broadcast at every step. */
    private record Replica(String run, Module model, Loss loss, List<Tensor> params) {
        static final ThreadLocal<Replica> CURRENT = new ThreadLocal<>();

        void load(float[] flat) {
            int offset = 0;
            try (var g = Autograd.noGrad()) {
                for (Tensor q : params) {
                    int n = Math.toIntExact(q.numel());
                    q.copy_(Tensor.from(Arrays.copyOfRange(flat, offset, offset + n), q.shape()));
                    q.setGrad(null);
                    offset += n;
                }
            }
        }

        float[] gradients(int total) {
            float[] flat = new float[total];
            int offset = 0;
            for (Tensor q : params) {
                int n = Math.toIntExact(q.numel());
                Tensor g = q.grad();
                if (g != null) {
                    System.arraycopy(g.toFloatArray(), 0, flat, offset, n);
                }
                offset += n;
            }
            return flat;
        }
    }
}
