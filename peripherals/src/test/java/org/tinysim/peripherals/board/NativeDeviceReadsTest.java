package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;

/**
 * DWT CYCCNT, SysTick VAL, SysTick CTRL (COUNTFLAG clears on read) and USART ISR answered by the
 * native hook read exactly what the Java devices answer, also when reads of one register alternate
 * between the native hook and Java.
 */
class NativeDeviceReadsTest {
  @Test
  void nativeReadsEqualTheJavaPathInstructionByInstruction() {
    RunResult nativeReads = run(true);
    RunResult javaReads = run(false);

    assertThat(nativeReads.exitStatus()).isZero();
    assertThat(nativeReads.console()).isEqualTo(javaReads.console());
    assertThat(nativeReads.cycles()).isEqualTo(javaReads.cycles());
    List<String> lines = nativeReads.console().lines().toList();
    // ISR: RXNE (bit 5) while "ab" is queued, TC (bit 6) cleared by ICR and set by a TDR write;
    // TXE | TEACK | REACK | TCBGT throughout; RDR reads "a" then "b".
    long fixed = 0x80 | 0x20_0000 | 0x40_0000 | 0x200_0000;
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "usart %d 97 %d 98 %d %d %d",
            fixed | 0x20 | 0x40, fixed | 0x20 | 0x40, fixed | 0x40, fixed, fixed | 0x40);
    List<long[]> rows =
        lines.subList(0, lines.size() - 1).stream()
            .map(line -> Arrays.stream(line.split(" ")).mapToLong(Long::parseLong).toArray())
            .toList();
    assertThat(rows).hasSize(64);
    long previous = -1;
    boolean wrapped = false;
    boolean clearedByTheFirstRead = false;
    boolean byteReadSawAWrap = false;
    for (long[] row : rows) {
      assertThat(row[0]).as("CYCCNT increases").isGreaterThan(previous);
      assertThat(row[3]).as("CYCCNT later in the same round").isGreaterThan(row[0]);
      assertThat(row[1]).as("SysTick VAL within RELOAD").isBetween(0L, 999L);
      assertThat(row[4]).as("DWT CTRL.CYCCNTENA").isEqualTo(1);
      wrapped |= (row[2] & (1 << 16)) != 0;
      clearedByTheFirstRead |= (row[2] & (1 << 16)) != 0 && (row[5] & (1 << 16)) == 0;
      byteReadSawAWrap |= (row[6] & 1) != 0;
      assertThat(row[5] & 7).as("CTRL ENABLE|CLKSOURCE").isEqualTo(5);
      previous = row[3];
    }
    assertThat(wrapped).as("some round saw COUNTFLAG").isTrue();
    assertThat(clearedByTheFirstRead).as("a CTRL read clears COUNTFLAG").isTrue();
    assertThat(byteReadSawAWrap).as("a byte read of CTRL saw a wrap after the word reads").isTrue();
  }

  private static RunResult run(boolean nativeReads) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(BoardFirmware.path("mmio_poll")));
      board.machine().counter().setNativeDeviceReads(nativeReads);
      board.peripherals().usart("USART1").receive("ab");
      return board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
    }
  }
}
