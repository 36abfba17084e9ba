package org.tinysim.harness.cli;

import java.nio.file.Path;

/**
 * Where the CLI builds firmware: {@code --build-dir}, else {@code $TINYSIM_BUILD_DIR}, else
 * {@code <tmp>/tinysim-<user>}. Kernel and runtime objects are cached there between runs.
 */
final class BuildRoot {

  private BuildRoot() {}

  static Path resolve(Path option) {
    if (option != null) {
      return option.toAbsolutePath();
    }
    String env = System.getenv("TINYSIM_BUILD_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
    return Path.of(System.getProperty("java.io.tmpdir"), "tinysim-" + user);
  }
}
