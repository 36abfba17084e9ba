package org.tinysim.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Memory of {@link TestModels#chain()} programs against sizes computed by hand. Activations: input
 * 8x8x3 = 192 B, t1/t2/t3 8x8x4 = 256 B each, t4/t5 4 B, t6/t7 3 B (int8).
 */
class TrainingMemoryTest {

  /** Compiles with SGD momentum 0.9 unless the spec names an optimizer. */
  private static TrainingProgram compile(String specJson, CompileMode mode) {
    String json =
        specJson.contains("optimizer")
            ? specJson
            : specJson.replaceFirst("\\{", "{\"optimizer\": {\"momentum\": 0.9}, ");
    return TrainingCompiler.compile(
        TrainingCompilerTest.chain(), TrainingSpec.parse(json, "test.json"), mode);
  }

  @Test
  void headUpdateCostsItsCopiesMomentumAndTheForwardPeak() {
    TrainingProgram p = compile("{\"layers\": {\"t6\": \"all\"}}", CompileMode.SPARSE_REORDERED);
    MemoryBreakdown m = p.memory();
    assertEquals(768, m.arena(), "t1, t2 and t3 are all live at the ADD");
    assertEquals(2, m.peakStep());
    assertEquals(768, m.activationsAtPeak());
    assertEquals(0, m.gradientsAtPeak());
    assertEquals(3 * 4 + 3 * 4 * 4 + 3 * 4, m.gradientTotal(), "dX:t6 + dW 3x4 + db 3, float");
    assertEquals(3 * 4, m.weightCopies(), "int8 FC weights 3x4");
    assertEquals(3 * 4, m.biasCopies(), "int32 bias 3");
    assertEquals((12 + 3) * 4, m.optimizerState(), "float momentum per updated parameter");
    assertEquals(768 + 24 + 60, m.peak());
    assertTrue(m.peakStepLabel().contains("op 2 ADD 't3'"), m.peakStepLabel());
  }

  @Test
  void fp32ParametersAddFloatMastersOfTheUpdatedRows() {
    TrainingProgram p =
        compile(
            "{\"layers\": {\"t6\": \"all\"}, \"params\": \"fp32\"}", CompileMode.SPARSE_REORDERED);
    assertEquals(12 + 12 * 4, p.memory().weightCopies());
    assertEquals(12 + 3 * 4, p.memory().biasCopies());
    TrainStep.Update u = p.steps(TrainStep.Update.class).get(0);
    assertEquals("Wm:op5", p.tensor(u.target()).name());
    assertEquals("W:op5", p.tensor(u.requantizeInto()).name());
  }

  @Test
  void plainSgdHasNoOptimizerState() {
    TrainingProgram p =
        compile(
            "{\"layers\": {\"t6\": \"all\"}, \"optimizer\": {\"lr\": 0.1, " + "\"momentum\": 0}}",
            CompileMode.SPARSE_REORDERED);
    assertEquals(0, p.memory().optimizerState());
    assertTrue(p.steps(TrainStep.Update.class).stream().allMatch(u -> u.momentum() == -1));
  }

  @Test
  void fullUpdateCopiesEveryWeightedLayer() {
    TrainingProgram p = compile("{\"layers\": {\"t6\": \"bias\"}}", CompileMode.FULL_UPDATE);
    assertEquals(java.util.Set.of(0, 1, 5), p.updates().keySet(), "spec rules are ignored");
    assertEquals(4 * 27 + 4 * 9 + 12, p.memory().weightCopies());
    assertEquals((4 + 4 + 3) * 4, p.memory().biasCopies());
    assertEquals((4 * 27 + 4 * 9 + 12 + 4 + 4 + 3) * 4, p.memory().optimizerState());
    assertTrue(
        p.memory().peak()
            > compile("{\"layers\": {\"t6\": \"bias\"}}", CompileMode.SPARSE_REORDERED)
                .memory()
                .peak());
  }

  @Test
  void reorderingNeverRaisesTheArenaAndLowersItWhenGradientsPileUp() {
    String spec = "{\"layers\": {\"0\": \"all\", \"1\": \"all\", \"t6\": \"all\"}}";
    MemoryBreakdown deferred = compile(spec, CompileMode.SPARSE).memory();
    MemoryBreakdown reordered = compile(spec, CompileMode.SPARSE_REORDERED).memory();
    // Deferred: dW of op5 (48) and op1 (144) and both biases are live while op0's input
    // gradient work runs; reordered frees each at once.
    assertTrue(
        reordered.arena() < deferred.arena(),
        reordered.arena() + " should be below " + deferred.arena());
    assertEquals(deferred.gradientTotal(), reordered.gradientTotal());
  }

  @Test
  void overBudgetProgramIsRefusedNamingThePeakLayerAndBytesOver() {
    TrainingProgram p =
        compile(
            "{\"layers\": {\"t6\": \"all\"}, \"sramBudget\": 800}", CompileMode.SPARSE_REORDERED);
    assertFalse(p.fitsBudget());
    TrainingDoesNotFitException e =
        assertThrows(TrainingDoesNotFitException.class, p::requireFitsBudget);
    assertEquals(52, e.overBytes());
    assertTrue(e.getMessage().contains("52 B over the 800 B budget"), e.getMessage());
    assertTrue(e.getMessage().contains("op 2 ADD 't3'"), e.getMessage());
  }

  @Test
  void arenaPlanHasNoClashAndMatchesTensorLifetimes() {
    TrainingProgram p =
        compile(
            "{\"layers\": {\"0\": \"channels:2\", \"t6\": \"all\"}}", CompileMode.SPARSE_REORDERED);
    for (TrainTensor t : p.tensors()) {
      if (t.role().inArena()) {
        var placement = p.arenaPlan().placement(t.name());
        assertEquals(t.firstStep(), placement.request().firstUse(), t.name());
        assertEquals(t.lastStep(), placement.request().lastUse(), t.name());
        assertEquals(t.bytes(), placement.size(), t.name());
      }
    }
  }
}
