package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.json.Json;

class ModelsCommandTest {

  @TempDir Path tmp;

  /** A quick regeneration: few images and one epoch, same code path as the real one. */
  private CliRun quick(Path out, String... extra) {
    String[] base = {
      "models",
      "--out",
      out.toString(),
      "--train-images",
      "256",
      "--test-images",
      "200",
      "--epochs",
      "1"
    };
    String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return CliRun.of(args);
  }

  @Test
  @SuppressWarnings("unchecked")
  void regeneratesBitIdenticallyAndCheckCatchesAnyChange() throws Exception {
    assumeTrue(FashionMnist.isInstalled(), "Fashion-MNIST not installed");
    Path out = tmp.resolve("models");
    CliRun first = quick(out);
    assertThat(first.exitCode()).as(first.err()).isZero();
    for (String name : new String[] {"fashion_mobilenet", "fashion_widecnn"}) {
      byte[] tflite = Files.readAllBytes(out.resolve(name + ".tflite"));
      Map<String, Object> json =
          (Map<String, Object>) Json.parse(Files.readString(out.resolve(name + ".json")).strip());
      assertThat(json.get("tflite_sha256"))
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tflite)));
      assertThat(json.get("test_images")).isEqualTo(200L);
      assertThat(((Map<String, Object>) json.get("training")).get("epochs")).isEqualTo(1L);
      Graph graph = TfliteImporter.load(tflite, name);
      assertThat(graph.inputs().get(0).type()).isEqualTo(DataType.INT8);
    }

    CliRun check = quick(out, "--check");
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(check.out()).contains("identical " + out.resolve("fashion_widecnn.tflite"));

    Path mobilenet = out.resolve("fashion_mobilenet.tflite");
    byte[] bytes = Files.readAllBytes(mobilenet);
    bytes[bytes.length / 2] ^= 1;
    Files.write(mobilenet, bytes);
    CliRun changed = quick(out, "--check", "--only", "fashion_mobilenet");
    assertThat(changed.exitCode()).isEqualTo(1);
    assertThat(changed.out())
        .contains("DIFFERS " + mobilenet)
        .contains("first difference at byte " + bytes.length / 2)
        .contains("identical " + out.resolve("fashion_mobilenet.json"));
  }

  @Test
  void committedModelDescriptionsReadAndWriteBackByteForByte() throws Exception {
    Path models = Path.of(System.getProperty("tinysim.repoRoot", "..")).resolve("models");
    for (String name : new String[] {"fashion_mobilenet", "fashion_widecnn"}) {
      Path file = models.resolve(name + ".json");
      String text = Files.readString(file);
      ModelJson json =
          Json.read(text, ModelJson.class, file.toString(), IllegalStateException::new);
      assertThat(Json.compact(json) + "\n").as(file.toString()).isEqualTo(text);
    }
  }

  @Test
  void missingDataSetOrUnknownModelIsAUserError() {
    CliRun noData = CliRun.of("models", "--out", tmp.toString(), "--data", tmp.toString());
    assertThat(noData.exitCode()).isEqualTo(2);
    assertThat(noData.err())
        .contains("apt-get install -y dataset-fashion-mnist")
        .contains(tmp.toString());
    CliRun unknown = CliRun.of("models", "--only", "lenet", "--data", tmp.toString());
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no bundled model 'lenet'").contains("fashion_mobilenet");
  }
}
