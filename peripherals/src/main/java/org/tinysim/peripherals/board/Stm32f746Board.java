package org.tinysim.peripherals.board;

import org.tinysim.emulator.Machine;
import org.tinysim.emulator.cycles.BlockCostModel;
import org.tinysim.emulator.cycles.CodeRegion;
import org.tinysim.emulator.cycles.CortexM7CostModel;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.peripherals.cortexm.SystemControlBlock;
import org.tinysim.peripherals.flash.FlashInterface;

/**
 * An emulated STM32F746 board: the core and memory ({@link Machine}) with every modelled peripheral
 * attached and wired (NVIC as the interrupt controller, the RCC's HCLK as the core clock, FLASH_ACR
 * as the wait states, CCR.UNALIGN_TRP as the alignment trap).
 */
public final class Stm32f746Board implements AutoCloseable {
  /** The board's console UART (ST-LINK virtual COM port on the DISCO board). */
  public static final String CONSOLE_UART = "USART1";

  private final Machine machine;
  private final Stm32f746Peripherals peripherals;

  public Stm32f746Board(BoardConfig config, BlockCostModel costModel) {
    machine = new Machine(costModel);
    try {
      peripherals = new Stm32f746Peripherals(machine.clock(), machine.interruptSignal(), config);
      for (DeviceMapping mapping : peripherals.mappings()) {
        machine.attachDevice(mapping.baseAddress(), mapping.device());
      }
      machine.setInterruptController(peripherals.interruptController());
      machine.setFpContextControl(peripherals.fpContextControl());
      machine.setCoreFrequencySource(() -> peripherals.clockControl().hclkHz());
      machine.setFlashWaitStatesSource(() -> peripherals.flashLatency().waitStates());
      SystemControlBlock scb = peripherals.systemControlBlock();
      scb.addUnalignedTrapListener(machine::setTrapAllUnaligned);
      machine.setFaultStatusRegisters(scb);
      scb.addCcrWriteListener(() -> machine.setDivideByZeroTrap(scb.divideByZeroTrap()));
      wireFlashCaches();
    } catch (RuntimeException e) {
      machine.close();
      throw e;
    }
  }

  /**
   * Code fetched from flash over AXIM goes through the L1 I-cache (CCR.IC), over the ITCM path
   * through ST's ART (FLASH_ACR.ARTEN); data goes through the L1 D-cache (CCR.DC). Block costs are
   * recomputed when any of them (or the wait states) change.
   */
  private void wireFlashCaches() {
    SystemControlBlock scb = peripherals.systemControlBlock();
    FlashInterface flash = (FlashInterface) peripherals.flashLatency();
    machine.setFlashCacheSource(
        region ->
            region == CodeRegion.FLASH_AXIM || region == CodeRegion.SRAM_AXIM
                ? scb.instructionCacheEnabled()
                : region != CodeRegion.FLASH_ITCM || flash.artEnabled());
    machine.setDataCacheSource(scb::dataCacheEnabled);
    int[] state = {cacheState(scb, flash)};
    Runnable check =
        () -> {
          int now = cacheState(scb, flash);
          if (now != state[0]) {
            state[0] = now;
            machine.flashCacheChanged();
          }
        };
    scb.addCcrWriteListener(check);
    flash.addAcrWriteListener(check);
  }

  private static int cacheState(SystemControlBlock scb, FlashInterface flash) {
    return flash.waitStates()
        | (scb.instructionCacheEnabled() ? 0x100 : 0)
        | (flash.artEnabled() ? 0x200 : 0)
        | (scb.dataCacheEnabled() ? 0x400 : 0);
  }

  /** STM32F746G-DISCO with the calibrated Cortex-M7 cycle model. */
  public static Stm32f746Board disco() {
    return new Stm32f746Board(BoardConfig.disco(), new CortexM7CostModel());
  }

  public void load(ElfImage firmware) {
    machine.load(firmware);
  }

  public RunResult run(RunOptions options) {
    return machine.run(options);
  }

  /** Everything written to the USARTs so far, concatenated in table order. */
  public String uartText() {
    StringBuilder all = new StringBuilder();
    for (String name : Stm32f746Peripherals.uartNames()) {
      all.append(peripherals.uartTranscript(name).text());
    }
    return all.toString();
  }

  public Machine machine() {
    return machine;
  }

  public Stm32f746Peripherals peripherals() {
    return peripherals;
  }

  @Override
  public void close() {
    machine.close();
  }
}
