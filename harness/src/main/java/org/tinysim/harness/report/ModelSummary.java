package org.tinysim.harness.report;

import java.util.Objects;

/**
 * The headline numbers of one model on the board.
 *
 * @param kernelPath DSP or PORTABLE
 * @param planner arena planner the firmware was generated with
 * @param cycles cycles of one inference
 * @param peakSramBytes SRAM high-water mark measured by the emulator
 * @param arenaBytes the tensor arena (part of the static SRAM)
 * @param staticBytes all static SRAM sections, arena included
 * @param flashBytes flash the image occupies
 * @param weightBytes of which model weights
 */
public record ModelSummary(
    String name,
    String kernelPath,
    String planner,
    long macs,
    long cycles,
    long peakSramBytes,
    long arenaBytes,
    long staticBytes,
    long flashBytes,
    long weightBytes) {

  /** The STM32F746's SRAM (SRAM1 + SRAM2 + DTCM as one 320 KB map). */
  public static final long SRAM_LIMIT = 320 * 1024;

  public ModelSummary {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kernelPath, "kernelPath");
    Objects.requireNonNull(planner, "planner");
    if (arenaBytes > staticBytes) {
      throw new IllegalArgumentException(
          "arena " + arenaBytes + " B exceeds the static SRAM " + staticBytes + " B it is part of");
    }
  }

  /** Static SRAM other than the arena: runtime globals, I/O copies, libc. */
  public long otherStaticBytes() {
    return staticBytes - arenaBytes;
  }

  /** What the peak holds beyond static data: stack (and heap, if any) at their deepest. */
  public long stackAndHeapBytes() {
    return Math.max(0, peakSramBytes - staticBytes);
  }

  public long codeAndOtherFlashBytes() {
    return Math.max(0, flashBytes - weightBytes);
  }

  public double milliseconds216() {
    return Format.ms(cycles, Format.REFERENCE_HZ);
  }

  public double macsPerCycle() {
    return cycles == 0 ? 0 : (double) macs / cycles;
  }
}
