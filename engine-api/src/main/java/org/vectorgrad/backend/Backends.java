package org.vectorgrad.backend;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds backends with {@link ServiceLoader} and says which one computes.
 *
 * <p>{@code -Dvectorgrad.backend=NAME} picks one by name; without it the available backend with the
 * highest priority is used. {@code -Dvectorgrad.threads=N} caps the threads kernels may use.
 * A scope can run under another backend, which is how tests check every backend:
 *
 * <pre>{@code
 * try (var scope = Backends.use("scalar")) {
 *     Tensor y = x.sin();   // computed by the scalar backend
 * }
 * }</pre>
 */
public final class Backends {
    private static final System.Logger LOG = System.getLogger("org.vectorgrad");
    private static final ThreadLocal<Backend> SCOPED = new ThreadLocal<>();
    private static final Map<String, Backend> CREATED = new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile Backend defaultBackend;

    private Backends() {
    }

    /** The backend computing on this thread now. */
    public static Backend current() {
        Backend b = SCOPED.get();
        if (b != null) {
            return b;
        }
        Backend d = defaultBackend;
        if (d == null) {
            synchronized (Backends.class) {
                d = defaultBackend;
                if (d == null) {
                    d = chooseDefault();
                    defaultBackend = d;
                }
            }
        }
        return d;
    }

    /**
     * Runs the current thread under the named backend until the returned scope is closed.
     *
     * @throws IllegalArgumentException if no such backend exists or it cannot run here
     */
    public static Scope use(String name) {
        Backend previous = SCOPED.get();
        SCOPED.set(get(name));
        return () -> SCOPED.set(previous);
    }

    /** The named backend (created once). */
    public static Backend get(String name) {
        return CREATED.computeIfAbsent(name, n -> {
            BackendProvider p = providers().get(n);
            if (p == null) {
                throw new IllegalArgumentException("unknown backend '" + n + "' (from -Dvectorgrad.backend or "
                        + "Backends.use); available backends: " + describeAll());
            }
            String why = p.unavailableReason();
            if (why != null) {
                throw new IllegalStateException("backend '" + n + "' cannot run here: " + why);
            }
            return p.create();
        });
    }

    /** Names of the backends that can run here, best first. */
    public static List<String> available() {
        return providers().values().stream()
                .filter(p -> p.unavailableReason() == null)
                .sorted(Comparator.comparingInt(BackendProvider::priority).reversed())
                .map(BackendProvider::name)
                .toList();
    }

    /** Set by {@link #setThreads}; 0 when not set. */
    private static volatile int threadsOverride;

    /**
     * The processors available when this class was loaded, read once as PyTorch reads its default
     * thread count at startup: {@code Runtime.availableProcessors()} is a system call (450 ns on
     * the 2-core Zen 3 box), and {@link #threads} is asked by every kernel large enough to split.
     */
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    /** Caps kernel threads at n from now on, for every thread ({@code torch.set_num_threads}). */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("set_num_threads expects a positive integer");
        }
        threadsOverride = n;
    }

    /**
     * The cap on kernel threads: the value of {@link #setThreads}, else {@code -Dvectorgrad.threads},
     * else the processors available at startup.
     */
    public static int threads() {
        if (threadsOverride > 0) {
            return threadsOverride;
        }
        String s = System.getProperty("vectorgrad.threads");
        if (s == null || s.isBlank()) {
            return CPUS;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dvectorgrad.threads must be a positive integer, got '" + s + "'");
        }
    }

    /** A scope opened by {@link #use}; closing it restores the previous backend. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static Map<String, BackendProvider> providers() {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
            byName.putIfAbsent(p.name(), p);
        }
        return byName;
    }

    private static String describeAll() {
        Map<String, BackendProvider> all = providers();
        if (all.isEmpty()) {
            return "none (put engine-scalar or engine-simd on the class path)";
        }
        return all.values().stream()
                .map(p -> p.unavailableReason() == null ? p.name() : p.name() + " (unavailable: " + p.unavailableReason() + ")")
                .collect(Collectors.joining(", "));
    }

    private static Backend chooseDefault() {
        String named = System.getProperty("vectorgrad.backend");
        if (named != null && !named.isBlank()) {
            return get(named.trim());
        }
        List<BackendProvider> all = new ArrayList<>(providers().values());
        all.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        for (BackendProvider p : all) {
            String why = p.unavailableReason();
            if (why == null) {
                return get(p.name());
            }
            LOG.log(Level.INFO, "Vectorgrad backend ''{0}'' not used: {1}", p.name(), why);
        }
        throw new IllegalStateException("no Vectorgrad backend available: " + describeAll());
    }
}
