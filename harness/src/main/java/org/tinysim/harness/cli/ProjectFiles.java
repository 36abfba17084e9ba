package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.tinysim.harness.toolchain.CSourceTree;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Makefiles and C trees for projects a student builds with plain {@code make}: a copy of the board
 * support C (and, for models, the kernels) goes into the project, so it builds from an installed
 * tinysim jar as from the repository, and keeps building when either moves. The copies are the
 * files this tinysim builds with; {@code make BOARD=/path/to/board} uses another.
 */
final class ProjectFiles {

  /** Subdirectory of a project holding the board support C. */
  static final String BOARD_DIR = "board";

  private static final String MODEL_MAKEFILE_FIRST_LINE = "# Rebuilds the generated model firmware";

  /** Subdirectory of a compiled model's project holding the kernel C. */
  static final String KERNELS_DIR = "kernels";

  private ProjectFiles() {}

  /** Copies the board support C into {@code project/board}; returns that directory. */
  static Path copyBoard(Path buildRoot, Path project) {
    return copyTree(
        CSourceTree.locate(buildRoot.resolve("src")).board(), project.resolve(BOARD_DIR));
  }

  /** Copies the kernels into {@code project/kernels}; returns that directory. */
  static Path copyKernels(Path buildRoot, Path project) {
    return copyTree(
        CSourceTree.locate(buildRoot.resolve("src")).kernels(), project.resolve(KERNELS_DIR));
  }

  /**
   * The Makefile of a compiled model: rebuilds {@code build/main.elf} from the generated C (main.c,
   * model.c, model_weights.c, ...) with the same kernels and board C, after edits.
   */
  static String modelMakefile(List<String> generatedSources, KernelPath path) {
    List<String> others = generatedSources.stream().filter(s -> !s.equals("main.c")).toList();
    String defines = String.join(" ", path.defines());
    return """
        # Rebuilds the generated model firmware after you edit its C: `make`, then
        # `tinysim run build/main.elf`. Written by `tinysim compile -o`; board/ and kernels/
        # are copies of the C tinysim built it with (override: make BOARD=... KERNELS=...).
        BOARD   ?= %s
        KERNELS ?= %s
        include $(BOARD)/firmware.mk

        SRCS_main := %s $(wildcard $(KERNELS)/*/*.c)
        CFLAGS_main := -I. -I$(KERNELS)/Include %s
        # The generated firmware never mallocs (its arena is static).
        HEAP_SIZE := 0

        all: $(OUT)/main.elf
        """
        .formatted(BOARD_DIR, KERNELS_DIR, String.join(" ", others), defines);
  }

  /**
   * Writes the Makefile, board/ and kernels/ of a compiled model into {@code outDir}. A Makefile
   * this method wrote before is replaced; any other is left alone (refused).
   */
  static Path writeModelProject(
      Path buildRoot, Path outDir, List<String> sources, KernelPath path) {
    Path makefile = outDir.resolve("Makefile");
    String text = modelMakefile(sources, path);
    try {
      if (Files.exists(makefile)
          && !Files.readString(makefile).startsWith(MODEL_MAKEFILE_FIRST_LINE)) {
        throw new UserError(
            makefile + " exists and was not written by tinysim compile; " + "not overwriting it");
      }
      copyBoard(buildRoot, outDir);
      copyKernels(buildRoot, outDir);
      Files.writeString(makefile, text);
      return makefile;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + makefile, e);
    }
  }

  /** Writes {@code text} to a new file; never overwrites one the user may have edited. */
  static Path writeNew(Path file, String text) {
    if (Files.exists(file)) {
      throw new UserError(file + " already exists; not overwriting it");
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static Path copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : (Iterable<Path>) walk::iterator) {
        Path dest = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
    }
  }
}
