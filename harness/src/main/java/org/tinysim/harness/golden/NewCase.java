package org.tinysim.harness.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.tinysim.engine.json.Json;

/**
 * Creates a case directory for any .tflite plus its input records (raw bytes in the model's input
 * type, as the command line read them from the user's file). The case is written into a hidden
 * staging folder under the suites directory, blessed there, and only then moved into place, so a
 * failed validation leaves nothing behind.
 */
public final class NewCase implements AutoCloseable {

  private final Path staging;
  private final Path caseDir;
  private final Path target;

  private NewCase(Path staging, Path caseDir, Path target) {
    this.staging = staging;
    this.caseDir = caseDir;
    this.target = target;
  }

  /** The staged case's directory ({@code <staging>/<suite>/<name>}), to load and bless. */
  public Path caseDir() {
    return caseDir;
  }

  /** Where {@link #publish()} puts the case. */
  public Path target() {
    return target;
  }

  /**
   * Writes {@code case.json} and the inputs as {@code inputs.bin} into a staging folder {@code
   * <suites>/.new-<name>-<random>/<suite>/<name>}.
   *
   * @param inputs every record's input bytes, end to end
   */
  public static NewCase stage(
      GoldenPaths paths, String suite, String name, Path model, byte[] inputs) {
    if (!name.matches("[A-Za-z0-9_.-]+")
        || !suite.matches("[A-Za-z0-9_.-]+")
        || name.startsWith(".")
        || suite.startsWith(".")) {
      throw new CaseFormatException(
          "suite and case names may hold letters, digits, '_', '.' and"
              + " '-' only, and not start with '.': '"
              + suite
              + "/"
              + name
              + "'");
    }
    if (!Files.isRegularFile(model)) {
      throw new CaseFormatException("--model " + model + " does not exist");
    }
    Path target = paths.suites().resolve(suite).resolve(name);
    if (Files.exists(target)) {
      throw new CaseFormatException("case " + suite + "/" + name + " already exists at " + target);
    }
    Path abs = model.toAbsolutePath().normalize();
    String modelRef =
        abs.startsWith(paths.repoRoot())
            ? paths.repoRoot().relativize(abs).toString()
            : abs.toString();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("description", "created by tinysim golden --model " + model.getFileName());
    json.put("model", modelRef);
    json.put("inputs", Map.of("file", "inputs.bin"));
    Path staging = null;
    try {
      Files.createDirectories(paths.suites());
      staging = Files.createTempDirectory(paths.suites(), ".new-" + name + "-");
      Path dir = Files.createDirectories(staging.resolve(suite).resolve(name));
      Files.write(dir.resolve("inputs.bin"), inputs);
      Files.writeString(dir.resolve(CaseLoader.CASE_FILE), Json.indented(json));
      return new NewCase(staging, dir, target);
    } catch (IOException e) {
      delete(staging);
      throw new UncheckedIOException(
          "cannot create case " + suite + "/" + name + " under " + paths.suites(), e);
    }
  }

  /** Moves the (blessed) staged case to its place in the suite, in one rename. */
  public Path publish() {
    try {
      Files.createDirectories(target.getParent());
      try {
        Files.move(caseDir, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(caseDir, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move the new case into "
              + target
              + " (a case of that name may have appeared meanwhile)",
          e);
    }
    return target;
  }

  /** Deletes the staging folder: all of it before {@link #publish()}, what is left after. */
  @Override
  public void close() {
    delete(staging);
  }

  private static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the staging folder " + dir, e);
    }
  }
}
