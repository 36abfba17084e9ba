package org.tinysim.harness.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tinysim.engine.files.TextFiles;
import org.tinysim.harness.toolchain.CSourceTree;

/**
 * Which kernel sources a run compiles: the blessed ones on the classpath, a modified copy of
 * kernels-cmsis/src/main/c, or the blessed ones with a unified diff applied.
 *
 * @param dir kernel directory (Include/ plus sources), empty = the classpath kernels
 * @param label for reports, e.g. "kernels patched by slow-conv.diff"
 */
public record KernelSource(Optional<Path> dir, String label) {

  /** The path prefix of the kernel sources inside the repository, as diffs made there use it. */
  static final String REPO_KERNELS = "kernels-cmsis/src/main/c/";

  public static KernelSource blessed() {
    return new KernelSource(Optional.empty(), "blessed kernels");
  }

  public static KernelSource directory(Path dir) {
    if (!Files.isRegularFile(dir.resolve("Include").resolve("tsn_nnfunctions.h"))) {
      throw new CaseFormatException(
          "--kernels "
              + dir
              + " is not a kernel directory (no "
              + "Include/tsn_nnfunctions.h; point it at a copy of "
              + REPO_KERNELS
              + ")");
    }
    return new KernelSource(Optional.of(dir.toAbsolutePath()), "kernels from " + dir);
  }

  /**
   * Copies the blessed kernels (from {@code tree}) to {@code work} and applies {@code patch} with
   * {@code patch -p1}. Diffs made in the repository (paths {@code a/kernels-cmsis/src/main/c/...})
   * and diffs made inside the kernel directory (paths {@code a/Convolution/...}) both apply.
   */
  public static KernelSource patched(Path patch, CSourceTree tree, Path work) {
    if (!Files.isRegularFile(patch)) {
      throw new CaseFormatException("--kernel-patch " + patch + " does not exist");
    }
    String diff;
    try {
      diff = TextFiles.read(patch, "--kernel-patch", CaseFormatException::new);
      deleteTree(work);
      boolean repoPaths =
          diff.lines()
              .filter(l -> l.startsWith("+++ "))
              .findFirst()
              .map(l -> l.substring(4).strip().replaceFirst("^[^/]*/", "").startsWith(REPO_KERNELS))
              .orElseThrow(
                  () ->
                      new CaseFormatException(
                          "--kernel-patch " + patch + " is not a unified diff (no '+++ ' line)"));
      Path kernels = repoPaths ? work.resolve(REPO_KERNELS) : work;
      copyTree(tree.kernels(), kernels);
      run(
          List.of(
              "patch",
              "-p1",
              "--batch",
              "--no-backup-if-mismatch",
              "-i",
              patch.toAbsolutePath().toString()),
          work,
          patch);
      return new KernelSource(Optional.of(kernels), "kernels patched by " + patch.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare patched kernels in " + work, e);
    }
  }

  public boolean isBlessed() {
    return dir.isEmpty();
  }

  private static void run(List<String> command, Path dir, Path patch) throws IOException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new CaseFormatException("patch did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaseFormatException("interrupted while applying " + patch);
    }
    if (p.exitValue() != 0) {
      throw new CaseFormatException(
          "--kernel-patch "
              + patch
              + " does not apply to the "
              + "blessed kernels (patch -p1 exit "
              + p.exitValue()
              + "):\n"
              + output.strip());
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path src : (Iterable<Path>) walk::iterator) {
        Path dest = to.resolve(from.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(src, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
