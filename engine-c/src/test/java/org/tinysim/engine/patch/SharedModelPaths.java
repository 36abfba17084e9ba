package org.tinysim.engine.patch;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** ../shared models beside the repository; the calling test skips when one is absent. */
final class SharedModelPaths {

  private SharedModelPaths() {}

  static Path model(String relative) {
    String root = System.getProperty("tinysim.repoRoot", System.getProperty("user.dir"));
    Path start = Path.of(root).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path p = dir.resolveSibling("shared").resolve("models").resolve(relative);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    Assumptions.assumeTrue(false, "shared model " + relative + " absent: skipping");
    return null;
  }
}
