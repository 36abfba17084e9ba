package org.tinysim.harness.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.oracle.training.TrainingReference;
import org.tinysim.engine.training.TrainingProgram;

/**
 * The bundled demo (tinysim train --demo) on the emulated board: it trains the same bits as the
 * reference within 256 KB, and on-device training improves held-out accuracy on the shifted domain
 * by a large margin. Skips when the bundled model or Fashion-MNIST is not installed; the pinned
 * costs are checked by {@link TrainingDemoCostsTest} without it.
 */
class TrainingDemoTest {

  private static Graph demoGraph() {
    assumeTrue(FashionMnist.isInstalled(), "Fashion-MNIST is not installed");
    assumeTrue(TrainingDemo.modelAvailable(), "the bundled demo model is missing");
    return TrainingDemo.graph();
  }

  @Test
  void boardMatchesTheReferenceOnTheBundledModelWithinTheBudget() {
    Graph graph = demoGraph();
    TrainingProgram program = TrainingDemo.program(graph, true, TrainingDemo.Settings.DEFAULT);
    List<TrainingSample> samples = TrainingDemo.samples(FashionMnist.train(), graph, 3);
    TrainingFirmware firmware =
        TrainingFirmware.build(program, BoardTrainingMatchesReferenceTest.buildRoot());
    TrainingReference reference = new TrainingReference(program);
    try (BoardTrainer board = BoardTrainer.start(firmware)) {
      for (TrainingSample s : samples) {
        board.train(s.input(), s.label());
      }
      samples.forEach(s -> reference.step(s.input(), s.label()));
      Map<Integer, Object> params = board.parameters();
      params.forEach(
          (id, value) ->
              assertThat(value)
                  .as("tensor %d after 3 steps", id)
                  .isEqualTo(
                      value instanceof int[]
                          ? reference.parameters().bias(graph.tensor(id))
                          : reference.parameters().weights(graph.tensor(id))));
      assertThat(board.peakSramBytes())
          .as("peak SRAM of the training firmware")
          .isLessThanOrEqualTo(256 * 1024);
    }
  }

  @Test
  void onDeviceTrainingImprovesHeldOutAccuracyByALargeMargin() {
    demoGraph();
    TrainingDemo.Settings subset =
        new TrainingDemo.Settings(
            TrainingDemoGolden.SUBSET_TRAIN,
            TrainingDemoGolden.SUBSET_TEST,
            TrainingDemo.LEARNING_RATE,
            TrainingDemo.BIAS_LAYERS,
            TrainingDemo.STEM_WEIGHTS,
            false);
    TrainingReport r =
        TrainingDemo.run(BoardTrainingMatchesReferenceTest.buildRoot(), line -> {}, subset);
    assertThat(r.board().accuracyAfter())
        .as(r.toText())
        .isGreaterThanOrEqualTo(r.board().accuracyBefore() + TrainingDemoGolden.MIN_GAIN);
  }
}
