package org.vectorgrad.backend.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.vectorgrad.DType;
import org.vectorgrad.backend.Backend;
import org.vectorgrad.backend.BackendProvider;
import org.vectorgrad.backend.Backends;
import org.vectorgrad.backend.Layout;
import org.vectorgrad.backend.UnaryOp;

class ScalarBackendProviderTest {

    @Test
    void serviceLoaderFindsTheProvider() {
        BackendProvider p = ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals("scalar"))
                .findFirst()
                .orElseThrow();
        assertEquals(0, p.priority());
        assertNull(p.unavailableReason());
        assertInstanceOf(ScalarBackend.class, p.create());
    }

    @Test
    void registryComputesWithIt() {
        assertTrue(Backends.available().contains("scalar"));
        Backend b = Backends.get("scalar");
        assertEquals("scalar", b.name());
        float[] y = new float[3];
        b.unary(UnaryOp.SQRT, DType.FLOAT32, new float[] {1, 4, 9}, Layout.contiguous(3), y, Layout.contiguous(3));
        assertArrayEquals(new float[] {1, 2, 3}, y);
    }
}
