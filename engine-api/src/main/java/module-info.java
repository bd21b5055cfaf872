/**
 * Vectorgrad: PyTorch-style tensors with define-by-run reverse-mode autograd.
 * Computation goes through the {@link org.vectorgrad.backend.Backend} service.
 */
module org.vectorgrad {
    exports org.vectorgrad;
    exports org.vectorgrad.backend;
    exports org.vectorgrad.format;
    uses org.vectorgrad.backend.BackendProvider;
}
