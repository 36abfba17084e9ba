package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.engine.oracle.interpreter.ReferenceInterpreter;
import org.tinysim.engine.oracle.interpreter.TensorData;

class ReportCommandTest {

  private static final String BUILD = CliRun.buildRoot().toString();

  @TempDir Path tmp;

  private Path model() throws IOException {
    return Files.write(tmp.resolve("fc.tflite"), TinyModels.fullyConnected());
  }

  private static int referenceArgMax(Path model, byte[] input) {
    byte[] out =
        new ReferenceInterpreter(TfliteImporter.load(model))
            .run(TensorData.int8(input))
            .get(0)
            .int8();
    return Accuracy.argmax(out);
  }

  @Test
  void labelledInputsGiveAReportWithAccuracy() throws IOException {
    Path model = model();
    byte[] all = new byte[3 * TinyModels.IN];
    new Random(5).nextBytes(all);
    Path inputs = Files.write(tmp.resolve("in.bin"), all);
    byte[] labels = new byte[3];
    for (int n = 0; n < 3; n++) {
      int predicted =
          referenceArgMax(
              model, Arrays.copyOfRange(all, n * TinyModels.IN, (n + 1) * TinyModels.IN));
      // Inputs 0 and 2 labelled with what the model predicts, input 1 with another class.
      labels[n] = (byte) (n == 1 ? (predicted + 1) % TinyModels.OUT : predicted);
    }
    Path labelFile = Files.write(tmp.resolve("labels.bin"), labels);
    Path html = tmp.resolve("out").resolve("fc.html");
    CliRun r =
        CliRun.of(
            "report",
            model.toString(),
            "--inputs",
            inputs.toString(),
            "--labels",
            labelFile.toString(),
            "--classes",
            "a,b,c,d,e",
            "-o",
            html.toString(),
            "--build-dir",
            BUILD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote " + html, "3 input(s)", "accuracy 66.67 % (2 of 3)");
    String page = Files.readString(html);
    assertThat(page)
        .contains(
            "<h1>fc</h1>",
            "DSP kernels · greedy arena planner",
            "<td>FULLY_CONNECTED</td><td>1x5</td><td class=\"num\">60</td>",
            "2 of 3 correct",
            "Clopper-Pearson 99 % over the 3 given inputs",
            "class=\"confusion\"",
            "peak ");
  }

  @Test
  void reportTakesTheArenaBudgetAndWarnsOnTheOldName() throws IOException {
    Path html = tmp.resolve("b.html");
    CliRun old =
        CliRun.of(
            "report",
            model().toString(),
            "--sram-budget",
            "64K",
            "-o",
            html.toString(),
            "--build-dir",
            BUILD);
    assertThat(old.exitCode()).as(old.err()).isZero();
    assertThat(old.err())
        .contains(
            "--sram-budget is deprecated: it bounds the tensor arena "
                + "only; use --arena-budget");
    CliRun tooSmall =
        CliRun.of(
            "report",
            model().toString(),
            "--arena-budget",
            "1",
            "-o",
            html.toString(),
            "--build-dir",
            BUILD);
    assertThat(tooSmall.exitCode()).isEqualTo(2);
    assertThat(tooSmall.err()).contains("no schedule fits");
    assertThat(CliRun.of("report", "--help").out())
        .contains("--arena-budget", "tensor arena only")
        .doesNotContain("--sram-budget");
  }

  @Test
  void generatedInputsAndOptionsReachTheReport() throws IOException {
    Path html = tmp.resolve("fc.html");
    CliRun r =
        CliRun.of(
            "report",
            model().toString(),
            "--count",
            "2",
            "--planner",
            "linear",
            "--path",
            "PORTABLE",
            "-o",
            html.toString(),
            "--build-dir",
            BUILD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 input(s)");
    String page = Files.readString(html);
    assertThat(page)
        .contains("PORTABLE kernels · linear arena planner", "FULLY_CONNECTED")
        .doesNotContain("id=\"accuracy\"");
  }

  @Test
  void badOptionsAreOneLineErrors() throws IOException {
    Path model = model();
    Path labels = Files.write(tmp.resolve("labels.bin"), new byte[] {9});
    Path html = tmp.resolve("x.html");
    CliRun noInputs =
        CliRun.of("report", model.toString(), "--labels", labels.toString(), "-o", html.toString());
    assertThat(noInputs.exitCode()).isEqualTo(2);
    assertThat(noInputs.err().strip()).isEqualTo("tinysim: --labels needs the --inputs they label");
    Path one = Files.write(tmp.resolve("one.bin"), new byte[TinyModels.IN]);
    CliRun badLabel =
        CliRun.of(
            "report",
            model.toString(),
            "--inputs",
            one.toString(),
            "--labels",
            labels.toString(),
            "-o",
            html.toString(),
            "--build-dir",
            BUILD);
    assertThat(badLabel.exitCode()).isEqualTo(2);
    assertThat(badLabel.err()).contains("label 9 of input 0", "not below the model's 5 classes");
    assertThat(html).doesNotExist();
    assertThat(
            CliRun.of("report", model.toString(), "--path", "FAST", "-o", html.toString())
                .exitCode())
        .isEqualTo(2);
  }

  @Test
  void everyOptionIsCheckedBeforeCompiling() throws IOException {
    Path model = model();
    Path build = tmp.resolve("never-built");
    Path two = Files.write(tmp.resolve("two.bin"), new byte[2 * TinyModels.IN]);
    Path labels = Files.write(tmp.resolve("labels.bin"), new byte[] {1, 7});
    Path html = tmp.resolve("r.html");

    CliRun badLabel =
        CliRun.of(
            "report",
            model.toString(),
            "--inputs",
            two.toString(),
            "--labels",
            labels.toString(),
            "-o",
            html.toString(),
            "--build-dir",
            build.toString());
    assertThat(badLabel.err()).contains("label 7 of input 1");
    CliRun classes =
        CliRun.of(
            "report",
            model.toString(),
            "--inputs",
            two.toString(),
            "--labels",
            tmp.resolve("two.bin").toString(),
            "--classes",
            "a,b",
            "-o",
            html.toString(),
            "--build-dir",
            build.toString());
    assertThat(classes.err())
        .contains("--classes names 2 classes but the model's first output " + "has 5");
    CliRun overInput =
        CliRun.of(
            "report",
            model.toString(),
            "--inputs",
            two.toString(),
            "-o",
            two.toString(),
            "--build-dir",
            build.toString());
    assertThat(overInput.err()).contains("is also an input of this command");
    CliRun intoDir =
        CliRun.of(
            "report", model.toString(), "-o", tmp.toString(), "--build-dir", build.toString());
    assertThat(intoDir.err()).contains("is a directory");
    CliRun ragged =
        CliRun.of(
            "report",
            model.toString(),
            "--inputs",
            labels.toString(),
            "-o",
            html.toString(),
            "--build-dir",
            build.toString());
    assertThat(ragged.err()).contains("holds no whole input");

    for (CliRun r : List.of(badLabel, classes, overInput, intoDir, ragged)) {
      assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    }
    assertThat(build.resolve("models")).doesNotExist();
    assertThat(html).doesNotExist();
  }
}
