package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.harness.training.TinyTrainModel;

@SuppressWarnings("unchecked")
class TrainCommandTest {

  private static final String BUILD = CliRun.buildRoot().toString();
  private static final int CLASSES = 5;
  private static final int PIXELS = 6 * 6 * 4;

  @TempDir Path tmp;

  /** IDX images [n, 6, 6, 4]: a noisy copy of one prototype per class. */
  private void writeData(Path images, Path labels, int n, int[] dims) throws IOException {
    Random random = new Random(5);
    byte[][] prototypes = new byte[CLASSES][PIXELS];
    for (byte[] p : prototypes) {
      random.nextBytes(p);
    }
    int itemSize = 1;
    for (int d : dims) {
      itemSize *= d;
    }
    ByteBuffer img = ByteBuffer.allocate(4 + 4 * (dims.length + 1) + n * itemSize);
    img.putInt(0x0800 | (dims.length + 1)).putInt(n);
    for (int d : dims) {
      img.putInt(d);
    }
    ByteBuffer lab = ByteBuffer.allocate(8 + n).putInt(0x0801).putInt(n);
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(CLASSES);
      lab.put((byte) label);
      for (int k = 0; k < itemSize; k++) {
        int v = (prototypes[label][k % PIXELS] & 0xff) + random.nextInt(41) - 20;
        img.put((byte) Math.max(0, Math.min(255, v)));
      }
    }
    Files.write(images, img.array());
    Files.write(labels, lab.array());
  }

  @Test
  void trainsOnTheBoardAndWritesTheTunedModel() throws IOException {
    Path model = Files.write(tmp.resolve("tiny.tflite"), TinyTrainModel.bytes());
    Path spec =
        Files.writeString(
            tmp.resolve("spec.json"),
            "{\"layers\": {\"2\": \"bias\", "
                + "\"5\": \"all\"}, \"optimizer\": {\"lr\": 0.1, \"momentum\": 0.9}}");
    Path images = tmp.resolve("images.idx");
    Path labels = tmp.resolve("labels.idx");
    writeData(images, labels, 260, new int[] {6, 6, 4});
    Path tuned = tmp.resolve("tuned.tflite");
    CliRun run =
        CliRun.of(
            "train",
            model.toString(),
            "--spec",
            spec.toString(),
            "--data",
            images.toString(),
            "--labels",
            labels.toString(),
            "--holdout",
            "60",
            "--json",
            "-o",
            tuned.toString(),
            "--build-dir",
            BUILD);
    assertThat(run.exitCode()).as(run.err()).isZero();
    Map<String, Object> json = (Map<String, Object>) run.json();
    assertThat(json.get("steps")).isEqualTo(200L);
    // Plain progress lines in a log (stderr is not a terminal), each pass named.
    assertThat(run.err())
        .contains(
            "int8+QAS on the board: train epoch 1/1: 200/200 (100%), " + "running accuracy",
            "int8+QAS on the board: evaluate after: 60/60 (100%)")
        .doesNotContain("\r");
    assertThat((Long) json.get("peakSramBytes")).isPositive().isLessThan(256 * 1024);
    assertThat((Long) json.get("cyclesPerStep")).isPositive();
    assertThat(List.copyOf(json.keySet()))
        .startsWith(
            "model",
            "mode",
            "steps",
            "testSamples",
            "accuracyBefore",
            "accuracyAfter",
            "cyclesPerStep",
            "msPerStepAt216MHz",
            "forwardCyclesPerStep",
            "peakSramBytes",
            "trainArenaBytes",
            "plannedMemory");
    assertThat(List.copyOf(((Map<String, Object>) json.get("plannedMemory")).keySet()))
        .containsExactly("arena", "weightCopies", "biasCopies", "optimizerState", "peak");

    // The tuned file holds the board's parameters: its accuracy on the held-out samples,
    // recomputed by the interpreter, is the one the board reported after training.
    assertThat(Files.readAllBytes(tuned)).isNotEqualTo(Files.readAllBytes(model));
    ReferenceInterpreter interp = new ReferenceInterpreter(TfliteImporter.load(tuned));
    byte[] all = Files.readAllBytes(images);
    byte[] labs = Files.readAllBytes(labels);
    int correct = 0;
    for (int i = 200; i < 260; i++) {
      byte[] q = new byte[PIXELS];
      for (int k = 0; k < PIXELS; k++) {
        q[k] = (byte) Math.round((all[20 + i * PIXELS + k] & 0xff) - 128.0);
      }
      byte[] out = interp.run(TensorData.int8(q)).get(0).int8();
      correct += Accuracy.argmax(out) == labs[8 + i] ? 1 : 0;
    }
    assertThat(correct / 60.0).isEqualTo((Double) json.get("accuracyAfter"));
  }

  @Test
  void wrongShapeDataIsRefusedBeforeTheBoardStarts() throws IOException {
    Path model = Files.write(tmp.resolve("tiny.tflite"), TinyTrainModel.bytes());
    Path spec = Files.writeString(tmp.resolve("spec.json"), "{\"layers\": {\"5\": \"all\"}}");
    Path images = tmp.resolve("images.idx");
    Path labels = tmp.resolve("labels.idx");
    writeData(images, labels, 10, new int[] {28, 28});
    CliRun run =
        CliRun.of(
            "train",
            model.toString(),
            "--spec",
            spec.toString(),
            "--data",
            images.toString(),
            "--labels",
            labels.toString(),
            "--holdout",
            "2",
            "-o",
            tmp.resolve("out.tflite").toString(),
            "--build-dir",
            tmp.resolve("build").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("images are [28, 28] but the model input 'input' is " + "[6, 6, 4]");
    assertThat(tmp.resolve("build")).doesNotExist();
  }

  @Test
  void unknownLayerInTheSpecIsRefused() throws IOException {
    Path model = Files.write(tmp.resolve("tiny.tflite"), TinyTrainModel.bytes());
    Path spec = Files.writeString(tmp.resolve("spec.json"), "{\"layers\": {\"nope\": \"all\"}}");
    CliRun run =
        CliRun.of(
            "train",
            model.toString(),
            "--spec",
            spec.toString(),
            "--data",
            "x",
            "--labels",
            "y",
            "-o",
            "z");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope");
    assertThat(List.of(run.out())).containsExactly("");
  }

  @Test
  void aProgramOverTheSramBudgetIsRefusedWithTheBytesOver() throws IOException {
    Path model = Files.write(tmp.resolve("tiny.tflite"), TinyTrainModel.bytes());
    Path spec =
        Files.writeString(
            tmp.resolve("spec.json"), "{\"layers\": {\"1\": \"all\"}, " + "\"sramBudget\": 1000}");
    CliRun run =
        CliRun.of(
            "train",
            model.toString(),
            "--spec",
            spec.toString(),
            "--data",
            "x",
            "--labels",
            "y",
            "-o",
            "z");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).containsPattern("\\d+ B over the 1000 B budget");
  }
}
