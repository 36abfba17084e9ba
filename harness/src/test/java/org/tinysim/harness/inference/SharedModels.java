package org.tinysim.harness.inference;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared next to the repository; tests skip when it is absent. */
final class SharedModels {

  private SharedModels() {}

  static Path shared() {
    String root = System.getProperty("tinysim.repoRoot");
    assumeTrue(root != null, "tinysim.repoRoot is not set: shared models unavailable");
    Path shared = Path.of(root).toAbsolutePath().normalize().resolveSibling("shared");
    assumeTrue(Files.isDirectory(shared.resolve("models")), "no shared models at " + shared);
    return shared;
  }

  static Path require(Path file) {
    assumeTrue(Files.isRegularFile(file), "missing shared file " + file);
    return file;
  }
}
