package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors are sentences naming cause and file, not the JDK's raw exception texts. */
class ErrorMessagesTest {

  private static final byte[] BINARY = {(byte) 0xff, (byte) 0xfe, 0, (byte) 0x80, 1};

  @TempDir Path tmp;

  private CliRun train(Path spec) throws IOException {
    Path model = Files.write(tmp.resolve("m.tflite"), TinyModels.fullyConnected());
    return CliRun.of(
        "train",
        model.toString(),
        "--spec",
        spec.toString(),
        "--data",
        "x",
        "--labels",
        "y",
        "-o",
        tmp.resolve("out.tflite").toString());
  }

  @Test
  void missingAndBinaryTrainingSpecsAreNamed() throws IOException {
    Path missing = tmp.resolve("nope.json");
    CliRun none = train(missing);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err().strip())
        .isEqualTo("tinysim: training spec " + missing + " does not exist");

    Path binary = Files.write(tmp.resolve("spec.bin"), BINARY);
    CliRun garbage = train(binary);
    assertThat(garbage.exitCode()).isEqualTo(2);
    assertThat(garbage.err().strip())
        .isEqualTo("tinysim: training spec " + binary + " is not UTF-8 text (is it a binary file?)")
        .doesNotContain("Input length");
  }

  @Test
  void aBinaryKernelPatchIsNamed() throws IOException {
    Path patch = Files.write(tmp.resolve("k.patch"), BINARY);
    CliRun r =
        CliRun.of(
            "golden",
            "--kernel-patch",
            patch.toString(),
            "--suites-dir",
            Files.createDirectories(tmp.resolve("suites")).toString(),
            "--build-dir",
            CliRun.buildRoot().toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "tinysim: --kernel-patch " + patch + " is not UTF-8 text (is it a binary file?)");
  }
}
