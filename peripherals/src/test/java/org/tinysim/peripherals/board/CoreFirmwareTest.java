package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/** The Cortex-M7 core as firmware sees it: console, exit status, DSP/FPU, exceptions, timing. */
class CoreFirmwareTest {

  @Test
  void helloWorldThroughSemihosting() {
    RunResult r = BoardFirmware.run("hello");
    assertThat(r.stop()).isEqualTo(StopKind.EXITED);
    assertThat(r.exitStatus()).isZero();
    assertThat(r.console()).isEqualTo("hello from tinysim\n");
    assertThat(r.flashBytes()).isBetween(1_000L, 4_000L);
  }

  @Test
  void exitStatusBecomesTheProcessExitCode() {
    RunResult r = BoardFirmware.run("exit_status");
    assertThat(r.exitStatus()).isEqualTo(42);
    assertThat(r.processExitCode()).isEqualTo(42);
  }

  @Test
  void dspInstructionsComputeWhatTheArchitectureSays() {
    RunResult r = BoardFirmware.run("dsp");
    assertThat(r.console()).doesNotContain("MISMATCH").contains("dsp ok");
    // Values worked out by hand from the Armv7-M pseudocode (see dsp.c's table).
    assertThat(r.console())
        .contains("QADD 0x7FFFFFFF")
        .contains("QSUB 0x80000000")
        .contains("USAT 0x000000FF");
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void singlePrecisionFpuComputesCorrectly() {
    RunResult r = BoardFirmware.run("fpu");
    assertThat(r.console())
        .doesNotContain("MISMATCH")
        .contains("VSQRT 0x3FB504F3")
        .contains("fpu ok");
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void exceptionEntryAndReturnPreserveStateWithBasicAndFpFrames() {
    RunResult r = BoardFirmware.run("exc_return");
    assertThat(r.console())
        .contains(
            "svc lr 0xFFFFFFF9",
            "svc ok",
            "pendsv ok",
            "fp svc lr 0xFFFFFFE9",
            "fp ok",
            "exceptions ok");
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void itBlocksSurviveInterruptsLandingInsideThem() {
    RunResult r = BoardFirmware.run("itblock");
    assertThat(r.console())
        .contains("itblock plain 0x875044DF", "itblock irq 0x875044DF", "itblock ok");
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void sysTickFiresAtItsProgrammedPeriodAsSeenByDwtCyccnt() {
    RunResult r = BoardFirmware.run("systick");
    List<Long> deltas = new ArrayList<>();
    Matcher m = Pattern.compile("delta \\d+ (\\d+)").matcher(r.console());
    while (m.find()) {
      deltas.add(Long.parseLong(m.group(1)));
    }
    assertThat(deltas).hasSize(9);
    // LOAD = 9999: one interrupt every 10000 core cycles; delivery is at block boundaries.
    assertThat(deltas).allSatisfy(d -> assertThat(d).isBetween(9_990L, 10_010L));
    assertThat(deltas.stream().mapToLong(Long::longValue).sum()).isBetween(89_995L, 90_005L);
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void measuredStackPeakEqualsTheFirmwaresOwnDeepestSp() {
    RunResult r = BoardFirmware.run("stack_depth");
    Matcher peak = Pattern.compile("peak 0x([0-9A-F]{8})").matcher(r.console());
    assertThat(peak.find()).isTrue();
    assertThat(r.sram().stackBytes()).isEqualTo(Long.parseLong(peak.group(1), 16));
    assertThat(r.sram().stackBytes()).isGreaterThanOrEqualTo(8192);
    assertThat(r.sram().sections()).containsEntry(".data", 1000L);
    assertThat(r.sram().sections().get(".bss")).isGreaterThanOrEqualTo(40_000L);
    assertThat(r.sram().peakBytes())
        .isEqualTo(r.sram().staticBytes() + r.sram().heapBytes() + r.sram().stackBytes());
  }

  @Test
  void theSameElfGivesTheSameCyclesEveryRun() {
    RunResult first = BoardFirmware.run("deterministic");
    RunResult second = BoardFirmware.run("deterministic");
    assertThat(first.exitStatus()).isZero();
    assertThat(first.console()).contains("checksum 0x263B4373");
    assertThat(second.cycles()).isEqualTo(first.cycles());
    assertThat(second.instructions()).isEqualTo(first.instructions());
    assertThat(second.console()).isEqualTo(first.console());
  }

  @Test
  void hostCanPatchANamedSymbolBeforeBoot() {
    RunResult full = BoardFirmware.run("deterministic");
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(BoardFirmware.path("deterministic")));
      board
          .machine()
          .writeSymbol(
              "det_repeats",
              ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(4).array());
      RunResult patched = board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
      assertThat(patched.console()).contains("repeats 4 ").doesNotContain("0x263B4373");
      assertThat(patched.cycles()).isLessThan(full.cycles());
    }
  }
}
