package org.vectorgrad;

/**
 * Counts in-place modifications of a storage. Shared by a tensor, its views and {@code detach()}ed
 * aliases (not by {@code data()}), so that backward can tell a saved tensor was overwritten.
 */
final class VersionCounter {
    private int version;

    int get() {
        return version;
    }

    void bump() {
        version++;
    }
}
