package org.tinysim.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;

/** Correctness and sizing of the RTOS bench; speed is never asserted. */
class RtosBenchTest {

  @Test
  void bothPhasesRunAtLeastTheRequestedInstructionsOnBothStorePaths() {
    Path elf = BenchFirmware.buildRtos(Path.of("target", "tinysim-build").toAbsolutePath());
    StringBuilder progress = new StringBuilder();
    RtosBench.Result r = new RtosBench(ElfImage.load(elf), progress::append).run(3_000_000, 1);

    assertThat(r.fast().pollInstructions()).isBetween(3_000_000L, 3_300_000L);
    assertThat(r.fast().switchInstructions()).isBetween(3_000_000L, 3_300_000L);
    // The store path changes host speed only: the emulated runs are identical.
    assertThat(r.stock().pollInstructions()).isEqualTo(r.fast().pollInstructions());
    assertThat(r.stock().switchInstructions()).isEqualTo(r.fast().switchInstructions());
    assertThat(r.ticks()).isGreaterThan(1);
    assertThat(r.fast().pollSeconds()).isPositive();
    assertThat(r.stock().switchSeconds()).isPositive();
    assertThat(progress).contains("ticks");
  }

  @Test
  void configCarriesTheLengths() {
    assertThat(RtosBench.config(0x01020304L, 7))
        .containsExactly(0x53, 0x4F, 0x54, 0x52, 4, 3, 2, 1, 7, 0, 0, 0);
  }
}
