package org.vectorgrad.props;

import java.util.Arrays;
import org.vectorgrad.Tensor;

/**
 * How an operand's elements sit in storage: the kinds of views users really make. A recipe turns a
 * storage tensor into a view of the operand's shape with Tensor operations (so the view is part of
 * the autograd graph when the storage requires grad).
 */
sealed interface Recipe {

    /** Shape of the storage the view is cut from. */
    int[] storageShape(int[] shape);

    /** The view of {@code storage} that has shape {@code shape}. */
    Tensor view(Tensor storage, int[] shape);

    /**
     * Row-major index in the storage of the operand's element at {@code index}: the layout the view
     * must have, computed without Vectorgrad.
     */
    int storageIndex(int[] shape, int[] index);

    /** False for views in which several elements share one storage place (expanded). */
    default boolean nonOverlapping() {
        return true;
    }

    /** Row-major storage: the view is the storage itself. */
    record Contiguous() implements Recipe {
        @Override
        public int[] storageShape(int[] shape) {
            return shape.clone();
        }

        @Override
        public Tensor view(Tensor storage, int[] shape) {
            return storage;
        }

        @Override
        public int storageIndex(int[] shape, int[] index) {
            return Shapes.flatten(shape, index);
        }

        @Override
        public String toString() {
            return "contiguous";
        }
    }

    /** Storage holds the operand with dims reordered ({@code storage dim i} is operand dim {@code order[i]}). */
    record Permuted(int[] order) implements Recipe {
        @Override
        public int[] storageShape(int[] shape) {
            int[] s = new int[shape.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = shape[order[i]];
            }
            return s;
        }

        @Override
        public Tensor view(Tensor storage, int[] shape) {
            int[] inverse = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                inverse[order[i]] = i;
            }
            return storage.permute(inverse);
        }

        @Override
        public int storageIndex(int[] shape, int[] index) {
            int[] j = new int[index.length];
            for (int i = 0; i < j.length; i++) {
                j[i] = index[order[i]];
            }
            return Shapes.flatten(storageShape(shape), j);
        }

        @Override
        public String toString() {
            return "permuted" + Arrays.toString(order);
        }
    }

    /** {@code storage[..., start::step, ...]} along {@code dim}. */
    record Stepped(int dim, int start, int step) implements Recipe {
        @Override
        public int[] storageShape(int[] shape) {
            int[] s = shape.clone();
            s[dim] = start + step * shape[dim];
            return s;
        }

        @Override
        public Tensor view(Tensor storage, int[] shape) {
            return storage.slice(dim, start, start + (long) step * shape[dim], step);
        }

        @Override
        public int storageIndex(int[] shape, int[] index) {
            int[] j = index.clone();
            j[dim] = start + step * index[dim];
            return Shapes.flatten(storageShape(shape), j);
        }

        @Override
        public String toString() {
            return "stepped(dim=" + dim + ", start=" + start + ", step=" + step + ")";
        }
    }

    /** {@code storage.narrow(dim, before, n)} of a storage {@code before + after} longer along dim. */
    record Narrowed(int dim, int before, int after) implements Recipe {
        @Override
        public int[] storageShape(int[] shape) {
            int[] s = shape.clone();
            s[dim] = before + shape[dim] + after;
            return s;
        }

        @Override
        public Tensor view(Tensor storage, int[] shape) {
            return storage.narrow(dim, before, shape[dim]);
        }

        @Override
        public int storageIndex(int[] shape, int[] index) {
            int[] j = index.clone();
            j[dim] = before + index[dim];
            return Shapes.flatten(storageShape(shape), j);
        }

        @Override
        public String toString() {
            return "narrowed(dim=" + dim + ", before=" + before + ", after=" + after + ")";
        }
    }

    /**
     * {@code source.expand(shape)}: the source lacks the {@code lead} leading dims and has size 1 in
     * the dims marked {@code broadcast}; those dims get stride 0.
     */
    record Expanded(int lead, boolean[] broadcast) implements Recipe {
        @Override
        public int[] storageShape(int[] shape) {
            int[] s = Arrays.copyOfRange(shape, lead, shape.length);
            for (int d = 0; d < s.length; d++) {
                if (broadcast[lead + d]) {
                    s[d] = 1;
                }
            }
            return s;
        }

        @Override
        public Tensor view(Tensor storage, int[] shape) {
            return storage.expand(Arrays.stream(shape).asLongStream().toArray());
        }

        @Override
        public boolean nonOverlapping() {
            return false;
        }

        @Override
        public int storageIndex(int[] shape, int[] index) {
            int[] j = Arrays.copyOfRange(index, lead, index.length);
            for (int d = 0; d < j.length; d++) {
                if (broadcast[lead + d]) {
                    j[d] = 0;
                }
            }
            return Shapes.flatten(storageShape(shape), j);
        }

        @Override
        public String toString() {
            StringBuilder dims = new StringBuilder();
            for (int d = 0; d < broadcast.length; d++) {
                if (d < lead || broadcast[d]) {
                    dims.append(dims.isEmpty() ? "" : ", ").append(d);
                }
            }
            return "expanded(dims=[" + dims + "])";
        }
    }
}
