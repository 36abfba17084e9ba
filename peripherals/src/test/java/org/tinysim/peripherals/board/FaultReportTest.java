package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.FaultDelivery;
import org.tinysim.emulator.run.FirmwareDoesNotFitException;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/** Every fault kind stops the run with a report naming address, region and function. */
class FaultReportTest {

  @Test
  void writePastTheEndOfSramNamesTheRegionAndFunction() {
    RunResult r = BoardFirmware.run("fault_sram_end");
    assertThat(r.stop()).isEqualTo(StopKind.FAULTED);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.WRITE_UNMAPPED);
    assertThat(r.fault().address()).isEqualTo(0x2005_0000L);
    assertThat(r.fault().detail())
        .contains("write of 4 bytes at 0x20050000")
        .contains("0 bytes past the end of SRAM2")
        .contains("in main+0x");
    assertThat(r.console()).isEqualTo("writing 0x20050000\n");
  }

  @Test
  void writeToFlashIsRefused() {
    RunResult r = BoardFirmware.run("fault_flash_write");
    assertThat(r.fault().kind()).isEqualTo(FaultKind.WRITE_TO_READ_ONLY);
    assertThat(r.fault().address()).isEqualTo(0x0800_0100L);
    assertThat(r.fault().detail()).contains("inside flash (offset 0x100)");
  }

  @Test
  void readOfAnUnmappedPeripheralHoleFaults() {
    RunResult r = BoardFirmware.run("fault_unmapped");
    assertThat(r.fault().kind()).isEqualTo(FaultKind.READ_UNMAPPED);
    assertThat(r.fault().address()).isEqualTo(0x4003_0000L);
    assertThat(r.fault().location()).startsWith("main");
  }

  @Test
  void undefinedInstructionIsReportedAtItsSymbol() {
    RunResult r = BoardFirmware.run("fault_undefined");
    assertThat(r.fault().kind()).isEqualTo(FaultKind.UNDEFINED_INSTRUCTION);
    assertThat(r.fault().location()).isEqualTo("udf_site");
    assertThat(r.fault().detail()).contains("instruction 0xDE00");
    assertThat(r.processExitCode()).isEqualTo(100 + FaultKind.UNDEFINED_INSTRUCTION.ordinal());
  }

  @Test
  void stackOverflowIsCaughtAtTheStackLimit() {
    RunResult r = BoardFirmware.run("stack_overflow");
    assertThat(r.fault().kind()).isEqualTo(FaultKind.STACK_OVERFLOW);
    assertThat(r.fault().detail()).contains("below the stack limit").contains("__stack_limit");
    assertThat(r.fault().location()).startsWith("recurse");
    assertThat(r.console()).doesNotContain("returned");
  }

  @Test
  void runawayLoopEndsWithTheBudgetFault() {
    RunResult r = BoardFirmware.run("runaway", 2_000_000, board -> {});
    assertThat(r.fault().kind()).isEqualTo(FaultKind.CYCLE_BUDGET_EXCEEDED);
    assertThat(r.cycles()).isBetween(2_000_000L, 2_000_100L);
    assertThat(r.console()).isEqualTo("spinning\n");
  }

  @Test
  void unalignedAccessFaultsOnceTheFirmwareEnablesTheTrap() {
    RunResult r = BoardFirmware.run("unaligned");
    assertThat(r.console())
        .isEqualTo(
            "ldr trap-off 0x04030201\nldr trap-on exc 6 cfsr 0x01000000\n"
                + "ldrd exc 6 cfsr 0x01000000\nldm exc 6 cfsr 0x01000000\nunaligned ok\n");
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void withoutDeliveryTheTrappedUnalignedLoadIsReportedByTheHost() {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(BoardFirmware.path("unaligned")));
      board.machine().setFaultDelivery(FaultDelivery.NEVER);
      RunResult r = board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
      assertThat(r.console()).isEqualTo("ldr trap-off 0x04030201\n");
      assertThat(r.fault().kind()).isEqualTo(FaultKind.UNALIGNED_ACCESS);
      assertThat(r.fault().detail()).contains("read of 4 bytes at 0x").contains("inside DTCM");
    }
  }

  @Test
  void firmwareLargerThanFlashIsRefusedWithTheExcess() {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      assertThatThrownBy(() -> board.load(ElfImage.load(BoardFirmware.path("too_big"))))
          .isInstanceOf(FirmwareDoesNotFitException.class)
          .hasMessageContaining("bytes more than the STM32F746's 1048576 (1 MB)");
    }
  }

  @Test
  void aNewBoardRunsNormallyAfterAFault() {
    assertThat(BoardFirmware.run("fault_undefined").stop()).isEqualTo(StopKind.FAULTED);
    RunResult again = BoardFirmware.run("hello");
    assertThat(again.stop()).isEqualTo(StopKind.EXITED);
    assertThat(again.exitStatus()).isZero();
  }
}
