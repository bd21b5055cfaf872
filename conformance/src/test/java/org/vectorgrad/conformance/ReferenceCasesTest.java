package org.vectorgrad.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vectorgrad.Tensor;
import org.vectorgrad.backend.Backends;

/**
 * Runs every ported reference case under every backend and compares its output with PyTorch's
 * {@code .out} file line by line, after {@link Normalize the documented normalisations}.
 */
class ReferenceCasesTest {

    /** The directories ported here: shared/reference cases/ and nn/, and nn-own/ (more nn programs of the same kind, with their .py). */
    private static final List<String> DIRECTORIES = List.of("cases", "nn", "nn-own");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String dir : DIRECTORIES) {
            try (InputStream in = ReferenceCasesTest.class.getResourceAsStream("/reference/" + dir + "/INDEX")) {
                for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (name.isBlank()) {
                        continue;
                    }
                    for (String backend : Backends.available()) {
                        out.add(Arguments.of(dir + "/" + name.trim(), backend));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesPyTorch(String name, String backend) throws Exception {
        String number = name.substring(name.indexOf('/') + 1).substring(0, 3);
        ReferenceCase c;
        try {
            c = (ReferenceCase) Class.forName("org.vectorgrad.conformance.cases.Case" + number).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            fail("reference case " + name + " is not ported (expected class Case" + number + ")");
            return;
        }
        List<String> expected = Normalize.lines(read("/reference/" + name + ".out"));
        List<String> actual = Normalize.lines(String.join("\n", run(c, backend)));
        boolean same = expected.size() == actual.size();
        for (int i = 0; same && i < expected.size(); i++) {
            same = Normalize.sameLine(expected.get(i), actual.get(i));
        }
        if (!same) {
            assertEquals(String.join("\n", expected), String.join("\n", actual), "output of case " + name + " under " + backend);
        }
    }

    /** Runs a case with the same seed as the Python prelude, capturing autograd warnings as _ref.py prints them. */
    static List<String> run(ReferenceCase c, String backend) throws Exception {
        Ref r = new Ref();
        Logger log = Logger.getLogger("org.vectorgrad");
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord rec) {
                r.print("WARNING UserWarning: " + rec.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        log.setUseParentHandlers(false);
        try (var scope = Backends.use(backend)) {
            Tensor.manualSeed(0);
            c.run(r);
        } finally {
            log.removeHandler(h);
            log.setUseParentHandlers(true);
        }
        return r.lines();
    }

    static String read(String resource) throws IOException {
        try (InputStream in = ReferenceCasesTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
