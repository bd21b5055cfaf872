package org.vectorgrad.backend.simd;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BackendProvider;

/**
 * Offers the {@code simd} backend when the JVM runs with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>{@link java.util.ServiceLoader} instantiates this class whether or not the incubator module is
 * present, so it never names a Vector API class: it looks the module up in the boot layer and only
 * then reaches the backend class (which does use the Vector API) through a method handle.
 */
public final class SimdBackendProvider implements BackendProvider {
    private static final String MODULE = "jdk.incubator.vector";
    private static final String BACKEND_CLASS = "org.vectorgrad.backend.simd.SimdBackend";

    /** Computed once: looking up the module and probing the species does not change during a run. */
    private static final class Probe {
        static final String REASON = probe();
    }

    public SimdBackendProvider() {
    }

    @Override
    public String name() {
        return "simd";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String unavailableReason() {
        return Probe.REASON;
    }

    @Override
    public Backend create() {
        String why = unavailableReason();
        if (why != null) {
            throw new IllegalStateException("backend 'simd' cannot run here: " + why);
        }
        try {
            return (Backend) constructor().invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create the simd backend", t);
        }
    }

    private static MethodHandle constructor() throws ReflectiveOperationException {
        Class<?> c = Class.forName(BACKEND_CLASS, true, SimdBackendProvider.class.getClassLoader());
        return MethodHandles.lookup().findConstructor(c, MethodType.methodType(void.class));
    }

    private static String probe() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return "the JDK Vector API module is not enabled; run the JVM with --add-modules " + MODULE;
        }
        try {
            Class<?> c = Class.forName(BACKEND_CLASS, true, SimdBackendProvider.class.getClassLoader());
            return (String) MethodHandles.lookup()
                    .findStatic(c, "speciesProblem", MethodType.methodType(String.class)).invoke();
        } catch (Throwable t) {
            return "the JDK Vector API cannot be used (" + t + "); run the JVM with --add-modules " + MODULE;
        }
    }
}
