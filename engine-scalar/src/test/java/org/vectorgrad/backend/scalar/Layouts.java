package org.vectorgrad.backend.scalar;

import org.vectorgrad.backend.Layout;

/** The layouts the tests exercise every kernel with. */
final class Layouts {
    private Layouts() {
    }

    static Layout dense(int... shape) {
        return Layout.contiguous(shape);
    }

    /** A 1-D view of every {@code step}-th element starting at {@code offset}, as {@code x[offset::step]}. */
    static Layout stepped(int offset, int length, int step) {
        return new Layout(offset, new int[] {length}, new int[] {step});
    }

    /** The transpose of a row-major {@code [rows, cols]} buffer: shape {@code [cols, rows]}. */
    static Layout transposed(int rows, int cols) {
        return Layout.contiguous(rows, cols).permute(1, 0);
    }

    /** One row of {@code cols} elements repeated {@code rows} times (stride 0), as {@code expand}. */
    static Layout rowBroadcast(int rows, int cols) {
        return new Layout(0, new int[] {rows, cols}, new int[] {0, 1});
    }
}
