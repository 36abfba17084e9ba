package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;

/**
 * Fast RAM stores (tinysim_ram.c) are in effect on the board and change nothing the firmware or the
 * cycle model sees: code written to SRAM still runs as last written, and results, cycles and
 * instructions equal those of Unicorn's stock store path.
 */
class FastRamStoresTest {

  @Test
  void selfModifyingCodeInSramRunsAsLastWritten() {
    RunResult fast = run("ram_code", true);
    RunResult stock = run("ram_code", false);

    assertThat(fast.exitStatus()).isZero();
    assertThat(fast.console()).isEqualTo("1 2 3 4 sum 134152315\n");
    assertThat(stock.console()).isEqualTo(fast.console());
    assertThat(stock.cycles()).isEqualTo(fast.cycles());
    assertThat(stock.instructions()).isEqualTo(fast.instructions());
  }

  @Test
  void taskSwitchingFirmwareSeesTheSameRunEitherWay() {
    RunResult fast = run("rtos_sched", true);
    RunResult stock = run("rtos_sched", false);

    assertThat(fast.exitStatus()).isZero();
    assertThat(stock.console()).isEqualTo(fast.console());
    assertThat(stock.cycles()).isEqualTo(fast.cycles());
    assertThat(stock.instructions()).isEqualTo(fast.instructions());
  }

  private static RunResult run(String firmware, boolean fastStores) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(BoardFirmware.path(firmware)));
      assertThat(board.machine().counter().setFastRamStores(fastStores))
          .as("fast RAM stores in effect")
          .isEqualTo(fastStores);
      return board.run(RunOptions.cycles(BoardFirmware.DEFAULT_BUDGET));
    }
  }
}
