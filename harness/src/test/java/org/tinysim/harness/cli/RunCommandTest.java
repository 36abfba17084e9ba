package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.RunResult;

@SuppressWarnings("unchecked")
class RunCommandTest {

  private static Path hello;
  private static Path spin;

  @BeforeAll
  static void buildFirmware() throws IOException {
    hello = TestFirmware.build("hello", TestFirmware.HELLO);
    spin = TestFirmware.build("spin", TestFirmware.SPIN);
  }

  @Test
  void jsonHasStatusOutputsAndMemory() {
    CliRun r = CliRun.of("run", hello.toString(), "--json");
    assertThat(r.exitCode()).isEqualTo(3);
    Map<String, Object> json = (Map<String, Object>) r.json();
    assertThat(json.get("exitStatus")).isEqualTo(3L);
    assertThat(json.get("stop")).isEqualTo("EXITED");
    assertThat(json.get("fault")).isNull();
    assertThat(json.get("uart")).isEqualTo("uart \"hi\"\n");
    assertThat(json.get("console")).isEqualTo("console hi\n");
    assertThat((Long) json.get("instructions")).isPositive();
    long cycles = (Long) json.get("cycles");
    assertThat((Double) json.get("ms216"))
        .isCloseTo(cycles / 216_000.0, org.assertj.core.data.Offset.offset(1e-9));
    Map<String, Object> sram = (Map<String, Object>) json.get("sram");
    assertThat(sram.get("limit")).isEqualTo(320L * 1024);
    assertThat((Long) sram.get("static")).isGreaterThanOrEqualTo(600);
    assertThat((Map<String, Object>) sram.get("sections")).containsKey(".bss");
    assertThat((Long) sram.get("peak"))
        .isEqualTo((Long) sram.get("static") + (Long) sram.get("heap") + (Long) sram.get("stack"));
    assertThat((Long) json.get("flashBytes")).isBetween(100L, 1024L * 1024);
  }

  @Test
  void aRunThatYieldsWithoutAHostFailsWithAReason() throws IOException {
    Path yields = TestFirmware.build("yields", TestFirmware.YIELD);
    CliRun text = CliRun.of("run", yields.toString());
    assertThat(text.exitCode()).isEqualTo(99);
    assertThat(text.err())
        .contains(
            "tinysim: the firmware did not exit: it yielded to the host "
                + "(bkpt 0x42) with no host attached; exit code 99");

    CliRun json = CliRun.of("run", yields.toString(), "--json");
    assertThat(json.exitCode()).isEqualTo(99);
    Map<String, Object> report = (Map<String, Object>) json.json();
    assertThat(report)
        .containsEntry("stop", "YIELDED")
        .containsEntry("exitCode", 99L)
        .doesNotContainKey("cycleReport");
  }

  @Test
  void jsonErrorsAreOneObjectOnStdoutWithTheExitCode(@TempDir Path tmp) {
    CliRun missing = CliRun.of("run", tmp.resolve("absent.elf").toString(), "--json");
    assertThat(missing.exitCode()).isEqualTo(2);
    Map<String, Object> error = (Map<String, Object>) missing.json();
    assertThat(List.copyOf(error.keySet())).containsExactly("error", "exitCode");
    assertThat(error.get("exitCode")).isEqualTo(2L);
    assertThat((Map<String, Object>) error.get("error"))
        .containsEntry("kind", "input")
        .containsEntry("location", "tinysim run")
        .containsEntry(
            "message",
            "firmware " + tmp.resolve("absent.elf") + " does not exist or is not a file");

    CliRun badValue = CliRun.of("run", hello.toString(), "--json", "--max-cycles", "lots");
    assertThat(badValue.exitCode()).isEqualTo(2);
    Map<String, Object> usage =
        (Map<String, Object>) ((Map<String, Object>) badValue.json()).get("error");
    assertThat(usage).containsEntry("kind", "usage").containsEntry("location", "--max-cycles");
    assertThat((String) usage.get("message")).contains("lots");
    assertThat(CliRun.of("run", tmp.resolve("absent.elf").toString()).out()).isEmpty();
  }

