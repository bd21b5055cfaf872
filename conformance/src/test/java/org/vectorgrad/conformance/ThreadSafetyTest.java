package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorgrad.Autograd;
import org.vectorgrad.DType;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Stress: eight threads at once, each result checked against the same work done serially. What the
 * README's Reliability section promises: recording and training per thread, read-only sharing of
 * tensors, and backward from several threads into shared leaves (accumulation is serialised).
 */
class ThreadSafetyTest {
    private static final int THREADS = 8;

    /** Runs {@code task(i)} for i < THREADS on THREADS threads released together, under {@code backend}. */
    private static <T> List<T> inParallel(String backend, IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int id = i;
                Callable<T> c = () -> {
                    try (var scope = Backends.use(backend)) {
                        start.await();
                        return task.apply(id);
                    }
                };
                futures.add(pool.submit(c));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The case: 8 threads x 50 backward() into one leaf gave 174 instead of 400. */
    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    @Timeout(60)
    void backwardFromEightThreadsIntoOneLeafLosesNoUpdate(String backend) throws Exception {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor w = Tensor.zeros(dtype, 3).requiresGrad_(true);
            inParallel(backend, t -> {
                for (int k = 0; k < 50; k++) {
                    w.mul(Tensor.of(new double[] {1, t, 2}, dtype)).sum().backward();
                }
                return null;
            });
            // integers, exact in any order of addition: 8 * 50, 50 * (0 + 1 + ... + 7), 2 * 400
            assertArrayEquals(new double[] {400, 1400, 800}, w.grad().to(DType.FLOAT64).toDoubleArray(), dtype.toString());
        }
    }

    /** Several losses over shared weights, backward from every thread: the sum of the serial gradients. */
    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    @Timeout(60)
    void sharedLeavesGatherEveryThreadsGradient(String backend) throws Exception {
        Model shared = new Model(99, DType.FLOAT64);
        double[][] serial = new double[4][];
        try (var scope = Backends.use(backend)) {
            for (int t = 0; t < THREADS; t++) {
                for (int k = 0; k < 5; k++) {
                    shared.loss(batch(t, k, DType.FLOAT64)).backward();
                }
            }
            serial = shared.grads();
            shared.zeroGrad();
        }
        inParallel(backend, t -> {
            for (int k = 0; k < 5; k++) {
                shared.loss(batch(t, k, DType.FLOAT64)).backward();
            }
            return null;
        });
        double[][] concurrent = shared.grads();
        for (int p = 0; p < serial.length; p++) {
            for (int i = 0; i < serial[p].length; i++) {
                // the order of the 40 additions differs; each is rounded to 2^-53 of the running sum
                assertEquals(serial[p][i], concurrent[p][i], 1e-12 * (1 + Math.abs(serial[p][i])), "param " + p + "[" + i + "]");
            }
        }
    }

    /** Eight models trained at once, one per thread, end bit for bit where they end when trained one by one. */
    @ParameterizedTest
    @MethodSource("org.vectorgrad.conformance.ElementwiseResultTest#backends")
    @Timeout(120)
    void eightModelsTrainedInEightThreadsMatchSerialTraining(String backend) throws Exception {
        List<float[][]> serial = new ArrayList<>();
        try (var scope = Backends.use(backend)) {
            for (int t = 0; t < THREADS; t++) {
                serial.add(train(t));
            }
        }
        List<float[][]> concurrent = inParallel(backend, ThreadSafetyTest::train);
        for (int t = 0; t < THREADS; t++) {
            for (int p = 0; p < serial.get(t).length; p++) {
                assertArrayEquals(serial.get(t)[p], concurrent.get(t)[p], "model " + t + " param " + p);
            }
        }
    }

    private static float[][] train(int seed) {
        Model m = new Model(seed, DType.FLOAT32);
        for (int step = 0; step < 30; step++) {
            m.loss(batch(seed, step % 4, DType.FLOAT32)).backward();
            m.sgd(0.05);
        }
        double[][] p = m.params();
        float[][] out = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = new float[p[i].length];
            for (int j = 0; j < p[i].length; j++) {
                out[i][j] = (float) p[i][j];
            }
        }
        return out;
    }

    /** A batch of 32 inputs of 16 features and 4 targets, drawn from its own seed (not the global generator). */
    private static Tensor[] batch(int seed, int k, DType dtype) {
        SplittableRandom r = new SplittableRandom(1000L * seed + k);
        return new Tensor[] {random(r, dtype, 32, 16), random(r, dtype, 32, 4)};
    }

    private static Tensor random(SplittableRandom r, DType dtype, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return Tensor.of(v, dtype).view(rows, cols);
    }

    /** relu(x W1 + b1) W2 + b2 with a mean squared error. */
    private static final class Model {
        final Tensor[] params;

        Model(int seed, DType dtype) {
            SplittableRandom r = new SplittableRandom(seed);
            params = new Tensor[] {random(r, dtype, 16, 64).mul(0.25), random(r, dtype, 1, 64).mul(0.1),
                random(r, dtype, 64, 4).mul(0.125), random(r, dtype, 1, 4).mul(0.1)};
            for (Tensor p : params) {
                p.requiresGrad_(true);
            }
        }

        Tensor loss(Tensor[] batch) {
            Tensor h = batch[0].matmul(params[0]).add(params[1]).relu();
            Tensor d = h.matmul(params[2]).add(params[3]).sub(batch[1]);
            return d.mul(d).mean();
        }

        void sgd(double lr) {
            try (var g = Autograd.noGrad()) {
                for (Tensor p : params) {
                    p.sub_(p.grad().mul(lr));
                }
            }
            zeroGrad();
        }

        void zeroGrad() {
            for (Tensor p : params) {
                p.setGrad(null);
            }
        }

        double[][] grads() {
            double[][] g = new double[params.length][];
            for (int i = 0; i < params.length; i++) {
                g[i] = params[i].grad().to(DType.FLOAT64).toDoubleArray();
            }
            return g;
        }

        double[][] params() {
            double[][] v = new double[params.length][];
            for (int i = 0; i < params.length; i++) {
                v[i] = params[i].detach().to(DType.FLOAT64).toDoubleArray();
            }
            return v;
        }
    }
}
