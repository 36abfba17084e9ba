package org.tinysim.harness.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.tinysim.engine.models.Accuracy.argmax;

import org.junit.jupiter.api.Test;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.harness.golden.BinomialInterval;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * The bundled Fashion-MNIST models on the emulated board. The firmware boots once and classifies an
 * evenly spread subset of the 10k test images (-Dtinysim.boardImages=10000 for all of them); every
 * board output must equal the host reference interpreter's, and the board accuracy must not be
 * significantly (99.9% Clopper-Pearson interval, as the golden suites use) below 89% nor below the
 * recorded float accuracy less 1 point.
 */
class BundledModelsOnBoardTest {

  private static final double MIN_INT8_ACCURACY = 0.89;
  private static final double MAX_DROP_FROM_FLOAT = 0.01;

  /** Two-sided 99.9% normal quantile: a 1-in-1000 chance of failing a model that meets the bar. */
  private static final double CONFIDENCE = 0.999;

  private static LabelledImages testImages() {
    assumeTrue(
        FashionMnist.isInstalled(),
        "Fashion-MNIST not installed (apt-get install -y dataset-fashion-mnist)");
    return FashionMnist.test();
  }

  /** Board accuracy on {@code count} spread test images; asserts board == host reference. */
  private static double boardAccuracy(
      CompiledModel compiled, Graph graph, LabelledImages test, int count) {
    ReferenceInterpreter host = new ReferenceInterpreter(graph);
    int correct = 0;
    long boardNanos = 0;
    InferenceResult last = null;
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (int k = 0; k < count; k++) {
        int i = (int) ((long) k * test.size() / count);
        byte[] input = Accuracy.int8Input(test.image(i));
        long start = System.nanoTime();
        last = runner.infer(input);
        boardNanos += System.nanoTime() - start;
        byte[] board = last.output();
        assertThat(board)
            .as(compiled.name() + " test image " + i + " board vs host reference")
            .containsExactly(host.run(TensorData.int8(input)).get(0).int8());
        correct += argmax(board) == test.label(i) ? 1 : 0;
      }
    }
    double accuracy = (double) correct / count;
    System.out.printf(
        "%s on the board: %d/%d correct (%.4f), %.1f images/s; arena %s, weights %d B,"
            + " flash %d B, peak SRAM %d B, %d cycles (%.2f ms) per image, %d MACs%n",
        compiled.name(),
        correct,
        count,
        accuracy,
        count / (boardNanos / 1e9),
        compiled.arenaSizes(),
        compiled.weightBytes(),
        last.flashBytes(),
        last.peakSramBytes(),
        last.cycles(),
        last.milliseconds(),
        compiled.macs());
    return accuracy;
  }

  private static CompiledModel compile(Graph graph) {
    return new ModelCompiler(BuildDirs.root())
        .compile(graph, CodegenOptions.defaults(), KernelPath.DSP);
  }

  /** Upper end of the binomial confidence interval for {@code p} observed over {@code n} trials. */
  static double upperBound(double p, int n) {
    int correct = (int) Math.round(p * n);
    if (correct == n) {
      return 1.0;
    }
    return BinomialInterval.clopperPearson(n, correct, CONFIDENCE).getUpperBound();
  }

  @Test
  void upperBoundWidensForSmallSamples() {
    assertThat(upperBound(0.85, 100)).isGreaterThan(0.89);
    assertThat(upperBound(0.85, 10_000)).isLessThan(0.89);
    assertThat(upperBound(1.0, 50)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void mobilenetKeepsItsAccuracyInInt8OnTheBoard() throws Exception {
    LabelledImages test = testImages();
    String name = "fashion_mobilenet";
    int count = Integer.getInteger("tinysim.boardImages", 300);
    Graph graph = TfliteImporter.load(BundledModels.tflite(name));
    double accuracy = boardAccuracy(compile(graph), graph, test, count);
    double floatAccuracy = BundledModels.recorded(name, "float_test_accuracy");
    double upper = count == test.size() ? accuracy : upperBound(accuracy, count);
    assertThat(upper)
        .as("board int8 accuracy %.4f over %d images", accuracy, count)
        .isGreaterThanOrEqualTo(MIN_INT8_ACCURACY)
        .isGreaterThanOrEqualTo(floatAccuracy - MAX_DROP_FROM_FLOAT);
    assertThat(BundledModels.recorded(name, "int8_host_reference_accuracy"))
        .as("int8 accuracy on all 10k images, recorded by `tinysim models`")
        .isGreaterThanOrEqualTo(MIN_INT8_ACCURACY)
        .isGreaterThanOrEqualTo(floatAccuracy - MAX_DROP_FROM_FLOAT);
  }

  @Test
  void wideModelFitsOnlyWithThePlanner() throws Exception {
    LabelledImages test = testImages();
    String name = "fashion_widecnn";
    Graph graph = TfliteImporter.load(BundledModels.tflite(name));
    assertThatThrownBy(
            () ->
                new ModelCompiler(BuildDirs.root())
                    .compile(graph, new CodegenOptions("linear", false), KernelPath.DSP))
        .isInstanceOf(ModelDoesNotFitException.class)
        .hasMessageContaining("exceeds the " + ModelCompiler.ARENA_LIMIT_BYTES + " B limit by");
    CompiledModel compiled = compile(graph);
    assertThat(compiled.arenaSizes().linear())
        .as("arena without a planner")
        .isGreaterThan(ModelCompiler.ARENA_LIMIT_BYTES);
    assertThat(compiled.arenaSizes().greedy()).isLessThanOrEqualTo(ModelCompiler.ARENA_LIMIT_BYTES);
    int count = Integer.getInteger("tinysim.boardImages", 100);
    double accuracy = boardAccuracy(compiled, graph, test, count);
    assertThat(upperBound(accuracy, count))
        .as("board accuracy %.4f over %d images", accuracy, count)
        .isGreaterThanOrEqualTo(
            BundledModels.recorded(name, "float_test_accuracy") - MAX_DROP_FROM_FLOAT);
  }
}
