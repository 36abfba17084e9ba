package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import picocli.CommandLine.Option;

/**
 * Where the CLI builds firmware: {@code --build-dir}, else {@code $TINYSIM_BUILD_DIR}, else {@code
 * <tmp>/tinysim-<user>}. Kernel and runtime objects are cached there between runs, within a size
 * bound ({@link BuildCache}). A picocli mixin, so every command that builds declares the option the
 * same way.
 */
final class BuildRoot {

  @Option(
      names = "--build-dir",
      paramLabel = "DIR",
      description = "where to build (default $TINYSIM_BUILD_DIR or <tmp>/tinysim-<user>)")
  Path option;

  private boolean trimmed;

  /** The build folder, trimmed to the cache bound once per command before it builds. */
  Path resolve() {
    Path root = location();
    if (!trimmed) {
      trimmed = true;
      new BuildCache(root).evict(BuildCache.limitFromEnvironment(), FileTime.from(Instant.now()));
    }
    return root;
  }

  private Path location() {
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
