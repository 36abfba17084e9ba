package org.tinysim.golden.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tinysim.emulator.cycles.DataMemoryModel;

/**
 * Cycle model v3's data side (emulator/CYCLE_MODEL.md, "Data side"), timed by src/test/firmware/
 * datacache.c with DWT->CYCCNT at 216 MHz and 7 wait states: word streams from flash, SRAM1 and
 * DTCM with the D-cache off and on, a 1 KiB working set read again and again, and store streams.
 * Each figure is the extra cycles per word over the same loop on DTCM (2N minus N words, so the
 * loop's entry and the counter reads cancel). The expected figures follow from the documented
 * mechanism (an uncached AXIM read pays the wait states plus one; a streamed 32-byte line costs one
 * fill shared by its 8 words; a working set within the cache hits); the exact D-cache mode
 * simulates every access and must agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataCacheCalibrationTest {
  private static final double TOLERANCE = 0.10;
  private static final int WAIT_STATES = 7;
  private static final int STREAM_WORDS = 2048;
  private static final int SMALL_WORDS = 256 * 8;

  private CalibrationFirmware.Output fast;
  private CalibrationFirmware.Output exact;

  @BeforeAll
  void runFirmware() {
    fast = CalibrationFirmware.run("datacache", false, false);
    exact = CalibrationFirmware.run("datacache", false, true);
    System.out.println("fast default: " + fast.values());
    System.out.println("exact D-cache: " + exact.values());
  }

  private static double perWord(CalibrationFirmware.Output out, String name, int words) {
    return (double) (out.value(name + "_2n") - out.value(name + "_n")) / words;
  }

  /** Extra cycles per word over the same loop reading DTCM with the same cache state. */
  private static double extra(CalibrationFirmware.Output out, String name, String dtcm) {
    return perWord(out, name, STREAM_WORDS) - perWord(out, dtcm, STREAM_WORDS);
  }

  private static void check(String what, double expected, double ours) {
    double error = expected == 0 ? ours : (ours - expected) / expected;
    System.out.printf(
        "| %-52s | %6.3f | %6.3f | %s |%n",
        what,
        expected,
        ours,
        expected == 0 ? String.format("%+.3f cyc", ours) : String.format("%+.1f %%", 100 * error));
    assertThat(Math.abs(error))
        .as(what + ": expected " + expected + ", ours " + ours)
        .isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void theFirmwareRanToTheEnd() {
    assertThat(fast.value("checksum_nonzero")).isEqualTo(1);
    assertThat(exact.value("checksum_nonzero")).isEqualTo(1);
  }

  @Test
  void uncachedReadsPayTheWaitStatesOnEveryWord() {
    double flash = DataMemoryModel.uncachedRead(4, WAIT_STATES);
    double sram = DataMemoryModel.uncachedRead(4, 0);
    check(
        "flash stream, D-cache off, extra cycles/word",
        flash,
        extra(fast, "flash_off", "dtcm_off"));
    check("  exact mode", flash, extra(exact, "flash_off", "dtcm_off"));
    check(
        "SRAM1 stream, D-cache off, extra cycles/word", sram, extra(fast, "sram1_off", "dtcm_off"));
    check("  exact mode", sram, extra(exact, "sram1_off", "dtcm_off"));
  }

  @Test
  void cachedStreamsPayOneLineFillPerEightWords() {
    double flash = DataMemoryModel.lineFill(WAIT_STATES) / 8.0;
    double sram = DataMemoryModel.lineFill(0) / 8.0;
    check(
        "flash stream 16 KiB, D-cache on, extra cycles/word",
        flash,
        extra(fast, "flash_on", "dtcm_on"));
    check("  exact mode", flash, extra(exact, "flash_on", "dtcm_on"));
    check(
        "SRAM1 stream 16 KiB, D-cache on, extra cycles/word",
        sram,
        extra(fast, "sram1_on", "dtcm_on"));
    check("  exact mode", sram, extra(exact, "sram1_on", "dtcm_on"));
  }

  @Test
  void theCacheMakesFlashStreamsSeveralTimesCheaper() {
    double off = extra(fast, "flash_off", "dtcm_off");
    double on = extra(fast, "flash_on", "dtcm_on");
    System.out.printf(
        "flash stream extra cycles/word, D-cache off / on: %.2f / %.2f = %.1fx%n",
        off, on, off / on);
    assertThat(off / on).isBetween(4.0, 8.0);
  }

  /**
   * A 1 KiB working set stays in the 4 KiB cache and hits (DTCM speed): the exact mode simulates
   * it; the fast default sees the stepping pointer's span stay within the cache's size.
   */
  @Test
  void aWorkingSetBelowTheCacheSizeHits() {
    double dtcm = perWord(exact, "dtcm_on", STREAM_WORDS);
    check(
        "flash 1 KiB re-read, D-cache on, cycles/word (DTCM loop)",
        dtcm,
        perWord(fast, "flash_small", SMALL_WORDS));
    check("  exact mode", dtcm, perWord(exact, "flash_small", SMALL_WORDS));
    check(
        "SRAM1 1 KiB re-read, D-cache on, cycles/word (DTCM loop)",
        dtcm,
        perWord(fast, "sram1_small", SMALL_WORDS));
    check("  exact mode", dtcm, perWord(exact, "sram1_small", SMALL_WORDS));
  }

  @Test
  void storesToWriteBackSramCostLikeDtcm() {
    double dtcm =
        (double) (fast.value("store_dtcm_on_2n") - fast.value("store_dtcm_on_n")) / STREAM_WORDS;
    double sram =
        (double) (fast.value("store_sram1_on_2n") - fast.value("store_sram1_on_n")) / STREAM_WORDS;
    double sramExact =
        (double) (exact.value("store_sram1_on_2n") - exact.value("store_sram1_on_n"))
            / STREAM_WORDS;
    check("SRAM1 store stream, D-cache on, cycles/word vs DTCM", dtcm, sram);
    check("  exact mode", dtcm, sramExact);
  }
}
