package org.tinysim.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
