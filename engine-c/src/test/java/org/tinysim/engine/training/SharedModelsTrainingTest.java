package org.tinysim.engine.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.interpreter.SharedFiles;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;

/** Training plans of the MobileNet-like models in ../shared (skipped when absent). */
class SharedModelsTrainingTest {

  private static PreparedGraph load(String model) {
    return Preparer.prepare(TfliteImporter.load(SharedFiles.model(model)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tinyengine/mcunet_vww_80x80.tflite", "mlperf-tiny/vww_96_int8.tflite"})
  void sparseAndReorderingEachCutPeakMemory(String model) {
    PreparedGraph g = load(model);
    TrainingMemoryReport r =
        TrainingMemoryReport.of(model, g, TrainingSpec.of(SparseSchemes.defaultRules(g.graph())));
    long full = r.row(CompileMode.FULL_UPDATE).memory().peak();
    long sparse = r.row(CompileMode.SPARSE).memory().peak();
    long reordered = r.row(CompileMode.SPARSE_REORDERED).memory().peak();
    assertTrue(full > 4 * sparse, r.toText());
    assertTrue(sparse >= reordered, r.toText());
    assertTrue(full > TrainingSpec.DEFAULT_SRAM_BUDGET, "full update cannot fit 256 KB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tinyengine/mcunet_vww_80x80.tflite", "mlperf-tiny/vww_96_int8.tflite"})
  void greedyChoiceFitsAndOneMoreBiasWouldNot(String model) {
    PreparedGraph g = load(model);
    TrainingSpec base = TrainingSpec.of(List.of());
    List<LayerRule> chosen = SparseSchemes.fitToBudget(g, base, Long.MAX_VALUE);
    TrainingSpec spec = base.withLayers(chosen);
    TrainingProgram fitted = TrainingCompiler.compile(g, spec, CompileMode.SPARSE_REORDERED);
    assertTrue(fitted.fitsBudget(), fitted.memory().toString());

    int earliest =
        chosen.stream().mapToInt(r -> Integer.parseInt(r.selector())).min().orElseThrow();
    Op next = null;
    for (Op op : SparseSchemes.weightedLayers(g.graph())) {
      if (op.index() < earliest && LayerSelection.bias(op) != null) {
        next = op;
      }
    }
    if (next != null) {
      List<LayerRule> oneMore = new ArrayList<>(chosen);
      oneMore.add(new LayerRule(String.valueOf(next.index()), new UpdateRule.BiasOnly()));
      TrainingProgram over =
          TrainingCompiler.compile(g, spec.withLayers(oneMore), CompileMode.SPARSE_REORDERED);
      assertFalse(over.fitsBudget(), "the chooser stopped early at op " + next.index());
    }
    TrainingProgram deferred = TrainingCompiler.compile(g, spec, CompileMode.SPARSE);
    assertTrue(deferred.memory().peak() >= fitted.memory().peak());
  }
}
