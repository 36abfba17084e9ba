package org.tinysim.harness.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.oracle.training.TrainingReference;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;

/**
 * Training steps on the emulated board update the parameters exactly as the Java reference does:
 * int8 weights and int32 biases compared bit for bit after every step, for a sparse update touching
 * every backward kernel (pointwise bias, depthwise weights, a channel subset of a pointwise layer,
 * the fully connected head), with and without QAS, and with fp32 masters.
 */
class BoardTrainingMatchesReferenceTest {

  private static final String LAYERS =
      "{\"0\": \"bias\", \"1\": \"all\", \"2\": \"channels:4\", \"5\": \"all\"}";

  static Path buildRoot() {
    return Path.of("target", "tinysim-build").toAbsolutePath();
  }

  @Test
  void qasStepsOnTheBoardMatchTheReferenceBitForBit() {
    checkSteps(LAYERS, true, 0.05, 0.9, "int8");
  }

  @Test
  void naiveInt8StepsOnTheBoardMatchTheReference() {
    checkSteps(LAYERS, false, 50.0, 0.9, "int8");
  }

  @Test
  void plainSgdStepsWithoutMomentumStateMatchTheReference() {
    checkSteps(LAYERS, true, 0.1, 0.0, "int8");
  }

  @Test
  void fp32MasterStepsOnTheBoardMatchTheReference() {
    checkSteps(
        "{\"0\": \"bias\", \"1\": \"bias\", \"2\": \"channels:4\", \"5\": \"all\"}",
        true,
        0.5,
        0.9,
        "fp32");
  }

  private void checkSteps(String layers, boolean qas, double lr, double momentum, String params) {
    PreparedGraph prepared = Preparer.prepare(TinyTrainModel.graph());
    TrainingSpec spec =
        TrainingSpec.parse(
            "{\"layers\": "
                + layers
                + ", \"qas\": "
                + qas
                + ", \"params\": \""
                + params
                + "\", \"optimizer\": {\"lr\": "
                + lr
                + ", \"momentum\": "
                + momentum
                + "}}",
            "test-spec.json");
    TrainingProgram program =
        TrainingCompiler.compile(prepared, spec, CompileMode.SPARSE_REORDERED);
    TrainingReference reference = new TrainingReference(program);
    TrainingFirmware firmware = TrainingFirmware.build(program, buildRoot());
    Random random = new Random(11);
    boolean anyChanged = false;
    try (BoardTrainer board = BoardTrainer.start(firmware)) {
      Map<Integer, Object> initial = board.parameters();
      for (int step = 0; step < 4; step++) {
        byte[] input = new byte[6 * 6 * 4];
        random.nextBytes(input);
        int label = random.nextInt(5);
        byte[] boardOut = board.train(input, label).output();
        byte[] refOut = reference.step(input, label);
        assertThat(boardOut).as("forward output of step %d", step).isEqualTo(refOut);
        Map<Integer, Object> onBoard = board.parameters();
        for (Map.Entry<Integer, Object> e : onBoard.entrySet()) {
          Object expected =
              e.getValue() instanceof int[]
                  ? reference.parameters().bias(prepared.graph().tensor(e.getKey()))
                  : reference.parameters().weights(prepared.graph().tensor(e.getKey()));
          assertThat(e.getValue())
              .as(
                  "tensor %d '%s' after step %d",
                  e.getKey(), prepared.graph().tensor(e.getKey()).name(), step)
              .isEqualTo(expected);
          anyChanged |= !java.util.Objects.deepEquals(e.getValue(), initial.get(e.getKey()));
        }
      }
      byte[] probe = new byte[6 * 6 * 4];
      assertThat(board.infer(probe).output())
          .as("inference after training")
          .isEqualTo(reference.infer(probe));
    }
    assertThat(anyChanged).as("training changed some parameter").isTrue();
  }
}
