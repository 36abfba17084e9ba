package org.tinysim.harness.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cpu.HostMemory;
import org.tinysim.emulator.cpu.UnicornBackend;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.memory.Stm32f746MemoryMap;
import org.tinysim.emulator.run.FirmwareLoader;
import org.tinysim.emulator.semihosting.Semihosting;

/**
 * The same firmware on a bare Unicorn: RAM for flash, ITCM, SRAM and the PPB (so startup's SCB
 * writes land somewhere), no block or memory hooks, no cycle model. Only the interrupt hook is
 * installed, to serve semihosting; after the exit call the PC is sent to an unmapped address,
 * because uc_emu_stop from an interrupt hook can be lost.
 */
final class PlainUnicornRun {

  record Outcome(long checksum, double seconds) {}

  private static final int INTNO_BKPT = 7;
  private static final int SEMIHOSTING_BKPT = 0xAB;

  /** FMC bank 1: nothing is mapped there in this run. */
  private static final int PARKING_PC = 0x6000_0000;

  private final CpuBackend cpu = new UnicornBackend();
  private final HostMemory flash = new HostMemory(Stm32f746MemoryMap.FLASH_SIZE);
  private final HostMemory itcm = new HostMemory(16 * 1024);
  private final HostMemory sram = new HostMemory(Stm32f746MemoryMap.SRAM_SIZE);
  private final HostMemory ppb = new HostMemory(Stm32f746MemoryMap.PPB_SIZE);
  private final Semihosting semihosting;
  private String failure;

  private PlainUnicornRun() {
    EnumSet<CpuBackend.Access> all = EnumSet.allOf(CpuBackend.Access.class);
    cpu.mapMemory(Stm32f746MemoryMap.ITCM_RAM_BASE, itcm, all);
    cpu.mapMemory(
        Stm32f746MemoryMap.FLASH_ITCM_BASE,
        flash,
        EnumSet.of(CpuBackend.Access.READ, CpuBackend.Access.EXECUTE));
    cpu.mapMemory(
        Stm32f746MemoryMap.FLASH_BASE,
        flash,
        EnumSet.of(CpuBackend.Access.READ, CpuBackend.Access.EXECUTE));
    cpu.mapMemory(Stm32f746MemoryMap.DTCM_BASE, sram, all);
    cpu.mapMemory(
        Stm32f746MemoryMap.PPB_BASE,
        ppb,
        EnumSet.of(CpuBackend.Access.READ, CpuBackend.Access.WRITE));
    semihosting = new Semihosting(cpu, () -> 0L, () -> 216_000_000L, new long[4]);
    cpu.setEventHandlers(
        new CpuBackend.CpuEvents() {
          @Override
          public void onInterrupt(int intno) {
            handle(intno);
          }

          @Override
          public boolean onInvalidAccess(
              CpuBackend.MemoryAccessKind kind, long address, int size, long value) {
            if (semihosting.exitStatus() == null && failure == null) {
              failure = String.format("%s at 0x%08X", kind, address);
            }
            return false;
          }
        });
  }

  static Outcome run(ElfImage image, long rounds) {
    PlainUnicornRun run = new PlainUnicornRun();
    try {
      return run.execute(image, rounds);
    } finally {
      run.cpu.close();
    }
  }

  private Outcome execute(ElfImage image, long rounds) {
    for (FirmwareLoader.RamInit init : FirmwareLoader.place(image, flash, itcm, sram).ramInits()) {
      sram.write(init.address() - Stm32f746MemoryMap.DTCM_BASE, init.data());
    }
    long config =
        image
            .symbolAddress(BenchFirmware.CONFIG_SYMBOL)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "bench firmware has no " + BenchFirmware.CONFIG_SYMBOL));
    cpu.writeMemory(config, BenchFirmware.config(rounds));
    ByteBuffer vectors = ByteBuffer.wrap(flash.read(0, 8)).order(ByteOrder.LITTLE_ENDIAN);
    cpu.writeRegister(CoreRegister.SP, vectors.getInt());
    int reset = vectors.getInt();
    long start = System.nanoTime();
    cpu.run(reset);
    double seconds = (System.nanoTime() - start) / 1e9;
    Integer status = semihosting.exitStatus();
    if (status == null || status != 0) {
      throw new IllegalStateException(
          "bench firmware did not exit 0 on plain Unicorn: "
              + (failure != null ? failure : "exit status " + status)
              + "; console: "
              + semihosting.stdout());
    }
    long checksum =
        BenchFirmware.checksum(semihosting.stdout())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no checksum from plain Unicorn: " + semihosting.stdout()));
    return new Outcome(checksum, seconds);
  }

  private void handle(int intno) {
    int pc = cpu.readRegister(CoreRegister.PC);
    int imm = intno == INTNO_BKPT ? cpu.readMemory(Integer.toUnsignedLong(pc), 1)[0] & 0xff : -1;
    if (imm != SEMIHOSTING_BKPT) {
      failure = String.format("CPU exception %d at 0x%08X", intno, pc);
      cpu.writeRegister(CoreRegister.PC, PARKING_PC | 1);
      cpu.stop();
      return;
    }
    semihosting.handleCall();
    boolean exited = semihosting.exitStatus() != null;
    cpu.writeRegister(CoreRegister.PC, exited ? PARKING_PC | 1 : (pc + 2) | 1);
    if (exited) {
      cpu.stop();
    }
  }
}