  @Test
  void textModeStreamsOutputThenPrintsTheSummary() {
    CliRun r = CliRun.of("run", hello.toString(), "--board", "nucleo");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out())
        .contains(
            "uart \"hi\"\n",
            "console hi\n",
            "status:       exited 3",
            "of 327,680 B",
            "of 1,048,576 B",
            "at 216 MHz");
    assertThat(r.out().indexOf("uart \"hi\"")).isLessThan(r.out().indexOf("status:"));
    assertThat(r.err()).isEmpty();
  }

  @Test
  void runawayFirmwareStopsWithTheCycleBudgetFault() {
    CliRun r = CliRun.of("run", spin.toString(), "--max-cycles", "200000", "--json");
    assertThat(r.exitCode())
        .isEqualTo(RunResult.FAULT_EXIT_BASE + FaultKind.CYCLE_BUDGET_EXCEEDED.ordinal());
    Map<String, Object> json = (Map<String, Object>) r.json();
    assertThat(json.get("stop")).isEqualTo("FAULTED");
    assertThat(json.get("exitStatus")).isNull();
    Map<String, Object> fault = (Map<String, Object>) json.get("fault");
    assertThat(fault.get("kind")).isEqualTo("CYCLE_BUDGET_EXCEEDED");
    assertThat((String) fault.get("location")).startsWith("main");
    assertThat((Long) json.get("cycles")).isBetween(200_000L, 200_100L);
  }

  @Test
  void instructionBudgetAndCycleReport() {
    CliRun r = CliRun.of("run", spin.toString(), "--max-instructions", "50000", "--cycle-report");
    assertThat(r.exitCode())
        .isEqualTo(RunResult.FAULT_EXIT_BASE + FaultKind.INSTRUCTION_BUDGET_EXCEEDED.ordinal());
    assertThat(r.out())
        .contains(
            "status:       fault: ran more than",
            "cycles per function",
            "dual-lost",
            "load-use",
            "mispredict");
    String mainRow =
        r.out()
            .lines()
            .filter(l -> l.matches("\\s+[\\d,]+\\s+[\\d.]+ %.*\\s+main"))
            .findFirst()
            .orElseThrow();
    double share = Double.parseDouble(mainRow.trim().split("\\s+")[1]);
    assertThat(share).isGreaterThan(90.0);
  }

  @Test
  void cycleReportInJsonIsSortedAndSumsToAHundredPercent() {
    CliRun r = CliRun.of("run", hello.toString(), "--json", "--cycle-report");
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) ((Map<String, Object>) r.json()).get("cycleReport");
    assertThat(rows).isNotEmpty();
    assertThat(rows).extracting(m -> m.get("function")).contains("main", "Reset_Handler");
    double total = 0;
    long previous = Long.MAX_VALUE;
    for (Map<String, Object> row : rows) {
      long cycles = (Long) row.get("cycles");
      assertThat(cycles).isLessThanOrEqualTo(previous);
      previous = cycles;
      total += ((Number) row.get("percent")).doubleValue();
    }
    assertThat(total).isBetween(99.0, 101.0);
  }

  @Test
  void cycleReportAccountsForTheRunsCyclesWithStallCauses() {
    CliRun r = CliRun.of("run", hello.toString(), "--json", "--cycle-report");
    Map<String, Object> json = (Map<String, Object>) r.json();
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("cycleReport");
    long attributed = 0;
    for (Map<String, Object> row : rows) {
      attributed += (Long) row.get("cycles");
      Map<String, Object> stalls = (Map<String, Object>) row.get("stalls");
      assertThat(stalls)
          .containsOnlyKeys(
              "dualIssueLost",
              "loadUse",
              "latency",
              "storeBuffer",
              "fetchWaitStates",
              "mispredict",
              "indirectBranch",
              "data",
              "handOver");
      long stallSum = stalls.values().stream().mapToLong(v -> (Long) v).sum();
      assertThat(stallSum)
          .as(row.get("function") + " stalls within its cycles")
          .isBetween(0L, (Long) row.get("cycles"));
      assertThat((Long) row.get("instructions")).isPositive();
    }
    long runCycles = (Long) json.get("cycles");
    // Only exception entry/return and sleep are outside blocks; hello takes none but semihosting.
    assertThat(attributed).isLessThanOrEqualTo(runCycles).isGreaterThan(runCycles * 95 / 100);
  }

  @Test
  void cycleReportFunctionTotalsAddUpToTheRunWithDataAndHandOverCycles() throws IOException {
    Path stream = TestFirmware.build("flash_stream", TestFirmware.FLASH_STREAM);
    CliRun r = CliRun.of("run", stream.toString(), "--json", "--cycle-report");
    assertThat(r.exitCode()).isZero();
    Map<String, Object> json = (Map<String, Object>) r.json();
    List<Map<String, Object>> rows = (List<Map<String, Object>>) json.get("cycleReport");
    long attributed = 0;
    long data = 0;
    for (Map<String, Object> row : rows) {
      attributed += (Long) row.get("cycles");
      data += (Long) ((Map<String, Object>) row.get("stalls")).get("data");
    }
    // 4 passes x 16 KiB of flash through 32-byte lines, each fill (7 wait states + 4) shared by
    // its 8 loads: 2048 fills x 11 cycles, all of it fractions of a cycle per load; a little less
    // while the block's probe has not yet seen its span pass the D-cache's 4 KiB (CYCLE_MODEL.md).
    assertThat(data).isBetween(2048L * 11 * 9 / 10, 2048L * 11);
    long unattributed = (Long) json.get("cycleReportUnattributed");
    assertThat(attributed + unattributed).isEqualTo((Long) json.get("cycles"));
  }

  @Test
  void garbageFileIsAOneLineUsageError(@TempDir Path tmp) throws IOException {
    Path junk = tmp.resolve("junk.elf");
    Files.writeString(junk, "this is not firmware\n");
    CliRun r = CliRun.of("run", junk.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("tinysim: ").contains("not an ELF");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void missingFileAndBadOptionsExitWithTwo(@TempDir Path tmp) {
    CliRun missing = CliRun.of("run", tmp.resolve("absent.elf").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("does not exist");
    assertThat(CliRun.of("run", hello.toString(), "--max-cycles", "-5").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("run", hello.toString(), "--board", "f4").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(2);
  }

  @Test
  void firmwareTooBigForFlashIsAOneLineUsageError() throws Exception {
    CliRun r = CliRun.of("run", TestFirmware.tooBigForFlash().toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("tinysim: ").contains("flash").doesNotContain("\n");
  }

  @Test
  void aBudgetStopNamesTheOptionThatSetIt() {
    CliRun r = CliRun.of("run", spin.toString(), "--max-cycles", "200000");
    assertThat(r.exitCode())
        .isEqualTo(RunResult.FAULT_EXIT_BASE + FaultKind.CYCLE_BUDGET_EXCEEDED.ordinal());
    assertThat(r.err())
        .contains("stopped: --max-cycles 200000 reached; raise it, or 0 for no limit");
  }

  @Test
  void aWallClockTimeoutStopsARunawayLoopWithProgressOnStderr() {
    long start = System.nanoTime();
    CliRun r = CliRun.of("run", spin.toString(), "--timeout", "4s", "--max-cycles", "0");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(r.exitCode()).isEqualTo(RunResult.STOPPED_BY_HOST_EXIT);
    assertThat(seconds).isBetween(3.9, 30.0);
    assertThat(r.err())
        .contains("stopped: --timeout 4s of wall-clock time reached after", "at main");
    // Not silent: after a few seconds plain progress lines (no carriage returns) with the rates.
    assertThat(r.err()).contains("Mcycles", "ms simulated", "MIPS").doesNotContain("\r");
    assertThat(r.out()).contains("status:       stopped by the host before the firmware ended");
  }

  @Test
  void badTimeoutsAreUsageErrors() {
    assertThat(CliRun.of("run", hello.toString(), "--timeout", "soon").exitCode()).isEqualTo(2);
    CliRun zero = CliRun.of("run", hello.toString(), "--timeout", "0s");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("--timeout must be positive");
  }
}
