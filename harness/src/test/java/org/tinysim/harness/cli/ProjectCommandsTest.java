package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.peripherals.board.Stm32f746Board;

/** {@code tinysim new firmware DIR} and the Makefile {@code tinysim compile -o DIR} writes. */
class ProjectCommandsTest {

  private static final String BUILD = CliRun.buildRoot().toString();

  @TempDir Path tmp;

  @Test
  void newFirmwareBuildsWithMakeAndRuns() throws Exception {
    Path dir = tmp.resolve("fw");
    CliRun r = CliRun.of("new", "firmware", dir.toString(), "--build-dir", BUILD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(dir.resolve("board/firmware.mk")).isRegularFile();
    assertThat(dir.resolve("README.md")).isRegularFile();

    make(dir);
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(dir.resolve("build/main.elf")));
      RunResult run = board.run(RunOptions.cycles(100_000_000L));
      assertThat(run.stop()).isEqualTo(StopKind.EXITED);
      assertThat(run.exitStatus()).isZero();
      assertThat(board.uartText()).contains("hello from the STM32F746");
      assertThat(run.console()).containsPattern("1000 iterations: \\d+ cycles");
    }
  }

  @Test
  void newFirmwareRefusesANonEmptyDirectory() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(dir.resolve("main.c"), "mine");
    CliRun r = CliRun.of("new", "firmware", dir.toString(), "--build-dir", BUILD);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("is not empty");
    assertThat(dir.resolve("main.c")).hasContent("mine");
  }

  @Test
  void compiledModelRebuildsWithMakeAfterAnEdit() throws Exception {
    Path model = Files.write(tmp.resolve("fc.tflite"), TinyModels.fullyConnected());
    Path out = tmp.resolve("out");
    CliRun r = CliRun.of("compile", model.toString(), "-o", out.toString(), "--build-dir", BUILD);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Makefile");

    // The edit: command 0 now ends the firmware with status 7 instead of 0.
    Path main = out.resolve("main.c");
    String text = Files.readString(main);
    String edited =
        text.replace(
            "if (tinysim_command == 0) {\n            return 0;",
            "if (tinysim_command == 0) {\n            return 7;");
    assertThat(edited).isNotEqualTo(text);
    Files.writeString(main, edited);
    make(out);
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(out.resolve("build/main.elf")));
      RunResult booted = board.run(RunOptions.cycles(100_000_000L));
      assertThat(booted.stop()).isEqualTo(StopKind.YIELDED);
      RunResult ended = board.run(RunOptions.cycles(booted.cycles() + 1_000_000L));
      assertThat(ended.stop()).isEqualTo(StopKind.EXITED);
      assertThat(ended.exitStatus()).isEqualTo(7);
    }

    // A second compile replaces its own Makefile but never a user's.
    assertThat(
            CliRun.of("compile", model.toString(), "-o", out.toString(), "--build-dir", BUILD)
                .exitCode())
        .isZero();
    Files.writeString(out.resolve("Makefile"), "# mine\n");
    CliRun refused =
        CliRun.of("compile", model.toString(), "-o", out.toString(), "--build-dir", BUILD);
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(out.resolve("Makefile")).hasContent("# mine");
  }

  private static void make(Path dir) throws Exception {
    Process p =
        new ProcessBuilder("make", "-s").directory(dir.toFile()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
  }
}
