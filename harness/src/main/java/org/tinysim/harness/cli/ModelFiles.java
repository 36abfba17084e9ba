package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;

/** Loading a .tflite file and compiling it, with user-facing errors. */
final class ModelFiles {

  private ModelFiles() {}

  static Graph load(Path model) {
    if (!Files.isRegularFile(model)) {
      throw new UserError("model " + model + " does not exist or is not a file");
    }
    Graph graph = TfliteImporter.load(model);
    if (graph.ops().isEmpty()) {
      throw new UserError("model " + model + " has no operators");
    }
    return graph;
  }

  /** Copies a file into {@code dir}, keeping its name. */
  static Path copyInto(Path file, Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.copy(file, dir.resolve(file.getFileName().toString()),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + file + " to " + dir, e);
    }
  }
}
