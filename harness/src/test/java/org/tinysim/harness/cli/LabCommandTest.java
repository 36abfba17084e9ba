package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tinysim lab}: exit codes and what a student sees (lab 3 is the quickest to grade). */
class LabCommandTest {

  private static final String BUILD = CliRun.buildRoot().toString();

  @TempDir Path tmp;

  @Test
  void gradesAStudentDirectoryAndExitsZeroOnlyWhenAllPass() throws IOException {
    Path mine = Files.createDirectories(tmp.resolve("mylab3"));
    Files.writeString(mine.resolve("lab3.json"), "{\"planner\": \"greedy\", \"inPlace\": true}");
    CliRun pass = CliRun.of("lab", "check", "3", mine.toString(), "--build-dir", BUILD);
    assertThat(pass.exitCode()).as(pass.out() + pass.err()).isZero();
    assertThat(pass.out()).contains("PASS peak SRAM within the budget", "2/2 criteria passed");

    Files.writeString(mine.resolve("lab3.json"), "{\"planner\": \"linear\"}");
    CliRun fail = CliRun.of("lab", "check", "3", mine.toString(), "--build-dir", BUILD);
    assertThat(fail.exitCode()).isEqualTo(1);
    assertThat(fail.out()).contains("FAIL peak SRAM within the budget", "hint:");
  }

  @Test
  void badInputIsAUsageError() throws IOException {
    assertThat(CliRun.of("lab", "check", "9").err()).contains("there is no lab 9");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CliRun missing = CliRun.of("lab", "check", "2", empty.toString(), "--build-dir", BUILD);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("has no conv.c");
    CliRun list = CliRun.of("lab", "list");
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("lab1-bare-metal", "lab5-training");
  }
}
