package org.tinysim.harness.inference;

import java.nio.file.Path;

/** Where tests build firmware: under the module's target/, shared so object caches persist. */
final class BuildDirs {

  private BuildDirs() {}

  static Path root() {
    return Path.of("target", "tinysim-build").toAbsolutePath();
  }
}
