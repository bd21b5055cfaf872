package org.vectorgrad.spark;

import java.io.Serializable;
import java.util.List;

/**
 * PyTorch's {@code collate_fn}: turns a list of examples into one {@link Batch}. It runs on the
 * executors, so it is serializable. A bad example is an {@link IllegalArgumentException} naming it
 * by its index in the list; {@link DataParallel} adds the partition.
 *
 * <pre>{@code
 * CollateFn<LabeledExample> collate = LabeledExample.collate(2);   // features of shape [2], int64 labels
 * }</pre>
 */
@FunctionalInterface
public interface CollateFn<E> extends Serializable {
    Batch collate(List<E> examples);
}
