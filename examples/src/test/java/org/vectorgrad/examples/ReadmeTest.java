package org.vectorgrad.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's "Using it" files are the user project that {@code mvn -B verify} builds and runs
 * (maven-invoker-plugin, {@code src/it/user-project}): each appears in the README verbatim, as a
 * whole fenced block, so what a reader copies is what was tested.
 */
class ReadmeTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path PROJECT = Path.of("src", "it", "user-project");

    @ParameterizedTest
    @ValueSource(strings = {"pom.xml", "src/main/java/com/example/Main.java"})
    void theReadmeShowsTheTestedUserProjectFile(String file) throws IOException {
        String readme = Files.readString(README);
        String tested = Files.readString(PROJECT.resolve(file));
        String fence = file.endsWith(".xml") ? "```xml\n" : "```java\n";
        assertTrue(readme.contains(fence + tested + "```\n"), "README.md must show " + PROJECT.resolve(file)
                + " verbatim in a " + fence.strip() + " block");
    }
}
