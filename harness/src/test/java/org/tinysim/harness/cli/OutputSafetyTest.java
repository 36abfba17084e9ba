package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands never overwrite a user's file or one of their own inputs. */
class OutputSafetyTest {

  private static final String BUILD = CliRun.buildRoot().toString();

  @TempDir Path tmp;

  @Test
  void compileKeepsAUsersMainCUnlessForcedAndReusesItsOwnFiles() throws IOException {
    Path model = Files.write(tmp.resolve("fc.tflite"), TinyModels.fullyConnected());
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path mine = Files.writeString(out.resolve("main.c"), "int main(void) { return 7; }\n");

    CliRun refused =
        CliRun.of("compile", model.toString(), "-o", out.toString(), "--build-dir", BUILD);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains(mine + " exists and was not written by tinysim", "--force");
    assertThat(Files.readString(mine)).isEqualTo("int main(void) { return 7; }\n");
    assertThat(out.resolve("model.c")).doesNotExist();

    Files.delete(mine);
    CliRun first =
        CliRun.of("compile", model.toString(), "-o", out.toString(), "--build-dir", BUILD);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(Files.readAllLines(out.resolve(OutputFiles.MANIFEST)))
        .contains("main.c", "model.c", "model-dsp.elf");
    CliRun again =
        CliRun.of("compile", model.toString(), "-o", out.toString(), "--build-dir", BUILD);
    assertThat(again.exitCode()).as(again.err()).isZero();
  }

  @Test
  void forceOverwritesAndCompileNeverWritesOverTheModel() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("out2"));
    Files.writeString(out.resolve("main.c"), "mine");
    Path model = Files.write(out.resolve("model.c"), TinyModels.fullyConnected());

    CliRun overInput =
        CliRun.of(
            "compile", model.toString(), "-o", out.toString(), "--force", "--build-dir", BUILD);
    assertThat(overInput.exitCode()).isEqualTo(2);
    assertThat(overInput.err()).contains("is also an input of this command");
    assertThat(Files.readAllBytes(model)).isEqualTo(TinyModels.fullyConnected());

    Path other = Files.write(tmp.resolve("fc.tflite"), TinyModels.fullyConnected());
    CliRun forced =
        CliRun.of(
            "compile", other.toString(), "-o", out.toString(), "--force", "--build-dir", BUILD);
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readString(out.resolve("main.c"))).isNotEqualTo("mine");
  }

  @Test
  void trainRefusesToWriteOverItsInputModelEvenThroughAnotherPath() throws IOException {
    Path model = Files.write(tmp.resolve("m.tflite"), TinyModels.fullyConnected());
    Path spec = Files.writeString(tmp.resolve("spec.json"), "{\"layers\": {\"0\": \"all\"}}");
    Path sub = Files.createDirectories(tmp.resolve("sub"));
    String sameFile = sub.resolve("..").resolve("m.tflite").toString();

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
            sameFile);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("-o " + sameFile + " is also an input of this command");
    assertThat(Files.readAllBytes(model)).isEqualTo(TinyModels.fullyConnected());
  }
}
