package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.FaultDelivery;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * Faults taken by the firmware's own handlers (fault_handler.c), with the status registers the M7
 * sets.
 */
class FaultDeliveryTest {
  private static final ElfImage FIRMWARE = ElfImage.load(BoardFirmware.path("fault_handler"));

  private static RunResult runCase(int faultCase, FaultDelivery delivery) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(FIRMWARE);
      board.machine().setFaultDelivery(delivery);
      board
          .machine()
          .writeSymbol(
              "fault_case",
              ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(faultCase).array());
      return board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
    }
  }

  private static RunResult runCase(int faultCase) {
    return runCase(faultCase, FaultDelivery.AUTO);
  }

  private static String site(String label) {
    return String.format("pc 0x%08X\n", FIRMWARE.symbolAddress(label).orElseThrow());
  }

  @Test
  void aLoadFromUnmappedMemoryIsAPreciseBusFaultWithBfar() {
    RunResult r = runCase(1);
    assertThat(r.stop()).isEqualTo(StopKind.EXITED);
    assertThat(r.console())
        .isEqualTo(
            "exc 5\n" + site("load_site") + "cfsr 0x00008200\nhfsr 0x00000000\nbfar 0x60000000\n");
  }

  @Test
  void aDisabledBusFaultEscalatesToHardFaultWithForced() {
    RunResult r = runCase(2);
    assertThat(r.console())
        .isEqualTo(
            "exc 3\n" + site("load_site") + "cfsr 0x00008200\nhfsr 0x40000000\nbfar 0x60000000\n");
  }

  @Test
  void divideByZeroTrapsOnlyWithDiv0Trp() {
    RunResult trapped = runCase(3);
    assertThat(trapped.console())
        .as(String.valueOf(trapped.fault()))
        .isEqualTo(
            "exc 6\n" + site("div_site") + "cfsr 0x02000000\nhfsr 0x00000000\nbfar 0x00000000\n");
    RunResult untrapped = runCase(4);
    assertThat(untrapped.console()).isEqualTo("quotient 0x00000000\n");
    assertThat(untrapped.exitStatus()).isZero();
  }

  @Test
  void aFaultWhosePriorityCannotPreemptEscalatesToHardFault() {
    assertThat(runCase(5).console())
        .isEqualTo(
            "exc 3\n" + site("udf_site") + "cfsr 0x00010000\nhfsr 0x40000000\nbfar 0x00000000\n");
  }

  @Test
  void aFaultInsideTheHardFaultHandlerLocksTheCoreUp() {
    RunResult r = runCase(6);
    assertThat(r.stop()).isEqualTo(StopKind.FAULTED);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.LOCKUP);
    assertThat(r.fault().pc()).isEqualTo(FIRMWARE.symbolAddress("lockup_site").orElseThrow());
    assertThat(r.fault().detail())
        .contains("UsageFault while in HardFault")
        .contains("UsageFault is disabled in SHCSR");
  }

  @Test
  void aStoreToUnmappedMemoryIsAnImpreciseBusFaultWithoutBfar() {
    long store = FIRMWARE.symbolAddress("store_site").orElseThrow();
    assertThat(runCase(7).console())
        .isEqualTo(
            String.format("exc 5\npc 0x%08X\n", store + 2)
                + "cfsr 0x00000400\nhfsr 0x00000000\nbfar 0x00000000\n");
  }

  @Test
  void withoutDeliveryTheHostReportsTheFault() {
    RunResult r = runCase(1, FaultDelivery.NEVER);
    assertThat(r.stop()).isEqualTo(StopKind.FAULTED);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.READ_UNMAPPED);
    assertThat(r.fault().pc()).isEqualTo(FIRMWARE.symbolAddress("load_site").orElseThrow());
    RunResult division = runCase(3, FaultDelivery.NEVER);
    assertThat(division.fault().kind()).isEqualTo(FaultKind.USAGE_FAULT);
    assertThat(division.fault().pc()).isEqualTo(FIRMWARE.symbolAddress("div_site").orElseThrow());
    assertThat(division.fault().detail())
        .contains("DIVBYZERO")
        .contains("SDIV at 0x")
        .contains("divisor r");
  }

  @Test
  void theHostReportShowsRegistersCallChainAndDisassembly() {
    RunResult r = runCase(1, FaultDelivery.NEVER);
    String context = r.fault().context();
    System.out.println(r.fault().detail() + "\n" + context);
    long load = FIRMWARE.symbolAddress("load_site").orElseThrow();
    assertThat(context)
        .contains("active exception: none (thread mode)\n")
        .contains("registers:\n")
        .contains("r3  0x60000000")
        .contains(String.format("pc  0x%08X", load))
        .contains("#0 load_unmapped+0x4")
        .containsPattern("#1 main\\+0x[0-9a-f]+ \\(returns to")
        .contains(String.format("=> %x: ldr r3, [r3, #0]", load))
        .doesNotContain("stacked frame");
  }

  @Test
  void aLockupReportNamesTheRunningHandlerAndItsStackedFrame() {
    RunResult r = runCase(6);
    String context = r.fault().context();
    System.out.println(r.fault().detail() + "\n" + context);
    assertThat(context)
        .contains("active exception: in report_fault, HardFault (exception 3)\n")
        .containsPattern("stacked frame at 0x2[0-9A-F]{7} \\(what the handler returns to\\)")
        .contains(String.format("pc 0x%08X", FIRMWARE.symbolAddress("udf_site").orElseThrow()))
        .contains("stacked pc is undefined\n")
        .contains("#0 report_fault+0x")
        .contains(
            String.format("=> %x: udf #1", FIRMWARE.symbolAddress("lockup_site").orElseThrow()));
  }

  @Test
  void aFaultInsideSysTickNamesTheHandlerAndShowsTheInterruptedCode() {
    RunResult r = runCase(8, FaultDelivery.NEVER);
    String context = r.fault().context();
    System.out.println(r.fault().detail() + "\n" + context);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.READ_UNMAPPED);
    assertThat(context)
        .contains("active exception: in load_unmapped, SysTick (exception 15)\n")
        .containsPattern("stacked frame at 0x2[0-9A-F]{7}")
        .containsPattern("stacked pc is main\\+0x[0-9a-f]+\n")
        .contains("#0 load_unmapped+0x4")
        .contains("#1 SysTick_Handler+0x")
        .containsPattern("#2 main\\+0x[0-9a-f]+ \\(0x[0-9A-F]{8}, interrupted: the stacked pc\\)");
  }

  @Test
  void deliveryIsACapabilityOfEveryBoardAndListsWhatWasTaken() {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(FIRMWARE);
      assertThat(board.machine().deliversFaults()).isTrue();
      board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
      assertThat(board.machine().deliveredFaults())
          .containsExactly(
              String.format(
                  "BusFault (CFSR 0x00000200) at 0x%08X",
                  FIRMWARE.symbolAddress("load_site").orElseThrow()));
      board.machine().setFaultDelivery(FaultDelivery.NEVER);
      assertThat(board.machine().deliversFaults()).isFalse();
    }
  }
}
