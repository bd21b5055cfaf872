package org.vectorgrad.spark;

/**
 * Input that training cannot use, found in one partition: an empty partition, an example of the
 * wrong shape, a partition whose batches do not match the others'. Thrown on the driver (Spark's
 * {@code SparkException} as its cause when an executor found it) before any update of the model.
 */
public final class BadPartitionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int partition;

    public BadPartitionException(int partition, String message) {
        super("partition " + partition + ": " + message);
        this.partition = partition;
    }

    BadPartitionException(BadPartitionException executorSide, Throwable cause) {
        super(executorSide.getMessage(), cause);
        this.partition = executorSide.partition;
    }

    /** The index of the partition, as {@code TaskContext.partitionId()}. */
    public int partition() {
        return partition;
    }
}
