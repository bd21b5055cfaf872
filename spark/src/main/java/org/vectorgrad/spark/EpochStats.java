package org.vectorgrad.spark;

/**
 * One epoch of {@link DataParallel} training: the mean loss over its examples (as the model was
 * at each step), the examples seen, the optimizer steps, and the wall time on the driver.
 */
public record EpochStats(int epoch, double loss, long examples, int steps, double seconds) {
    /** Training throughput: examples per second of wall time. */
    public double examplesPerSecond() {
        return examples / seconds;
    }
}
