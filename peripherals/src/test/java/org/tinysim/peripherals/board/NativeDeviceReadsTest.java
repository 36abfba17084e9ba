package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;

/**
 * DWT CYCCNT and SysTick VAL answered by the native hook read exactly what the Java devices answer.
 */
class NativeDeviceReadsTest {
  @Test
  void nativeReadsEqualTheJavaPathInstructionByInstruction() {
    RunResult nativeReads = run(true);
    RunResult javaReads = run(false);

    assertThat(nativeReads.exitStatus()).isZero();
    assertThat(nativeReads.console()).isEqualTo(javaReads.console());
    assertThat(nativeReads.cycles()).isEqualTo(javaReads.cycles());
    List<long[]> rows =
        nativeReads
            .console()
            .lines()
            .map(line -> Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray())
            .toList();
    assertThat(rows).hasSize(64);
    long previous = -1;
    boolean wrapped = false;
    for (long[] row : rows) {
      assertThat(row[0]).as("CYCCNT increases").isGreaterThan(previous);
      assertThat(row[3]).as("CYCCNT later in the same round").isGreaterThan(row[0]);
      assertThat(row[1]).as("SysTick VAL within RELOAD").isBetween(0L, 999L);
      assertThat(row[4]).as("DWT CTRL.CYCCNTENA").isEqualTo(1);
      wrapped |= (row[2] & (1 << 16)) != 0;
      previous = row[3];
    }
    assertThat(wrapped).as("some round saw COUNTFLAG").isTrue();
  }

  private static RunResult run(boolean nativeReads) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(BoardFirmware.path("mmio_poll")));
      board.machine().counter().setNativeDeviceReads(nativeReads);
      return board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
    }
  }
}
