package org.vectorgrad.io;

/** A file that is not a valid safetensors or .npy file, or holds what Vectorgrad cannot represent. */
public class FormatException extends IllegalArgumentException {
    public FormatException(String message) {
        super(message);
    }
}
