package org.tinysim.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.prepare.PreparedGraph;

/** Random specs on the chain model: every program keeps its tensors alive where it uses them. */
class ProgramInvariantsTest {

  @Test
  void everyUsedTensorIsLiveAndEveryUpdateFollowsItsGradient() {
    PreparedGraph g = TrainingCompilerTest.chain();
    List<Op> weighted = SparseSchemes.weightedLayers(g.graph());
    Random random = new Random(7);
    for (int trial = 0; trial < 60; trial++) {
      List<LayerRule> rules = new ArrayList<>();
      for (Op op : weighted) {
        int outs = LayerSelection.outputChannels(op);
        UpdateRule rule =
            switch (random.nextInt(4)) {
              case 0 -> new UpdateRule.None();
              case 1 -> new UpdateRule.BiasOnly();
              case 2 -> new UpdateRule.AllWeights();
              default -> UpdateRule.Channels.first(1 + random.nextInt(outs));
            };
        rules.add(new LayerRule(String.valueOf(op.index()), rule));
      }
      if (rules.stream().allMatch(r -> r.rule() instanceof UpdateRule.None)) {
        continue;
      }
      for (CompileMode mode : CompileMode.values()) {
        TrainingProgram p = TrainingCompiler.compile(g, TrainingSpec.of(rules), mode);
        for (int s = 0; s < p.steps().size(); s++) {
          TrainStep step = p.steps().get(s);
          for (int id : step.reads()) {
            assertTrue(p.tensor(id).liveAt(s), p.tensor(id) + " read at step " + s);
          }
          for (int id : step.writes()) {
            assertTrue(p.tensor(id).liveAt(s), p.tensor(id) + " written at step " + s);
          }
        }
        long updates = p.steps(TrainStep.Update.class).size();
        long gradients =
            p.steps(TrainStep.WeightGradient.class).size()
                + p.steps(TrainStep.BiasGradient.class).size();
        assertEquals(gradients, updates, "one update per parameter gradient");
        p.arenaPlan().verifyNoOverlap();
      }
    }
  }
}
