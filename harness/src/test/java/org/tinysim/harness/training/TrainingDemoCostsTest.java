package org.tinysim.harness.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.FashionModels;
import org.tinysim.engine.quantize.PostTrainingQuantizer;
import org.tinysim.engine.training.TrainingProgram;

/**
 * Cycles per training step and peak SRAM of the demo's training firmware are the pinned {@link
 * TrainingDemoGolden} numbers, and the peak is within the paper's 256 KB.
 */
class TrainingDemoCostsTest {

  static Graph demoArchitecture() {
    Random random = new Random(1);
    List<float[]> calibration = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calibration.add(image(random));
    }
    return TfliteImporter.load(
        PostTrainingQuantizer.quantize(FashionModels.mobilenet(1), calibration),
        "fashion_mobilenet.tflite");
  }

  /** Smooth random blobs in [0, 1]. */
  static float[] image(Random random) {
    float[] x = new float[28 * 28];
    double cx = 6 + random.nextInt(16);
    double cy = 6 + random.nextInt(16);
    double r = 4 + random.nextInt(8);
    for (int y = 0; y < 28; y++) {
      for (int i = 0; i < 28; i++) {
        x[y * 28 + i] = (float) Math.max(0, Math.min(1, 1.2 - Math.hypot(i - cx, y - cy) / r));
      }
    }
    return x;
  }

  @Test
  void firstStepCyclesAndPeakSramAreThePinnedNumbers() {
    Graph graph = demoArchitecture();
    TrainingProgram program = TrainingDemo.program(graph, true, TrainingDemo.Settings.DEFAULT);
    TrainingFirmware firmware =
        TrainingFirmware.build(program, BoardTrainingMatchesReferenceTest.buildRoot());
    float[] x = image(new Random(2));
    byte[] q = new byte[x.length];
    for (int i = 0; i < x.length; i++) {
      q[i] = (byte) (Math.round(x[i] * 255) - 128);
    }
    try (BoardTrainer board = BoardTrainer.start(firmware)) {
      long cycles = board.train(q, 3).cycles();
      assertThat(cycles)
          .as("cycles of the first training step")
          .isEqualTo(TrainingDemoGolden.FIRST_STEP_CYCLES);
      assertThat(board.peakSramBytes())
          .as("peak SRAM of the training firmware")
          .isEqualTo(TrainingDemoGolden.PEAK_SRAM_BYTES)
          .isLessThanOrEqualTo(256 * 1024);
    }
  }
}
