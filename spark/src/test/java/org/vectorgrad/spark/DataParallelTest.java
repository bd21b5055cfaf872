package org.vectorgrad.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vectorgrad.Tensor;
import org.vectorgrad.nn.CrossEntropyLoss;
import org.vectorgrad.nn.Linear;
import org.vectorgrad.nn.Module;
import org.vectorgrad.nn.Sequential;
import org.vectorgrad.nn.Tanh;
import org.vectorgrad.optim.Adam;
import org.vectorgrad.optim.Optimizer;
import org.vectorgrad.optim.SGD;

/**
 * Data-parallel training in local[2] against the same computation in one JVM. The bound (README,
 * "Vectorgrad on Spark"): a step's gradient over N examples is (1/N) sum_i g_i on both sides, the
 * per-example terms g_i summed in another order, so each element differs by at most
 * 2 (N - 1) u (1/N) sum_i |g_i| (u = 2^-24), the sum of two recursive summations' error bounds.
 */
class DataParallelTest {
    private static final double U = Math.ulp(1.0f) / 2;
    private static final SerializableSupplier<Module> NET = () -> new Sequential(new Linear(2, 16), new Tanh(), new Linear(16, 3));
    private static JavaSparkContext jsc;
    private static List<LabeledExample> examples;

    @BeforeAll
    static void start() {
        jsc = LocalSpark.context();
        Random r = new Random(7);
        examples = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            examples.add(new LabeledExample(new float[] {(float) r.nextGaussian(), (float) r.nextGaussian()}, r.nextInt(3)));
        }
    }

    private static DataParallel<LabeledExample> trainer() {
        return new DataParallel<>(NET, CrossEntropyLoss::new, LabeledExample.collate(2)).batchSize(16).seed(3);
    }

    private static Module model(long seed) {
        Tensor.manualSeed(seed);
        return NET.get();
    }

    /** The step's batch in one JVM: batch {@code step} of each partition, in partition order. */
    private static Batch oneJvmBatch(List<List<LabeledExample>> parts, BatchPlan plan, int epoch, int step) {
        List<LabeledExample> batch = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            for (int i : plan.batch(epoch, p, parts.get(p).size(), step)) {
                batch.add(parts.get(p).get(i));
            }
        }
        return LabeledExample.collate(2).collate(batch);
    }

    /** Per parameter: 2 (N - 1) u (1/N) sum_i |g_i| over the batch's examples, at the model's current values. */
    private static List<float[]> bound(Module model, Batch b) {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        List<Tensor> ps = model.parameters();
        int n = (int) b.input().shape()[0];
        List<double[]> abs = new ArrayList<>();
        for (Tensor p : ps) {
            abs.add(new double[(int) p.numel()]);
        }
        for (int i = 0; i < n; i++) {
            model.zeroGrad(true);
            loss.forward(model.forward(b.input().narrow(0, i, 1)), b.target().narrow(0, i, 1)).backward();
            for (int k = 0; k < ps.size(); k++) {
                float[] g = ps.get(k).grad().toFloatArray();
                for (int j = 0; j < g.length; j++) {
                    abs.get(k)[j] += Math.abs(g[j]);
                }
            }
        }
        model.zeroGrad(true);
        List<float[]> out = new ArrayList<>();
        for (double[] a : abs) {
            float[] o = new float[a.length];
            for (int j = 0; j < a.length; j++) {
                o[j] = (float) (2 * (n - 1) * U * a[j] / n);
            }
            out.add(o);
        }
        return out;
    }

    private static void copyState(Module from, Module to) {
        Map<String, Tensor> sd = from.stateDict();
        sd.replaceAll((k, v) -> v.detach().clone());
        to.loadStateDict(sd);
    }

    @Test
    void gradientSummedOverPartitionsEqualsTheOneMachineGradientWithinTheReductionBound() {
        JavaRDD<LabeledExample> rdd = jsc.parallelize(examples, 2);
        List<List<LabeledExample>> parts = rdd.glom().collect();
        DataParallel<LabeledExample> dp = trainer();
        Module onSpark = model(1);
        Module oneJvm = model(2);
        copyState(onSpark, oneJvm);
        double worst = 0;
        for (int step = 0; step < 2; step++) {
            double sparkLoss = dp.backward(rdd, onSpark, 1, step);
            Batch b = oneJvmBatch(parts, dp.plan(), 1, step);
            List<float[]> bound = bound(oneJvm, b);
            oneJvm.zeroGrad(true);
            Tensor loss = new CrossEntropyLoss().forward(oneJvm.forward(b.input()), b.target());
            loss.backward();
            assertEquals(32, b.input().shape()[0]);
            assertEquals(loss.item(), sparkLoss, 4 * 31 * U * loss.item(), "loss of step " + step);
            List<Tensor> ps = onSpark.parameters();
            List<Tensor> qs = oneJvm.parameters();
            for (int k = 0; k < ps.size(); k++) {
                float[] gs = ps.get(k).grad().toFloatArray();
                float[] g1 = qs.get(k).grad().toFloatArray();
                float[] bk = bound.get(k);
                for (int j = 0; j < gs.length; j++) {
                    double diff = Math.abs(gs[j] - g1[j]);
                    assertTrue(diff <= bk[j], "step " + step + " parameter " + k + " element " + j + ": spark " + gs[j]
                            + " one JVM " + g1[j] + " bound " + bk[j]);
                    worst = Math.max(worst, bk[j] == 0 ? 0 : diff / bk[j]);
                }
                assertTrue(Math.abs(g1[0]) > 1e-6 || Math.abs(g1[g1.length - 1]) > 1e-6, "gradients are not all zero");
            }
        }
        System.out.printf("largest |spark - one JVM| / bound: %.3f%n", worst);
    }

    @Test
    void trainingOnSparkEndsWithinTheBoundOfTheSameTrainingInOneJvm() {
        JavaRDD<LabeledExample> rdd = jsc.parallelize(examples, 2);
        List<List<LabeledExample>> parts = rdd.glom().collect();
        double lr = 0.1;
        int epochs = 3;
        Module onSpark = model(5);
        Module oneJvm = model(6);
        Module plainLoop = model(7);
        copyState(onSpark, oneJvm);
        copyState(onSpark, plainLoop);
        List<EpochStats> sparkStats = trainer().fit(rdd, onSpark, new SGD(onSpark.parameters(), lr), epochs);
        List<EpochStats> localStats = trainer().fitLocally(parts, oneJvm, new SGD(oneJvm.parameters(), lr), epochs);

        // The same training as a plain loop over the same batches, adding up the parameters' bound:
        // lr times each step's gradient bound, doubled for the few steps' propagation (lr * L * steps < 1
        // for this net), plus one float32 rounding of each update.
        Optimizer sgd = new SGD(plainLoop.parameters(), lr);
        List<Tensor> ps = plainLoop.parameters();
        List<double[]> paramBound = new ArrayList<>();
        for (Tensor p : ps) {
            paramBound.add(new double[(int) p.numel()]);
        }
        BatchPlan plan = trainer().plan();
        int steps = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int step = 0; step < 2; step++, steps++) {
                Batch b = oneJvmBatch(parts, plan, epoch, step);
                List<float[]> bound = bound(plainLoop, b);
                for (int k = 0; k < ps.size(); k++) {
                    float[] v = ps.get(k).detach().toFloatArray();
                    for (int j = 0; j < v.length; j++) {
                        paramBound.get(k)[j] += 2 * lr * bound.get(k)[j] + Math.ulp(v[j]);
                    }
                }
                sgd.zeroGrad();
                new CrossEntropyLoss().forward(plainLoop.forward(b.input()), b.target()).backward();
                sgd.step();
            }
        }
        assertEquals(6, steps);
        assertEquals(epochs, sparkStats.size());
        for (int e = 0; e < epochs; e++) {
            assertEquals(64, sparkStats.get(e).examples());
            assertEquals(localStats.get(e).loss(), sparkStats.get(e).loss(), 1e-5 * localStats.get(e).loss(), "epoch " + e);
        }
        assertTrue(sparkStats.get(epochs - 1).loss() < sparkStats.get(0).loss(), "training lowers the loss");
        List<Tensor> qs = oneJvm.parameters();
        List<Tensor> ss = onSpark.parameters();
        for (int k = 0; k < ps.size(); k++) {
            float[] plain = ps.get(k).detach().toFloatArray();
            assertArrayEquals(plain, qs.get(k).detach().toFloatArray(), "fitLocally is the plain loop, bit for bit");
            float[] spark = ss.get(k).detach().toFloatArray();
            for (int j = 0; j < plain.length; j++) {
                assertTrue(Math.abs(spark[j] - plain[j]) <= paramBound.get(k)[j], "parameter " + k + " element " + j + ": spark "
                        + spark[j] + " one JVM " + plain[j] + " bound " + paramBound.get(k)[j]);
            }
        }
    }

    private static void assertUntouched(Module model, Map<String, Tensor> before, Optimizer opt) {
        model.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toFloatArray(), v.detach().toFloatArray(), k));
        model.parameters().forEach(p -> assertEquals(null, p.grad()));
        assertTrue(((Map<?, ?>) opt.stateDict().get("state")).isEmpty(), "optimizer took no step");
    }

    private static Map<String, Tensor> snapshot(Module m) {
        Map<String, Tensor> sd = m.stateDict();
        sd.replaceAll((k, v) -> v.detach().clone());
        return sd;
    }

    @Test
    void anEmptyPartitionIsAnErrorNamingItBeforeAnyUpdate() {
        JavaRDD<LabeledExample> rdd = jsc.parallelize(examples, 3)
                .mapPartitionsWithIndex((p, it) -> p == 1 ? List.<LabeledExample>of().iterator() : it, true);
        Module model = model(8);
        Map<String, Tensor> before = snapshot(model);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        BadPartitionException e = assertThrows(BadPartitionException.class, () -> trainer().fit(rdd, model, opt, 2));
        assertEquals(1, e.partition());
        assertEquals("partition 1: no examples; every partition needs at least one (repartition the data, e.g. rdd.repartition(n))",
                e.getMessage());
        assertUntouched(model, before, opt);
    }

    @Test
    void anExampleOfTheWrongShapeIsAnErrorNamingItsPartitionBeforeAnyUpdate() {
        List<LabeledExample> bad = new ArrayList<>(examples);
        // Partition 1 holds examples 32..63; its example 20 is in its second batch of the first epoch
        // when unshuffled, so only the first job's check keeps the first step from updating the model.
        bad.set(52, new LabeledExample(new float[] {1, 2, 3}, 0));
        JavaRDD<LabeledExample> rdd = jsc.parallelize(bad, 2);
        Module model = model(9);
        Map<String, Tensor> before = snapshot(model);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        BadPartitionException e = assertThrows(BadPartitionException.class, () -> trainer().shuffle(false).fit(rdd, model, opt, 1));
        assertEquals(1, e.partition());
        assertEquals("partition 1: examples 16..31: example 4 has 3 features, expected 2 (feature shape [2])", e.getMessage());
        assertUntouched(model, before, opt);
    }

    @Test
    void aPartitionWhoseExamplesAllHaveAnotherShapeIsAnErrorNamingIt() {
        // A collate function that takes the feature count from the first example: each partition is
        // consistent in itself, but partition 1's batches do not fit partition 0's.
        CollateFn<LabeledExample> anyWidth = xs -> LabeledExample.collate(xs.getFirst().getFeatures().length).collate(xs);
        List<LabeledExample> wide = new ArrayList<>(examples.subList(0, 32));
        for (int i = 0; i < 32; i++) {
            wide.add(new LabeledExample(new float[] {1, 2, 3}, 1));
        }
        JavaRDD<LabeledExample> rdd = jsc.parallelize(wide, 2);
        Module model = model(10);
        Map<String, Tensor> before = snapshot(model);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        DataParallel<LabeledExample> dp = new DataParallel<>(NET, CrossEntropyLoss::new, anyWidth).batchSize(16);
        BadPartitionException e = assertThrows(BadPartitionException.class, () -> dp.fit(rdd, model, opt, 1));
        assertEquals(1, e.partition());
        assertEquals("partition 1: its batches have input shape [3] per example but partition 0's have [2]", e.getMessage());
        assertUntouched(model, before, opt);
    }

    @Test
    void aModelThatRejectsTheBatchesFailsNamingThePartitionBeforeAnyUpdate() {
        JavaRDD<LabeledExample> rdd = jsc.parallelize(examples, 2);
        SerializableSupplier<Module> threeInputs = () -> new Sequential(new Linear(3, 4), new Tanh(), new Linear(4, 3));
        Tensor.manualSeed(11);
        Module model = threeInputs.get();
        Map<String, Tensor> before = snapshot(model);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        DataParallel<LabeledExample> dp = new DataParallel<>(threeInputs, CrossEntropyLoss::new, LabeledExample.collate(2));
        BadPartitionException e = assertThrows(BadPartitionException.class, () -> dp.fit(rdd, model, opt, 1));
        assertTrue(e.getMessage().matches("partition [01]: epoch 0, step 0: mat1 and mat2 shapes cannot be multiplied.*"), e.getMessage());
        assertUntouched(model, before, opt);
    }

    @Test
    void aLossWithoutReductionIsRefused() {
        JavaRDD<LabeledExample> rdd = jsc.parallelize(examples, 2);
        Module model = model(12);
        DataParallel<LabeledExample> dp = new DataParallel<>(NET, () -> new CrossEntropyLoss("none"), LabeledExample.collate(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dp.fit(rdd, model, new SGD(model.parameters(), 0.1), 1));
        assertEquals("data-parallel training needs a loss with reduction 'mean' or 'sum', got 'none'", e.getMessage());
    }
}
