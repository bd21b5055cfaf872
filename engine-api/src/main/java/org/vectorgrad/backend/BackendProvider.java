package org.vectorgrad.backend;

/**
 * The {@link java.util.ServiceLoader} service through which backends are found. A provider is
 * cheap to instantiate and must not touch optional JDK modules (such as
 * {@code jdk.incubator.vector}) until {@link #create()}, so that asking whether it is available
 * never fails.
 */
public interface BackendProvider {

    /** The name users select it by, e.g. {@code simd}. */
    String name();

    /** Higher is preferred when no backend is named; the reference backend has 0. */
    int priority();

    /** Null when the backend can run here; otherwise why not and how to fix it. */
    String unavailableReason();

    /** The backend; called once, only when {@link #unavailableReason()} is null. */
    Backend create();
}
