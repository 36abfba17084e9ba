package org.tinysim.engine.oracle.interpreter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates ../shared (models and data) from the tinysim.repoRoot property or by walking up from the
 * working directory, and skips the calling test when a file is absent.
 */
public final class SharedFiles {

  private SharedFiles() {}

  public static Path model(String relative) {
    return existing(root().resolve("models").resolve(relative));
  }

  public static Path data(String relative) {
    return existing(root().resolve("data").resolve(relative));
  }

  /** The shared models folder; skips the calling test when it is absent. */
  public static Path modelsDir() {
    Path p = root().resolve("models");
    Assumptions.assumeTrue(
        Files.isDirectory(p),
        "shared folder " + p + " absent (../shared not next to the repository): skipping");
    return p;
  }

  public static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(Path p) {
    Assumptions.assumeTrue(
        Files.isRegularFile(p),
        "shared file " + p + " absent (../shared not next to the repository): skipping");
    return p;
  }

  private static Path root() {
    List<Path> starts = new ArrayList<>();
    String repoRoot = System.getProperty("tinysim.repoRoot");
    if (repoRoot != null && !repoRoot.isBlank()) {
      starts.add(Paths.get(repoRoot));
    }
    starts.add(Paths.get(System.getProperty("user.dir")));
    for (Path start : starts) {
      for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
        if (Files.isDirectory(p.resolve("shared").resolve("models"))) {
          return p.resolve("shared");
        }
      }
    }
    return Paths.get("shared");
  }
}
