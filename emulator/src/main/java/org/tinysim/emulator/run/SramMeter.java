package org.tinysim.emulator.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tinysim.emulator.cpu.HostMemory;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.SectionInfo;
import org.tinysim.emulator.memory.Stm32f746MemoryMap;

/**
 * Measures SRAM use: before reset all SRAM is filled with a pattern (real SRAM content is undefined
 * at power-up, so firmware cannot rely on it); after the run, the lowest overwritten word below the
 * initial SP gives the stack peak and the highest overwritten heap word the heap high-water mark.
 */
public final class SramMeter {
  static final int FILL_PATTERN = 0xA5F0_5AC3;
  private static final Set<String> RESERVATION_SECTIONS =
      Set.of(".stack", ".heap", "._user_heap_stack", ".stack_dummy");

  private final HostMemory sram;
  private final ElfImage image;
  private final long initialSp;
  private final long staticEnd;
  private final long heapStart;
  private final long heapEnd;

  public SramMeter(HostMemory sram, ElfImage image, long initialSp) {
    this.sram = sram;
    this.image = image;
    this.initialSp = initialSp;
    this.staticEnd =
        staticSectionInfos().stream()
            .mapToLong(sec -> sec.address() + sec.size())
            .max()
            .orElse(Stm32f746MemoryMap.DTCM_BASE);
    this.heapStart = image.symbolAddress("__heap_start").orElse(staticEnd);
    this.heapEnd = image.symbolAddress("__heap_end").orElse(heapStart);
  }

  public void fill() {
    sram.fill(0, sram.size(), FILL_PATTERN);
  }

  /** The lowest legal stack address: the linker's stack limit, else the end of static data. */
  public long stackLimit() {
    return image
        .symbolAddress("__stack_limit")
        .or(() -> image.symbolAddress("_ebss"))
        .orElse(Math.max(staticEnd, heapEnd));
  }

  public SramUsage measure(long lowestSpSeen) {
    Map<String, Long> sections = staticSections();
    long staticBytes = sections.values().stream().mapToLong(Long::longValue).sum();
    long lowestWritten =
        lowestWrittenWord(Math.max(stackLimit(), Stm32f746MemoryMap.DTCM_BASE), initialSp);
    long deepest = Math.min(lowestWritten, lowestSpSeen);
    long heap = heapEnd > heapStart ? highestWrittenWord(heapStart, heapEnd) - heapStart : 0;
    // A main stack that overflowed into static data must not count those bytes twice.
    long stack =
        Math.min(
            deepest < initialSp ? initialSp - deepest : 0,
            Math.max(0, Stm32f746MemoryMap.SRAM_SIZE - staticBytes - heap));
    return new SramUsage(staticBytes, sections, heap, stack, Stm32f746MemoryMap.SRAM_SIZE);
  }

  private Map<String, Long> staticSections() {
    Map<String, Long> result = new LinkedHashMap<>();
    for (SectionInfo s : staticSectionInfos()) {
      result.merge(s.name(), s.size(), Long::sum);
    }
    return result;
  }

  /** Allocated writable sections in SRAM, less the linker's stack/heap reservations. */
  private List<SectionInfo> staticSectionInfos() {
    return image.sections().stream()
        .filter(
            s ->
                s.address() >= Stm32f746MemoryMap.DTCM_BASE
                    && s.address() < Stm32f746MemoryMap.SRAM_END)
        .filter(s -> s.writable() && !RESERVATION_SECTIONS.contains(s.name()))
        .toList();
  }

  private long lowestWrittenWord(long from, long to) {
    for (long a = align(from); a < to; a += 4) {
      if (sram.readInt(a - Stm32f746MemoryMap.DTCM_BASE) != FILL_PATTERN) {
        return a;
      }
    }
    return to;
  }

  private long highestWrittenWord(long from, long to) {
    for (long a = align(to) - 4; a >= from; a -= 4) {
      if (sram.readInt(a - Stm32f746MemoryMap.DTCM_BASE) != FILL_PATTERN) {
        return a + 4;
      }
    }
    return from;
  }

  private static long align(long a) {
    return (a + 3) & ~3L;
  }
}
