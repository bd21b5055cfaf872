package org.vectorgrad;

import java.util.Locale;

/**
 * Element types, with PyTorch's names and promotion categories.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(1.5).to(DType.FLOAT64);   // tensor(1.5000, dtype=float64)
 * }</pre>
 */
public enum DType {
    /** {@code torch.bool}. */
    BOOL("bool", 0, 1),
    /** {@code torch.int32}. */
    INT32("int32", 1, 4),
    /** {@code torch.int64}, the dtype of integer data ({@code Tensor.of(5L)}). */
    INT64("int64", 1, 8),
    /** {@code torch.float32}, the default dtype. */
    FLOAT32("float32", 2, 4),
    /** {@code torch.float64}. */
    FLOAT64("float64", 2, 8);

    private final String pyName;
    private final int category;
    private final int itemSize;

    DType(String pyName, int category, int itemSize) {
        this.pyName = pyName;
        this.category = category;
        this.itemSize = itemSize;
    }

    /** PyTorch's name without the {@code torch.} prefix, e.g. {@code float32}. */
    public String pyName() {
        return pyName;
    }

    /** Bytes per element, as {@code torch.Tensor.element_size()}. */
    public int itemSize() {
        return itemSize;
    }

    /** float32 or float64, as {@code dtype.is_floating_point}: the dtypes that can require grad. */
    public boolean isFloatingPoint() {
        return category == 2;
    }

    /** int32 or int64 (not bool). */
    public boolean isIntegral() {
        return category == 1;
    }

    /** 0 for bool, 1 for integers, 2 for floating point: PyTorch's promotion categories. */
    int category() {
        return category;
    }

    /**
     * The dtype of floating-point data created without one, as {@code torch.get_default_dtype()}:
     * always float32 ({@code Tensor.of(0.5)}, {@code Tensor.zeros(2)}, {@code Tensor.rand(3)}).
     */
    public static DType getDefault() {
        return FLOAT32;
    }

    /** The smallest type that holds both, as {@code torch.promote_types}. */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a.category != b.category) {
            return a.category > b.category ? a : b;
        }
        return a.itemSize >= b.itemSize ? a : b;
    }

    /**
     * Parses a PyTorch dtype name ({@code "float32"}, {@code "torch.float64"}, {@code "double"}, ...).
     *
     * @throws IllegalArgumentException naming the unknown dtype
     */
    public static DType parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("torch.")) {
            n = n.substring(6);
        }
        return switch (n) {
            case "bool" -> BOOL;
            case "int32", "int" -> INT32;
            case "int64", "long" -> INT64;
            case "float32", "float" -> FLOAT32;
            case "float64", "double" -> FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + name
                    + "'; known dtypes: bool, int32, int64, float32, float64");
        };
    }

    @Override
    public String toString() {
        return pyName;
    }
}
