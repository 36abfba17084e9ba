package org.tinysim.emulator.run;

import java.util.Map;

/**
 * Peak SRAM of a run, measured by the emulator (fill pattern and scan, plus the lowest SP seen),
 * not taken from the firmware's own claims.
 *
 * @param staticBytes allocated writable sections in SRAM (.data, .bss, .noinit, ...)
 * @param sections the same, per section name
 * @param heapBytes heap high-water mark (bytes between the heap start and the highest word written)
 * @param stackBytes deepest stack use below the initial SP
 * @param limitBytes the board's SRAM (320 KB)
 */
public record SramUsage(
    long staticBytes,
    Map<String, Long> sections,
    long heapBytes,
    long stackBytes,
    long limitBytes) {

  public long peakBytes() {
    return staticBytes + heapBytes + stackBytes;
  }
}
