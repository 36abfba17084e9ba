package org.tinysim.golden.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The default model assumes every fetch through the I-cache hits; the slow exact mode simulates the
 * 4 KB 2-way cache. The flash-resident integer workload (hot code well under 4 KB) is timed after a
 * warm-up run: there the simulated cache must miss nothing, which is what justifies the default's
 * miss rate of 0; only the whole run pays the cold misses.
 */
class ExactInstructionCacheTest {
  @Test
  void hotCodeUnderFourKilobytesOnlyPaysColdMisses() {
    CalibrationFirmware.Output assumed = CalibrationFirmware.run("calibration", false);
    CalibrationFirmware.Output exact = CalibrationFirmware.run("calibration", true);
    long hit = assumed.value("flash_icache_on");
    long simulated = exact.value("flash_icache_on");
    long coldMisses = exact.result().cycles() - assumed.result().cycles();
    System.out.printf(
        "flash workload, I-cache on, warm: every fetch hits %d, simulated cache %d;"
            + " whole run: +%d cycles of cold misses%n",
        hit, simulated, coldMisses);
    assertThat(simulated).isEqualTo(hit);
    assertThat(coldMisses).isPositive().isLessThan(assumed.result().cycles() / 50);
    assertThat(exact.value("flash_icache_off"))
        .as("uncached fetches are not simulated")
        .isEqualTo(assumed.value("flash_icache_off"));
    assertThat(exact.value("smlad_32"))
        .as("ITCM code never goes through the cache")
        .isEqualTo(assumed.value("smlad_32"));
  }
}
