package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;

/** Runs the board test firmwares the Maven build compiles from src/test/firmware. */
final class BoardFirmware {
  static final long DEFAULT_BUDGET = 200_000_000L;

  private BoardFirmware() {}

  static Path path(String name) {
    Path elf = Path.of(System.getProperty("tinysim.firmwareDir", "target/firmware"), name + ".elf");
    assertThat(elf)
        .as("test firmware built by the Maven build (make -C src/test/firmware)")
        .exists();
    return elf;
  }

  /**
   * Loads and runs a firmware on a fresh DISCO board; {@code inspect} sees the board after the run.
   */
  static RunResult run(String name, long maxCycles, Consumer<Stm32f746Board> inspect) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(ElfImage.load(path(name)));
      RunResult result = board.run(RunOptions.cycles(maxCycles));
      inspect.accept(board);
      return result;
    }
  }

  static RunResult run(String name) {
    return run(name, DEFAULT_BUDGET, board -> {});
  }
}
