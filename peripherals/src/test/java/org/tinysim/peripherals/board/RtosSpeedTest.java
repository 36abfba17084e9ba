package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * The host-speed workloads of rtos_busy.c: correct results asserted, MIPS of host CPU time printed
 * (host speed varies too much between machines to assert).
 */
class RtosSpeedTest {
  /**
   * CPU time of the emulating thread (Unicorn runs on it): less noisy than wall time on a shared
   * host.
   */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /** Rounds on fresh boards: the first pays the JIT's warm-up, the last is what a long run sees. */
  private static final int ROUNDS = 2;

  @Test
  void cyccntPollingAndATickDrivenTaskSwitchRunCorrectly() {
    for (int round = 1; round <= ROUNDS; round++) {
      runOnce(round);
    }
  }

  /** rtos_port.c: a tick-driven task switch, then 2000 ticks of WFI idle at 16 MHz. */
  @Test
  void wfiIdleTicksCostTheHostLittle() {
    for (int round = 1; round <= ROUNDS; round++) {
      try (Stm32f746Board board = Stm32f746Board.disco()) {
        board.load(ElfImage.load(BoardFirmware.path("rtos_port")));
        long t0 = CPU.getCurrentThreadCpuTime();
        RunResult r = board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
        long t1 = CPU.getCurrentThreadCpuTime();
        assertThat(r.exitStatus()).isZero();
        double hostSeconds = (t1 - t0) / 1e9;
        System.out.printf(
            "rtos_port round %d: %d instructions, %.3f emulated s in %.3f host CPU s"
                + " (%.1f emulated s per host s, %.2f MIPS)%n",
            round,
            r.instructions(),
            r.cycles() / 16e6,
            hostSeconds,
            r.cycles() / 16e6 / hostSeconds,
            r.instructions() / hostSeconds / 1e6);
      }
    }
  }

  private static void runOnce(int round) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(BoardFirmware.path("rtos_busy")));
      long t0 = CPU.getCurrentThreadCpuTime();
      RunResult polled = board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
      long t1 = CPU.getCurrentThreadCpuTime();
      RunResult done = board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
      long t2 = CPU.getCurrentThreadCpuTime();

      assertThat(polled.stop()).isEqualTo(StopKind.YIELDED);
      assertThat(polled.cycles()).isGreaterThanOrEqualTo(4_000_000L);
      assertThat(done.console()).isEqualTo("polled\nswitches 999\nboth ran\n");
      assertThat(done.exitStatus()).isZero();
      System.out.printf(
          "rtos_busy round %d: CYCCNT polling %.1f MIPS (%d instructions); "
              + "1 kHz SysTick + PendSV switch %.1f MIPS (%d instructions)%n",
          round,
          polled.instructions() * 1e3 / (t1 - t0),
          polled.instructions(),
          (done.instructions() - polled.instructions()) * 1e3 / (t2 - t1),
          done.instructions() - polled.instructions());
    }
  }
}
