package org.vectorgrad.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.vectorgrad.Autograd;
import org.vectorgrad.Tensor;
import org.vectorgrad.nn.CrossEntropyLoss;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.Module;
import org.vectorgrad.nn.ReLU;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.CosineAnnealingLR;
import org.vectorgrad.optim.Optimizer;
import org.vectorgrad.spark.DataParallel;
import org.vectorgrad.spark.EpochStats;
import org.vectorgrad.spark.LabeledExample;
import org.vectorgrad.spark.SerializableSupplier;

/**
 * {@link SpiralClassifier}'s model and data trained data-parallel on Spark, then the same training
 * (same batches, same initial weights) in this JVM alone: accuracy, final loss and examples per
 * second of both, and Spark's fixed cost of one step. Local mode ({@code local[2]}) unless
 * {@code spark-submit} sets the master.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.vectorgrad.examples.SpiralClassifierOnSpark [epochs] [batch per partition] [copies]
 * </pre>
 *
 * <p>{@code copies} repeats the 400 points (default 1), to time larger epochs and batches.
 */
public final class SpiralClassifierOnSpark {
    static final SerializableSupplier<Module> MODEL =
            () -> new Sequential(new Linear(2, 64), new ReLU(), new Linear(64, 64), new ReLU(), new Linear(64, 2));

    private SpiralClassifierOnSpark() {
    }

    /** Both runs' statistics, final accuracies and the largest parameter difference between them. */
    record Result(List<EpochStats> spark, List<EpochStats> oneJvm, double sparkAccuracy, double oneJvmAccuracy,
            double maxParamDiff, double stepFloorMillis) {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int copies = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        SparkSession.Builder builder = SparkSession.builder().appName("vectorgrad spiral classifier");
        if (!new SparkConf().contains("spark.master")) {
            builder.master("local[2]").config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Result r = run(JavaSparkContext.fromSparkContext(spark.sparkContext()), epochs, batch, copies, 20);
            print(r, epochs);
        } finally {
            spark.stop();
        }
    }

    /** Trains on Spark and in one JVM; {@code floorJobs} empty steps time Spark's fixed cost per step. */
    static Result run(JavaSparkContext jsc, int epochs, int batch, int copies, int floorJobs) {
        Tensor.manualSeed(0);
        Tensor[] data = SpiralClassifier.spirals();
        float[] xs = data[0].toFloatArray();
        long[] ys = data[1].toLongArray();
        List<LabeledExample> examples = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            for (int i = 0; i < ys.length; i++) {
                examples.add(new LabeledExample(new float[] {xs[2 * i], xs[2 * i + 1]}, ys[i]));
            }
        }
        JavaRDD<LabeledExample> rdd = jsc.parallelize(examples, 2);

        Module onSpark = MODEL.get();
        Module oneJvm = MODEL.get();
        oneJvm.loadStateDict(onSpark.stateDict());
        Optimizer sparkOpt = new Adam(onSpark.parameters(), 0.01);
        Optimizer localOpt = new Adam(oneJvm.parameters(), 0.01);
        CosineAnnealingLR sparkSchedule = new CosineAnnealingLR(sparkOpt, epochs, 1e-4);
        CosineAnnealingLR localSchedule = new CosineAnnealingLR(localOpt, epochs, 1e-4);

        // Untimed warm-up of the model code both runs share (the JIT), on a copy.
        Module warm = MODEL.get();
        trainer(batch).fitLocally(rdd.glom().collect(), warm, new Adam(warm.parameters(), 0.01), Math.max(3, epochs / 10));
        List<EpochStats> localStats = trainer(batch).onEpoch(s -> localSchedule.step())
                .fitLocally(rdd.glom().collect(), oneJvm, localOpt, epochs);
        List<EpochStats> sparkStats = trainer(batch).onEpoch(s -> sparkSchedule.step()).fit(rdd, onSpark, sparkOpt, epochs);

        double diff = 0;
        List<Tensor> ps = onSpark.parameters();
        List<Tensor> qs = oneJvm.parameters();
        for (int k = 0; k < ps.size(); k++) {
            diff = Math.max(diff, ps.get(k).detach().sub(qs.get(k).detach()).abs().max().item());
        }
        return new Result(sparkStats, localStats, accuracy(onSpark, data), accuracy(oneJvm, data), diff,
                stepFloorMillis(jsc, ps, floorJobs));
    }

    private static DataParallel<LabeledExample> trainer(int batch) {
        return new DataParallel<>(MODEL, CrossEntropyLoss::new, LabeledExample.collate(2)).batchSize(batch).seed(0);
    }

    private static double accuracy(Module model, Tensor[] data) {
        try (var g = Autograd.noGrad()) {
            return SpiralClassifier.accuracy(model.forward(data[0]), data[1]);
        }
    }

    /**
     * What a training step costs Spark with no computation: broadcasting a parameter-sized array and
     * a job of one task per partition (two) that sums a gradient-sized array with treeAggregate (the median).
     */
    private static double stepFloorMillis(JavaSparkContext jsc, List<Tensor> params, int jobs) {
        JavaRDD<Integer> rdd = jsc.parallelize(List.of(0, 1), 2);
        int n = 0;
        for (Tensor p : params) {
            n += (int) p.numel();
        }
        int size = n;
        double[] ms = new double[jobs];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            Broadcast<float[]> bc = jsc.broadcast(new float[size]);
            rdd.mapPartitions(it -> List.of(bc.value().clone()).iterator())
                    .treeAggregate(new float[0], SpiralClassifierOnSpark::add, SpiralClassifierOnSpark::add, 2);
            bc.destroy();
            ms[i] = (System.nanoTime() - t0) * 1e-6;
        }
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    private static float[] add(float[] a, float[] b) {
        if (a.length == 0) {
            return b;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    /** Examples per second over the epochs after the first (the first warms the JIT and builds the replicas). */
    static double throughput(List<EpochStats> stats) {
        long examples = 0;
        double seconds = 0;
        for (EpochStats s : stats.subList(Math.min(1, stats.size() - 1), stats.size())) {
            examples += s.examples();
            seconds += s.seconds();
        }
        return examples / seconds;
    }

    private static void print(Result r, int epochs) {
        EpochStats lastSpark = r.spark().getLast();
        EpochStats lastLocal = r.oneJvm().getLast();
        double sparkRate = throughput(r.spark());
        double localRate = throughput(r.oneJvm());
        double sparkStepMs = 1e3 * lastSpark.examples() / sparkRate / lastSpark.steps();
        double localStepMs = 1e3 * lastLocal.examples() / localRate / lastLocal.steps();
        System.out.printf(Locale.ROOT, "%d epochs of %d steps, %d examples per epoch in %d partitions%n", epochs,
                lastSpark.steps(), lastSpark.examples(), 2);
        System.out.printf(Locale.ROOT, "on Spark:   final loss %.4f  accuracy %.3f  %8.0f examples/s  %6.1f ms/step%n",
                lastSpark.loss(), r.sparkAccuracy(), sparkRate, sparkStepMs);
        System.out.printf(Locale.ROOT, "in one JVM: final loss %.4f  accuracy %.3f  %8.0f examples/s  %6.1f ms/step%n",
                lastLocal.loss(), r.oneJvmAccuracy(), localRate, localStepMs);
        System.out.printf(Locale.ROOT, "largest parameter difference %.2e; Spark's floor per step (broadcast, one job, "
                + "treeAggregate, nothing computed) %.1f ms%n", r.maxParamDiff(), r.stepFloorMillis());
    }
}
