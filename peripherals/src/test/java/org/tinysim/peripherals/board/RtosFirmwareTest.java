package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * Firmware that runs like an RTOS: tasks on the process stack, PendSV context switches between FP
 * and non-FP tasks, BASEPRI critical sections, notifications from the tick ISR, a queue. The
 * transcripts follow from the priorities alone (worked out in the firmware sources), so any lost
 * preemption, wrong stack or wrong frame changes them.
 */
class RtosFirmwareTest {

  @Test
  void preemptiveSchedulerInterleavesExactlyAsItsPrioritiesDictate() {
    RunResult r = BoardFirmware.run("rtos_sched");
    assertThat(r.console())
        .as("fault: %s, exit %s", r.fault(), r.exitStatus())
        .isEqualTo(
            """
                scheduler starts
                producer waits
                consumer waits
                spinner runs
                producer tick 2
                producer sent 1
                producer sent 2
                consumer got 1 acc*1000 1000
                consumer got 2 acc*1000 2500
                producer tick 4
                producer sent 3
                producer sent 4
                consumer got 3 acc*1000 4250
                consumer got 4 acc*1000 6125
                waiter sees marker 1
                waiter sees marker 3
                waiter sees marker 5
                waiter sees marker 7
                irq saw 7
                waiter sees marker 9
                irq saw 9
                rtos ok
                """);
    assertThat(r.stop()).isEqualTo(StopKind.EXITED);
    assertThat(r.exitStatus()).isZero();
  }

  @Test
  void taskStacksInBssAreNoOverflowAndTheSramPeakStaysWithinSram() {
    RunResult r = BoardFirmware.run("rtos_sched");
    assertThat(r.fault()).isNull();
    assertThat(r.sram().peakBytes()).isLessThanOrEqualTo(r.sram().limitBytes());
  }

  /**
   * The register answers a Cortex-M7 RTOS port relies on (FreeRTOS's GCC/ARM_CM7 port probes and
   * asserts each): 4 implemented priority bits, AIRCR with PRIGROUP 0, VTOR and its SVCall and
   * PendSV entries, SHPR3 after OR-ing in the lowest priority, SysTick programmed for a 16,000
   * cycle tick and ticking exactly that often, FPCCR with ASPEN and LSPEN, VECTACTIVE in thread
   * mode and in an IRQ, the IRQ's priority read through IPSR; then the first task started by SVC
   * after the MSP reload, PendSV's erratum sequence, a tick-driven wake, FP work in the tick
   * handler under a task with live FP registers that tail-chains into a switch away and back
   * (FreeRTOS's tick hook under time slicing), an IRQ held by PendSV's BASEPRI that nests once it
   * is lowered (extended frame: PendSV's VSTM made FP state live) and re-pends PendSV, and WFI
   * idle.
   */
  @Test
  void anRtosPortSeesTheCoreRegistersAndTimingOfAnStm32f746() {
    RunResult r = BoardFirmware.run("rtos_port");
    assertThat(r.console())
        .as("fault: %s, exit %s", r.fault(), r.exitStatus())
        .isEqualTo(
            """
                priority probe 240
                aircr 0xFA050000
                vtor 0x08000000
                svc entry ok
                pendsv entry ok
                shpr3 0xF0F00000
                systick ctrl 0x00000007
                systick load 15999
                fpccr 0xC0000000
                task vectactive 0
                woke after ticks 5
                tick spacing 16000
                tick spacing 16000
                irq ipsr 113
                irq priority 96
                irq vectactive 113
                fp across switch*2 9
                fp kept across fp tick handler and switch
                tick handler fp ok
                switches for one yield 2
                irq in pendsv lr 0xFFFFFFE1
                long sleep ticks 2000
                idle wfi wakes 2000
                """);
    assertThat(r.exitStatus()).isZero();
    // Sleeping, not spinning: 2000 idle ticks of 16,000 cycles cost a few dozen instructions each.
    assertThat(r.instructions()).isLessThan(2000L * 100);
  }

  @Test
  void everyExcReturnValueStackAndControlStateRoundTrips() {
    RunResult r = pspCase(0);
    assertThat(r.console())
        .as("fault: %s, exit %s", r.fault(), r.exitStatus())
        .isEqualTo(
            """
                wfi woke, irq still pending
                irq after cpsie lr 0xFFFFFFF9
                main svc lr 0xFFFFFFF9
                main fp svc lr 0xFFFFFFE9
                task control 0x00000002
                pendsv lr 0xFFFFFFFD
                thread sp is psp
                task control 0x00000002
                fp svc lr 0xFFFFFFED
                fp kept
                task control 0x00000006
                unprivileged control 0x00000007
                privileged again control 0x00000006
                nested irq lr 0xFFFFFFF1
                nested fp irq lr 0xFFFFFFE1
                psp ok
                """);
    assertThat(r.exitStatus()).isZero();
    assertThat(r.sram().peakBytes()).isLessThanOrEqualTo(r.sram().limitBytes());
  }

  @Test
  void anIllegalExcReturnIsAnInvpcUsageFault() {
    RunResult r = pspCase(1);
    assertThat(r.stop()).isEqualTo(StopKind.FAULTED);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.USAGE_FAULT);
    assertThat(r.fault().detail()).contains("INVPC", "EXC_RETURN 0xFFFFFFF5", "bits [3:0] = 0x5");
  }

  @Test
  void returningToThreadModeFromANestedHandlerIsAnInvpcUsageFault() {
    RunResult r = pspCase(2);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.USAGE_FAULT);
    assertThat(r.fault().detail())
        .contains("INVPC", "EXC_RETURN 0xFFFFFFF9", "1 other exception(s) still active");
  }

  @Test
  void aCoprocessorInstructionOnDataIsANocpUsageFaultNamingTheInstructionAndSymbol() {
    RunResult r = pspCase(3);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.USAGE_FAULT);
    assertThat(r.fault().detail()).contains("NOCP", "0xED08E000", "coprocessor_on_data");
  }

  @Test
  void aTaskRecursingBelowItsDeclaredStackLimitIsAProcessStackOverflow() {
    RunResult r = pspCase(4);
    assertThat(r.fault().kind()).isEqualTo(FaultKind.STACK_OVERFLOW);
    assertThat(r.fault().detail()).contains("PSP", "tinysim_psp_limit");
  }

  private static RunResult pspCase(int scenario) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(BoardFirmware.path("psp_cases")));
      board
          .machine()
          .writeSymbol(
              "scenario",
              ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(scenario).array());
      return board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
    }
  }
}
