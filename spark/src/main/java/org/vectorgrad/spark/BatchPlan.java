package org.vectorgrad.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * The fixed mapping from (epoch, partition, step) to the examples of one mini-batch: each epoch
 * every partition's examples are put in an order drawn from the seed, the epoch and the partition
 * index only, and cut into batches of {@code batchSize}; step {@code k} of an epoch takes batch
 * {@code k} of every partition that has one. A run is therefore reproducible from the seed
 * whatever executor runs a partition, and {@link DataParallel#fitLocally} replays the same batches
 * in one JVM.
 *
 * <pre>{@code
 * BatchPlan plan = new BatchPlan(32, 0, true);
 * int[] rows = plan.batch(epoch, partition, partitionSize, step);   // indices into the partition
 * }</pre>
 */
public record BatchPlan(int batchSize, long seed, boolean shuffle) implements Serializable {
    public BatchPlan {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
        }
    }

    /** The number of batches of a partition of {@code size} examples. */
    public int batches(int size) {
        return (size + batchSize - 1) / batchSize;
    }

    /** The examples' order in one epoch: a permutation of {@code 0..size-1} (identity without shuffle). */
    public int[] order(int epoch, int partition, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (shuffle) {
            // One stream per (seed, epoch, partition); SplittableRandom mixes the combined seed.
            SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1)) ^ (0xC2B2AE3D27D4EB4FL * (partition + 1)));
            for (int i = size - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** The indices (into the partition) of batch {@code step}; empty when the partition has fewer batches. */
    public int[] batch(int epoch, int partition, int size, int step) {
        int from = Math.min(size, step * batchSize);
        int to = Math.min(size, from + batchSize);
        return java.util.Arrays.copyOfRange(order(epoch, partition, size), from, to);
    }
}
