package org.vectorgrad;

/**
 * How a copy lays out its elements, as PyTorch's {@code memory_format} argument.
 *
 * <pre>{@code
 * Tensor t = Tensor.zeros(2, 3).t();
 * t.clone().stride();                          // [1, 3]: the transposed layout is kept
 * t.clone(MemoryFormat.CONTIGUOUS).stride();   // [2, 1]: row-major
 * }</pre>
 */
public enum MemoryFormat {
    /** {@code torch.preserve_format}: a dense input's strides are kept; others get dense strides in the same dim order. */
    PRESERVE,
    /** {@code torch.contiguous_format}: row-major. */
    CONTIGUOUS
}
