/**
 * The scalar reference backend: plain Java loops that every other backend and every test is checked
 * against. Selected with {@code -Dvectorgrad.backend=scalar}.
 */
module org.vectorgrad.scalar {
    requires transitive org.vectorgrad;
    exports org.vectorgrad.backend.scalar;
    provides org.vectorgrad.backend.BackendProvider with org.vectorgrad.backend.scalar.ScalarBackendProvider;
}
