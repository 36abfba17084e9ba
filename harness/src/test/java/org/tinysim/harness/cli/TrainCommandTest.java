package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;
import org.tinysim.harness.inference.InputFile;
import org.tinysim.harness.inference.InputFiles;
import org.tinysim.harness.training.TinyTrainModel;
import org.tinysim.harness.training.TrainingSample;

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

  @Test
  void trainingDataIsReadAsInferReadsItInEveryFormat() throws IOException {
    Path model =
        Path.of("").toAbsolutePath().getParent().resolve("models/fashion_mobilenet.tflite");
    Graph graph = TfliteImporter.load(model);
    Tensor input = graph.inputs().get(0);
    int n = 3;
    byte[] pixels = new byte[n * 28 * 28];
    float[] reals = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 11 + (i / 28) * 5);
      reals[i] = (pixels[i] & 0xff) / 255f;
    }
    Path labels = InputFiles.idx(tmp.resolve("labels-ubyte"), new byte[] {3, 0, 9}, n);
    List<TrainingSample> expected = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] image = java.util.Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784);
      expected.add(
          new TrainingSample(
              InputFile.pixels(image, input, InputFile.Transform.NONE), new int[] {3, 0, 9}[i]));
    }
    byte[] raw = new byte[0];
    for (TrainingSample s : expected) {
      raw = concat(raw, s.input());
    }
    List<Path> files =
        List.of(
            InputFiles.idx(tmp.resolve("images-ubyte"), pixels, n, 28, 28),
            InputFiles.npy(tmp.resolve("u8.npy"), "|u1", pixels, n, 28, 28),
            InputFiles.npy(tmp.resolve("f32.npy"), reals, n, 28, 28, 1),
            Files.write(tmp.resolve("images.bin"), raw));
    for (Path f : files) {
      assertThat(TrainCommand.samples(f, labels, graph, InputFile.Transform.NONE))
          .as(f.getFileName().toString())
          .usingRecursiveFieldByFieldElementComparator()
          .containsExactlyElementsOf(expected);
    }
    Path png =
        InputFiles.png(tmp.resolve("first.png"), java.util.Arrays.copyOf(pixels, 784), 28, 28);
    Path oneLabel = InputFiles.idx(tmp.resolve("one-ubyte"), new byte[] {3}, 1);
    assertThat(TrainCommand.samples(png, oneLabel, graph, InputFile.Transform.NONE))
        .usingRecursiveFieldByFieldElementComparator()
        .containsExactly(expected.get(0));

    // --transform invert: pixels p -> 255 - p before quantisation; raw bytes cannot be.
    byte[] inverted = InputFile.pixels(pixels, input, InputFile.Transform.INVERT);
    assertThat(TrainCommand.samples(files.get(0), labels, graph, InputFile.Transform.INVERT))
        .extracting(TrainingSample::input)
        .containsExactly(
            java.util.Arrays.copyOfRange(inverted, 0, 784),
            java.util.Arrays.copyOfRange(inverted, 784, 1568),
            java.util.Arrays.copyOfRange(inverted, 1568, 2352));
    assertThatThrownBy(
            () -> TrainCommand.samples(files.get(3), labels, graph, InputFile.Transform.INVERT))
        .hasMessageContaining("images.bin holds raw input bytes, which --transform invert");
  }

  @Test
  void aBadInputFileGetsTheSameMessageFromTrainInferAndGolden() throws IOException {
    Path model = Files.write(tmp.resolve("tiny.tflite"), TinyTrainModel.bytes());
    Path spec = Files.writeString(tmp.resolve("spec.json"), "{\"layers\": {\"5\": \"all\"}}");
    Path ragged = Files.write(tmp.resolve("ragged.bin"), new byte[2 * PIXELS + 1]);
    String message =
        "inputs "
            + ragged
            + ": "
            + (2 * PIXELS + 1)
            + " bytes is not a whole number of "
            + PIXELS
            + "-byte records";
    CliRun train =
        CliRun.of(
            "train",
            model.toString(),
            "--spec",
            spec.toString(),
            "--data",
            ragged.toString(),
            "--labels",
            ragged.toString(),
            "-o",
            tmp.resolve("out.tflite").toString(),
            "--build-dir",
            tmp.resolve("build").toString());
    CliRun infer =
        CliRun.of(
            "infer",
            model.toString(),
            "--inputs",
            ragged.toString(),
            "--count",
            "1",
            "--build-dir",
            tmp.resolve("build").toString());
    CliRun golden =
        CliRun.of(
            "golden",
            "--suites-dir",
            tmp.resolve("suites").toString(),
            "--model",
            model.toString(),
            "--inputs",
            ragged.toString(),
            "--case",
            "c",
            "--bless",
            "--build-dir",
            tmp.resolve("build").toString());
    for (CliRun r : List.of(train, infer, golden)) {
      assertThat(r.exitCode()).isEqualTo(2);
      assertThat(r.err()).contains(message);
    }
    assertThat(tmp.resolve("build")).doesNotExist();
    assertThat(tmp.resolve("suites/user/c")).doesNotExist();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
