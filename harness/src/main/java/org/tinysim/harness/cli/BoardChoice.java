package org.tinysim.harness.cli;

import org.tinysim.emulator.cycles.CortexM7CostModel;
import org.tinysim.peripherals.board.BoardConfig;
import org.tinysim.peripherals.board.Stm32f746Board;

/** The boards {@code --board} accepts (they differ in the HSE crystal the firmware sees). */
public enum BoardChoice {
  disco,
  nucleo;

  public Stm32f746Board open() {
    BoardConfig config = this == disco ? BoardConfig.disco() : BoardConfig.nucleo();
    return new Stm32f746Board(config, new CortexM7CostModel());
  }
}
