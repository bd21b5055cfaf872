/**
 * The Vector API backend: float32 and float64 kernels written with {@code jdk.incubator.vector};
 * integer and bool work goes to the scalar reference backend.
 */
module org.vectorgrad.simd {
    requires org.vectorgrad;
    requires org.vectorgrad.scalar;
    requires jdk.incubator.vector;

    provides org.vectorgrad.backend.BackendProvider with org.vectorgrad.backend.simd.SimdBackendProvider;
}
