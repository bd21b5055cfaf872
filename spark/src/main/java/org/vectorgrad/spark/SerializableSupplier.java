package org.vectorgrad.spark;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that Spark can ship to executors: a lambda typed as this interface is
 * serializable. Executors build their copy of the model and the loss with it.
 *
 * <pre>{@code
 * SerializableSupplier<Module> model = () -> new Sequential(new Linear(2, 64), new ReLU(), new Linear(64, 2));
 * }</pre>
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
}
