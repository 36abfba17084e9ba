package org.tinysim.emulator.run;

import java.util.ArrayList;
import java.util.List;
import org.tinysim.emulator.cpu.HostMemory;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.LoadSegment;
import org.tinysim.emulator.memory.Stm32f746MemoryMap;

/**
 * Places an image's load segments where the chip's programmer would: flash contents (text, rodata
 * and the .data initialisers, at their load addresses) into flash; anything else must lie in ITCM
 * RAM or SRAM. The firmware's own startup code copies .data, as on the real chip.
 */
public final class FirmwareLoader {

  /** Bytes to write into SRAM after the watermark fill. */
  public record RamInit(long address, byte[] data) {}

  public record Placement(long flashBytes, List<RamInit> ramInits) {}

  /** The image is not a sensible firmware for this board. */
  public static final class BadImageException extends RuntimeException {
    public BadImageException(String message) {
      super(message);
    }
  }

  private FirmwareLoader() {}

  public static Placement place(
      ElfImage image, HostMemory flash, HostMemory itcm, HostMemory sram) {
    long flashEnd = 0;
    List<RamInit> ramInits = new ArrayList<>();
    boolean vectorTableFound = false;
    for (LoadSegment segment : image.segments()) {
      long at = segment.physicalAddress();
      byte[] data = segment.data();
      if (data.length == 0) {
        continue;
      }
      long flashOffset = flashOffset(at);
      if (flashOffset >= 0) {
        long end = flashOffset + data.length;
        if (end > Stm32f746MemoryMap.FLASH_SIZE) {
          throw new FirmwareDoesNotFitException(
              String.format(
                  "%s needs at least %d bytes of flash: "
                      + "%d bytes more than the STM32F746's %d (1 MB)",
                  image.source(),
                  end,
                  end - Stm32f746MemoryMap.FLASH_SIZE,
                  Stm32f746MemoryMap.FLASH_SIZE));
        }
        flash.write(flashOffset, data);
        flashEnd = Math.max(flashEnd, end);
        vectorTableFound |= flashOffset == 0;
      } else if (at + data.length <= itcm.size()) {
        itcm.write(at, data);
      } else if (at >= Stm32f746MemoryMap.DTCM_BASE
          && at + data.length <= Stm32f746MemoryMap.SRAM_END) {
        ramInits.add(new RamInit(at, data));
      } else {
        throw new FirmwareDoesNotFitException(
            String.format(
                "%s: a %d-byte segment at 0x%08X lies outside " + "the STM32F746's memory (%s)",
                image.source(), data.length, at, Stm32f746MemoryMap.describe(at)));
      }
    }
    if (!vectorTableFound) {
      throw new BadImageException(
          image.source()
              + " puts nothing at the start of flash (0x08000000), "
              + "where the Cortex-M7 boots from its vector table");
    }
    return new Placement(usedFlash(image, flashEnd), ramInits);
  }

  /** Sum of bytes the image stores in flash (segments may leave alignment gaps). */
  private static long usedFlash(ElfImage image, long flashEnd) {
    long used = 0;
    for (LoadSegment segment : image.segments()) {
      if (flashOffset(segment.physicalAddress()) >= 0) {
        used += segment.data().length;
      }
    }
    return Math.min(used, flashEnd);
  }

  private static long flashOffset(long address) {
    if (address >= Stm32f746MemoryMap.FLASH_BASE
        && address < Stm32f746MemoryMap.FLASH_BASE + Stm32f746MemoryMap.FLASH_SIZE * 2) {
      return address - Stm32f746MemoryMap.FLASH_BASE;
    }
    if (address >= Stm32f746MemoryMap.FLASH_ITCM_BASE
        && address < Stm32f746MemoryMap.FLASH_ITCM_BASE + Stm32f746MemoryMap.FLASH_SIZE) {
      return address - Stm32f746MemoryMap.FLASH_ITCM_BASE;
    }
    return -1;
  }
}
