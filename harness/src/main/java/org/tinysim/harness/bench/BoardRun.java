package org.tinysim.harness.bench;

import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.peripherals.board.Stm32f746Board;

/** One bench run on the full board (cycle model, peripherals, SRAM meter), timed on the host. */
final class BoardRun {

  record Outcome(long instructions, long cycles, long checksum, double seconds) {}

  private BoardRun() {}

  static Outcome run(ElfImage image, long rounds) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(image);
      board.machine().writeSymbol(BenchFirmware.CONFIG_SYMBOL, BenchFirmware.config(rounds));
      long start = System.nanoTime();
      RunResult r = board.run(RunOptions.cycles(0));
      double seconds = (System.nanoTime() - start) / 1e9;
      if (r.stop() != StopKind.EXITED || r.exitStatus() != 0) {
        throw new IllegalStateException(
            "bench firmware did not exit 0 on the board: "
                + (r.fault() != null ? r.fault().detail() : "status " + r.exitStatus()));
      }
      long checksum =
          BenchFirmware.checksum(r.console())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "bench firmware printed no checksum: " + r.console()));
      return new Outcome(r.instructions(), r.cycles(), checksum, seconds);
    }
  }
}
