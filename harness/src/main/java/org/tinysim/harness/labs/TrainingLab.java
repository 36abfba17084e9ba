package org.tinysim.harness.labs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;
import org.tinysim.engine.training.TrainingSpecException;
import org.tinysim.harness.training.TrainingDemo;
import org.tinysim.harness.training.TrainingFirmware;
import org.tinysim.harness.training.TrainingSample;
import org.tinysim.harness.training.TrainingSession;

/**
 * Lab 5, on-device training: the student's {@code spec.json} (which layers to update, how) must
 * compile to a sparse, reordered training step within 256 KB, and fine-tuning the bundled model on
 * the board for inverted images must raise its accuracy above a threshold.
 */
final class TrainingLab implements Lab {

  static final long BUDGET_BYTES = 256 * 1024;

  /** Small, so the lab grades in well under a minute: inverted training and test images. */
  static final int TRAIN_SAMPLES = 150;

  static final int TEST_SAMPLES = 100;

  /** Accuracy after fine-tuning on the test images; the model scores about 25% before. */
  static final double MIN_ACCURACY_AFTER = 0.45;

  @Override
  public int number() {
    return 5;
  }

  @Override
  public String title() {
    return "on-device training: sparse update and reordering under 256 KB";
  }

  @Override
  public String folder() {
    return "lab5-training";
  }

  @Override
  public List<String> studentFiles() {
    return List.of("spec.json");
  }

  @Override
  public LabReport check(Path dir, Path labDir, Path buildRoot) {
    Path specFile = dir.resolve("spec.json");
    Graph graph = ModelLabs.model(labDir, TrainingDemo.MODEL);
    TrainingProgram program;
    try {
      program =
          TrainingCompiler.compile(
              Preparer.prepare(graph), TrainingSpec.load(specFile), CompileMode.SPARSE_REORDERED);
    } catch (TrainingSpecException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    List<Criterion> out = new ArrayList<>();
    long planned = program.memory().peak();
    boolean fits = planned <= BUDGET_BYTES;
    out.add(
        Criterion.check(
            fits,
            "training step fits 256 KB (planned)",
            String.format(
                "sparse update + reordering needs %,d B (budget %,d B), %d layers updated",
                planned, BUDGET_BYTES, program.updates().size()),
            "tinysim train-plan "
                + TrainingDemo.MODEL
                + " --spec spec.json shows the breakdown: "
                + "momentum doubles the float state, full weight updates of big layers keep large "
                + "gradients; update biases or a few channels instead"));
    if (!fits) {
      out.add(
          Criterion.fail(
              "accuracy after training on the board",
              "not trained: the step " + "does not fit",
              "make the spec fit first"));
      return new LabReport(number(), title(), dir.toString(), out);
    }
    if (!FashionMnist.isInstalled()) {
      throw new IllegalArgumentException(
          "Fashion-MNIST is not installed (scripts/setup.sh "
              + "installs the Debian package dataset-fashion-mnist)");
    }
    List<TrainingSample> train = TrainingDemo.samples(FashionMnist.train(), graph, TRAIN_SAMPLES);
    List<TrainingSample> test = TrainingDemo.samples(FashionMnist.test(), graph, TEST_SAMPLES);
    TrainingFirmware firmware = TrainingFirmware.build(program, buildRoot);
    TrainingSession.Result r = TrainingSession.onBoard(firmware, train, test, 1, line -> {});
    out.add(
        Criterion.check(
            r.peakSramBytes() <= BUDGET_BYTES,
            "peak SRAM on the board",
            String.format(
                "%,d B measured over %d training steps (budget %,d B)",
                r.peakSramBytes(), r.steps(), BUDGET_BYTES),
            "the plan fits but the board used more: stack and statics count too"));
    out.add(
        Criterion.check(
            r.accuracyAfter() >= MIN_ACCURACY_AFTER,
            "accuracy after training on the board",
            String.format(
                "%.1f%% before, %.1f%% after %d samples of inverted images (%d test "
                    + "images; threshold %.0f%%), %,d cycles per step",
                100 * r.accuracyBefore(),
                100 * r.accuracyAfter(),
                r.steps(),
                r.evaluated(),
                100 * MIN_ACCURACY_AFTER,
                r.cyclesPerStep()),
            "update the classifier ('logits': all) and biases of a few layers before it; lr 0.05"));
    return new LabReport(number(), title(), dir.toString(), out);
  }
}
