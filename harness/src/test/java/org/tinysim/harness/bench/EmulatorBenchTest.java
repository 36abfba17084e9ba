package org.tinysim.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.elf.ElfImage;

/** Correctness of the bench only; speed is never asserted. */
class EmulatorBenchTest {

  @Test
  void bothEnginesComputeTheSameChecksumOverAtLeastTheRequestedInstructions() {
    Path elf = BenchFirmware.build(Path.of("target", "tinysim-build").toAbsolutePath());
    StringBuilder progress = new StringBuilder();
    BenchResult r = new EmulatorBench(ElfImage.load(elf), progress::append).run(2_000_000, 1);
    assertThat(r.instructions()).isGreaterThanOrEqualTo(2_000_000);
    // The calibration sizes the run: not far beyond the request (one round is ~2.8 k).
    assertThat(r.instructions()).isLessThan(2_010_000);
    assertThat(r.checksumsMatch()).isTrue();
    assertThat(r.boardChecksum()).isNotZero();
    assertThat(r.cycles()).isPositive();
    assertThat(r.boardSeconds()).isPositive();
    assertThat(r.plainSeconds()).isPositive();
    assertThat(progress).contains("rounds");
  }

  @Test
  void checksumDependsOnTheRoundCount() {
    Path elf = BenchFirmware.build(Path.of("target", "tinysim-build").toAbsolutePath());
    ElfImage image = ElfImage.load(elf);
    long five = PlainUnicornRun.run(image, 5).checksum();
    assertThat(BoardRun.run(image, 5).checksum()).isEqualTo(five);
    assertThat(PlainUnicornRun.run(image, 6).checksum()).isNotEqualTo(five);
  }
}
