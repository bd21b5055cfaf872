package org.vectorgrad.backend.scalar;

import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BackendProvider;

/** Provides the {@link ScalarBackend} under the name {@code scalar}; it runs on every JVM. */
public final class ScalarBackendProvider implements BackendProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public ScalarBackendProvider() {
    }

    @Override
    public String name() {
        return ScalarBackend.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public Backend create() {
        return new ScalarBackend();
    }
}
