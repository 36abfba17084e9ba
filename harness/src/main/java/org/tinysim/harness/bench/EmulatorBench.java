package org.tinysim.harness.bench;

import java.util.Arrays;
import java.util.function.Consumer;
import org.tinysim.emulator.elf.ElfImage;

/**
 * The emulator speed benchmark: sizes the dot-product firmware to at least the requested
 * instruction count (from two short calibration runs), then runs it on the board with the cycle
 * model and on plain Unicorn, one warm-up run each followed by timed runs; medians are reported.
 */
public final class EmulatorBench {

  private final ElfImage image;
  private final Consumer<String> progress;

  public EmulatorBench(ElfImage image, Consumer<String> progress) {
    this.image = image;
    this.progress = progress;
  }

  /** Rounds whose instruction count is at least {@code minInstructions}. */
  public long roundsFor(long minInstructions) {
    long one = BoardRun.run(image, 1).instructions();
    long three = BoardRun.run(image, 3).instructions();
    long perRound = (three - one) / 2;
    long fixed = one - perRound;
    if (perRound <= 0) {
      throw new IllegalStateException("bench calibration failed: " + one + " / " + three);
    }
    return Math.max(1, (minInstructions - fixed + perRound - 1) / perRound);
  }

  public BenchResult run(long minInstructions, int timedRuns) {
    long rounds = roundsFor(minInstructions);
    progress.accept(String.format("bench: %d rounds; warm-up runs", rounds));
    BoardRun.Outcome board = BoardRun.run(image, rounds);
    PlainUnicornRun.Outcome plain = PlainUnicornRun.run(image, rounds);
    double[] boardTimes = new double[timedRuns];
    double[] plainTimes = new double[timedRuns];
    for (int i = 0; i < timedRuns; i++) {
      progress.accept(String.format("bench: timed run %d of %d", i + 1, timedRuns));
      board = BoardRun.run(image, rounds);
      boardTimes[i] = board.seconds();
      plain = PlainUnicornRun.run(image, rounds);
      plainTimes[i] = plain.seconds();
    }
    return new BenchResult(
        rounds,
        board.instructions(),
        board.cycles(),
        median(boardTimes),
        median(plainTimes),
        board.checksum(),
        plain.checksum(),
        timedRuns);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
