package org.tinysim.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.tinysim.engine.files.TextFiles;

/**
 * Where a command writes its results: never over one of its inputs, and into a directory only over
 * files an earlier run wrote there itself (listed in {@value #MANIFEST}) unless forced.
 */
final class OutputFiles {

  /** Lists the files a command wrote into a directory, one name a line. */
  static final String MANIFEST = ".tinysim-generated";

  private OutputFiles() {}

  /** Refuses {@code output} when it is (or resolves to) one of {@code inputs}. */
  static void refuseOverInput(String option, Path output, Path... inputs) {
    Path out = realPath(output);
    for (Path in : inputs) {
      if (in != null && out.equals(realPath(in))) {
        throw new UserError(
            option
                + " "
                + output
                + " is also an input of this command ("
                + in
                + "); choose another output file");
      }
    }
  }

  /**
   * Copies {@code files} into {@code dir} (created), keeping their names. Before anything is
   * written, refuses a name that exists there but was not written by tinysim, unless {@code force}.
   * Returns the written paths.
   */
  static List<Path> copyInto(List<Path> files, Path dir, boolean force, Path... inputs) {
    TreeSet<String> generated = readManifest(dir);
    for (Path f : files) {
      Path target = dir.resolve(f.getFileName().toString());
      refuseOverInput("-o", target, inputs);
      if (!force && Files.exists(target) && !generated.contains(f.getFileName().toString())) {
        throw new UserError(
            target
                + " exists and was not written by tinysim (it is not listed"
                + " in "
                + dir.resolve(MANIFEST)
                + "); move it away or add --force");
      }
    }
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (Path f : files) {
        Path target = dir.resolve(f.getFileName().toString());
        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        generated.add(f.getFileName().toString());
        written.add(target);
      }
      Files.write(dir.resolve(MANIFEST), generated);
    } catch (IOException e) {
      throw new UserError("cannot write into " + dir + " (" + describe(e) + ")", e);
    }
    return written;
  }

  /** Writes {@code bytes} to {@code file} through a temporary file beside it. */
  static void writeAtomically(Path file, byte[] bytes) {
    Path abs = file.toAbsolutePath();
    try {
      Files.createDirectories(abs.getParent());
      Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
      try {
        Files.write(tmp, bytes);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UserError("cannot write " + file + " (" + describe(e) + ")", e);
    }
  }

  static String describe(IOException e) {
    return TextFiles.describe(e);
  }

  private static TreeSet<String> readManifest(Path dir) {
    Path manifest = dir.resolve(MANIFEST);
    TreeSet<String> names = new TreeSet<>();
    if (Files.isRegularFile(manifest)) {
      try {
        for (String line : Files.readAllLines(manifest)) {
          if (!line.isBlank()) {
            names.add(line.strip());
          }
        }
      } catch (IOException e) {
        throw new UserError("cannot read " + manifest + " (" + describe(e) + ")", e);
      }
    }
    return names;
  }

  /** The real path of a file, or of its nearest existing parent plus the rest. */
  private static Path realPath(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException e) {
      return abs;
    }
  }
}
