package org.tinysim.engine.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.BuiltinOperators;
import org.tinysim.engine.tflite.ModelException;
import org.tinysim.engine.tflite.TestModels;

/**
 * Damaged models must either load or fail with the importer's own exceptions: truncation at every
 * length and seeded random byte corruption, run through reader, IR converter and prepare.
 */
class MalformedModelFuzzTest {

  private static final byte[] MODEL = TestModels.chain();

  /** Outcome of one damaged input: loaded, or rejected with a ModelException. */
  private enum Outcome {
    LOADED,
    REJECTED
  }

  private static Outcome run(byte[] bytes, String label) {
    try {
      Preparer.prepare(TfliteImporter.load(bytes, label));
      return Outcome.LOADED;
    } catch (ModelException e) {
      assertThat(e.getMessage()).as("message of %s", label).contains(label);
      return Outcome.REJECTED;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError(label + " escaped with " + e, e);
    }
  }

  @Test
  void validModelLoads() {
    assertThat(run(MODEL, "valid")).isEqualTo(Outcome.LOADED);
  }

  @Test
  void everyTruncationIsRejectedCleanly() {
    int rejected = 0;
    for (int len = 0; len < MODEL.length; len++) {
      if (run(Arrays.copyOf(MODEL, len), "truncated-" + len) == Outcome.REJECTED) {
        rejected++;
      }
    }
    // Flatbuffers are read from offsets near the end too, so almost all cuts must fail.
    assertThat(rejected).isGreaterThan(MODEL.length * 9 / 10);
  }

  @Test
  void randomByteCorruptionIsRejectedOrLoads() {
    assertCorruptionHandled(MODEL, "chain", 20_000);
  }

  @Test
  void randomCorruptionOfEveryOperatorKind() {
    assertCorruptionHandled(TestModels.depthwise(), "dw", 2_000);
    assertCorruptionHandled(TestModels.fullyConnected(), "fc", 2_000);
    assertCorruptionHandled(TestModels.mean(false), "mean", 2_000);
    assertCorruptionHandled(TestModels.pad(), "pad", 2_000);
    assertCorruptionHandled(TestModels.transpose(), "transpose", 2_000);
    assertCorruptionHandled(TestModels.concatenation(), "concat", 2_000);
    assertCorruptionHandled(TestModels.quantizeChain(), "quant", 2_000);
    assertCorruptionHandled(TestModels.logSoftmax(true), "logsoftmax", 2_000);
    assertCorruptionHandled(TestModels.binary(BuiltinOperators.MUL, 0), "mul", 2_000);
  }

  @Test
  void realModelsSurviveTruncationAndCorruption() throws IOException {
    Path dir = SharedModelsTest.modelsDir().resolve("tflite-micro");
    Path hello = dir.resolve("hello_world_int8.tflite");
    Assumptions.assumeTrue(Files.exists(hello), "shared model " + hello + " absent: skipping");
    byte[] bytes = Files.readAllBytes(hello);
    assertThat(run(bytes, "hello_world_int8")).isEqualTo(Outcome.LOADED);
    for (int len = 0; len < bytes.length; len++) {
      run(Arrays.copyOf(bytes, len), "hello-truncated-" + len);
    }
    assertCorruptionHandled(bytes, "hello", 5_000);
    byte[] speech = Files.readAllBytes(dir.resolve("micro_speech_quantized.tflite"));
    assertCorruptionHandled(speech, "speech", 3_000);
  }

  private static void assertCorruptionHandled(byte[] model, String name, int cases) {
    Random random = new Random(20260425L + name.hashCode());
    byte[] interesting = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe};
    int rejected = 0;
    for (int i = 0; i < cases; i++) {
      byte[] copy = model.clone();
      int flips = 1 + random.nextInt(3);
      for (int f = 0; f < flips; f++) {
        int pos = random.nextInt(copy.length);
        copy[pos] =
            random.nextBoolean()
                ? (byte) random.nextInt(256)
                : interesting[random.nextInt(interesting.length)];
      }
      if (run(copy, name + "-corrupt-" + i) == Outcome.REJECTED) {
        rejected++;
      }
    }
    // Many flips hit weight bytes or names and still load; a good share must be caught.
    assertThat(rejected).isBetween(cases / 20, cases);
  }
}
