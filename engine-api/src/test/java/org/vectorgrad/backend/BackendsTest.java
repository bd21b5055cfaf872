package org.vectorgrad.backend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void anUnknownBackendNameIsAnErrorThatListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Backends.use("gpu"));
        assertTrue(e.getMessage().startsWith("unknown backend 'gpu'"), e.getMessage());
        assertTrue(e.getMessage().contains("available backends:"), e.getMessage());
    }

    @Test
    void threadsMustBePositive() {
        String old = System.getProperty("vectorgrad.threads");
        try {
            System.setProperty("vectorgrad.threads", "0");
            assertThrows(IllegalArgumentException.class, Backends::threads);
            System.setProperty("vectorgrad.threads", "3");
            assertTrue(Backends.threads() == 3);
        } finally {
            if (old == null) {
                System.clearProperty("vectorgrad.threads");
            } else {
                System.setProperty("vectorgrad.threads", old);
            }
        }
    }
}
