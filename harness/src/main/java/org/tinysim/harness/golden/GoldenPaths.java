package org.tinysim.harness.golden;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where golden files live: the suites directory, the repository root above it, {@code ../shared}
 * beside the repository root and the system data-set directory.
 *
 * <p>Path references in case files: {@code shared:REL} is {@code <shared>/REL}, {@code
 * datasets:REL} is {@code <datasets>/REL}, absolute paths are used as they are, anything else is
 * relative to the base the field names (repository root or case directory).
 */
public record GoldenPaths(Path suites, Path repoRoot, Path shared, Path datasets) {

  public static final String SHARED_PREFIX = "shared:";
  public static final String DATASETS_PREFIX = "datasets:";

  /** Paths for the suites directory {@code <repo>/golden-tests/suites} (or any suites dir). */
  public static GoldenPaths forSuites(Path suites) {
    Path abs = suites.toAbsolutePath().normalize();
    Path repo =
        abs.getParent() != null
                && abs.getParent().getParent() != null
                && abs.getParent().getFileName().toString().equals("golden-tests")
            ? abs.getParent().getParent()
            : abs.getParent();
    return new GoldenPaths(
        abs, repo, repo.resolveSibling("shared"), Path.of("/usr/share/datasets"));
  }

  /** The first {@code golden-tests/suites} at or above {@code start}. */
  public static GoldenPaths discover(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path suites = dir.resolve("golden-tests").resolve("suites");
      if (Files.isDirectory(suites)) {
        return forSuites(suites);
      }
    }
    throw new CaseFormatException(
        "no golden-tests/suites directory at or above "
            + start.toAbsolutePath()
            + " (run from the repository or pass --suites-dir)");
  }

  /** A file reference from a case file; {@code base} resolves plain relative paths. */
  public FileRef resolve(String ref, Path base) {
    if (ref.startsWith(SHARED_PREFIX)) {
      return new FileRef(ref, shared.resolve(ref.substring(SHARED_PREFIX.length())), true);
    }
    if (ref.startsWith(DATASETS_PREFIX)) {
      return new FileRef(ref, datasets.resolve(ref.substring(DATASETS_PREFIX.length())), false);
    }
    Path p = Path.of(ref);
    return new FileRef(ref, p.isAbsolute() ? p : base.resolve(p).normalize(), false);
  }

  /**
   * A resolved reference.
   *
   * @param text as written in the case file
   * @param shared under ../shared: a missing file skips the case instead of failing it
   */
  public record FileRef(String text, Path path, boolean shared) {

    public boolean exists() {
      return Files.isRegularFile(path);
    }
  }
}
