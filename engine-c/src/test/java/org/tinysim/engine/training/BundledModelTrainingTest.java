package org.tinysim.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;

/** Training plan of the bundled Fashion-MNIST MobileNet (skipped until the model is bundled). */
class BundledModelTrainingTest {

  private static PreparedGraph bundled() {
    Path found = null;
    for (Path p = Path.of("").toAbsolutePath(); p != null && found == null; p = p.getParent()) {
      Path candidate = p.resolve("models").resolve("fashion_mobilenet.tflite");
      if (Files.isRegularFile(candidate)) {
        found = candidate;
      }
    }
    Assumptions.assumeTrue(found != null, "models/fashion_mobilenet.tflite not bundled yet");
    return Preparer.prepare(TfliteImporter.load(found));
  }

  @Test
  void defaultSparseSchemeFitsAndBeatsFullUpdate() {
    PreparedGraph g = bundled();
    TrainingSpec spec = TrainingSpec.of(SparseSchemes.defaultRules(g.graph()));
    TrainingMemoryReport r = TrainingMemoryReport.of("fashion_mobilenet", g, spec);
    MemoryBreakdown reordered = r.row(CompileMode.SPARSE_REORDERED).memory();
    assertTrue(reordered.peak() <= TrainingSpec.DEFAULT_SRAM_BUDGET, r.toText());
    assertTrue(reordered.peak() <= r.row(CompileMode.SPARSE).memory().peak(), r.toText());
    assertTrue(
        r.row(CompileMode.SPARSE).memory().peak() < r.row(CompileMode.FULL_UPDATE).memory().peak(),
        r.toText());

    long weightBytes = 0;
    for (Op op : g.graph().ops()) {
      if (LayerSelection.weights(op) != null) {
        weightBytes += LayerSelection.weights(op).sizeInBytes();
      }
    }
    assertEquals(
        weightBytes,
        r.row(CompileMode.FULL_UPDATE).memory().weightCopies(),
        "full update copies every weight tensor of the model");
  }
}
