/**
 * Vectorgrad's torch.nn and torch.optim: modules with registered parameters and state dicts,
 * layers, losses, initialisers, optimizers and learning-rate schedulers, and safetensors / .npy files.
 */
module org.vectorgrad.nn {
    requires transitive org.vectorgrad;
    exports org.vectorgrad.nn;
    exports org.vectorgrad.optim;
    exports org.vectorgrad.io;
}
