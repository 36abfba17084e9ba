package org.tinysim.harness.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.peripherals.board.Stm32f746Board;

/**
 * The RTOS-speed benchmark (bundled {@code firmware/bench/rtos_bench.c}) on the board: phase 1
 * polls DWT->CYCCNT, phase 2 switches two busy tasks by PendSV on every 1 kHz SysTick. Each phase
 * is sized to at least the requested instructions (from a short calibration run) and timed on its
 * own, with fast RAM stores on and, for comparison, on Unicorn's stock store path. Times are host
 * CPU time of the emulating thread (Unicorn runs on it): on a shared host, wall time mostly
 * measures the other processes.
 */
public final class RtosBench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  public static final String CONFIG_SYMBOL = "rtos_bench_config";
  private static final int MAGIC = 0x52544F53;
  private static final int CALIBRATION_POLL_CYCLES = 1_000_000;
  private static final int CALIBRATION_TICKS = 50;

  /** Instructions and median host CPU seconds of both phases, for one store path. */
  public record Phases(
      long pollInstructions, double pollSeconds, long switchInstructions, double switchSeconds) {

    public double pollMips() {
      return pollInstructions / pollSeconds / 1e6;
    }

    public double switchMips() {
      return switchInstructions / switchSeconds / 1e6;
    }
  }

  /**
   * @param pollCycles emulated cycles of the polling phase
   * @param ticks SysTick ticks of the task-switching phase
   * @param fast fast RAM stores (the default)
   * @param stock Unicorn's stock store path
   */
  public record Result(long pollCycles, long ticks, Phases fast, Phases stock, int timedRuns) {}

  private final ElfImage image;
  private final Consumer<String> progress;

  public RtosBench(ElfImage image, Consumer<String> progress) {
    this.image = image;
    this.progress = progress;
  }

  public Result run(long minInstructions, int timedRuns) {
    Phases once = runOnce(CALIBRATION_POLL_CYCLES, CALIBRATION_TICKS, true);
    Phases twice = runOnce(2 * CALIBRATION_POLL_CYCLES, 2 * CALIBRATION_TICKS, true);
    long pollCycles =
        unitsFor(
            minInstructions,
            CALIBRATION_POLL_CYCLES,
            once.pollInstructions(),
            twice.pollInstructions());
    long ticks =
        unitsFor(
            minInstructions,
            CALIBRATION_TICKS,
            once.switchInstructions(),
            twice.switchInstructions());
    progress.accept(
        String.format("rtos bench: %d polling cycles, %d ticks; warm-up runs", pollCycles, ticks));
    runOnce(pollCycles, ticks, true);
    runOnce(pollCycles, ticks, false);
    Phases[] fast = new Phases[timedRuns];
    Phases[] stock = new Phases[timedRuns];
    for (int i = 0; i < timedRuns; i++) {
      progress.accept(String.format("rtos bench: timed run %d of %d", i + 1, timedRuns));
      fast[i] = runOnce(pollCycles, ticks, true);
      stock[i] = runOnce(pollCycles, ticks, false);
    }
    return new Result(pollCycles, ticks, median(fast), median(stock), timedRuns);
  }

  /**
   * Units (cycles or ticks) whose phase runs at least {@code minInstructions}, from runs of {@code
   * units} and twice as many ({@code once}, {@code twice} instructions): a fixed part plus a part
   * per unit.
   */
  private static long unitsFor(long minInstructions, long units, long once, long twice) {
    double perUnit = (double) (twice - once) / units;
    if (perUnit <= 0) {
      throw new IllegalStateException("rtos bench calibration failed: " + once + " / " + twice);
    }
    double fixed = once - perUnit * units;
    long needed = (long) Math.ceil((minInstructions - fixed) / perUnit);
    if (needed > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("rtos bench too long: " + needed + " units");
    }
    return Math.max(2, needed);
  }

  private Phases runOnce(long pollCycles, long ticks, boolean fastStores) {
    try (Stm32f746Board board = Stm32f746Board.disco()) {
      board.load(image);
      board.machine().writeSymbol(CONFIG_SYMBOL, config(pollCycles, ticks));
      if (board.machine().counter().setFastRamStores(fastStores) != fastStores) {
        throw new IllegalStateException("fast RAM stores are not available with this Unicorn");
      }
      long t0 = CPU.getCurrentThreadCpuTime();
      RunResult polled = board.run(RunOptions.cycles(0));
      long t1 = CPU.getCurrentThreadCpuTime();
      RunResult done = board.run(RunOptions.cycles(0));
      long t2 = CPU.getCurrentThreadCpuTime();
      if (polled.stop() != StopKind.YIELDED || !"polled\n".equals(polled.console())) {
        throw new IllegalStateException(
            "rtos bench firmware did not end its polling phase: " + polled.stop());
      }
      String expected = "polled\nswitches " + (ticks - 1) + "\nboth ran\n";
      if (done.stop() != StopKind.EXITED || done.exitStatus() != 0) {
        throw new IllegalStateException(
            "rtos bench firmware did not exit 0: "
                + (done.fault() != null ? done.fault().detail() : "status " + done.exitStatus()));
      }
      if (!expected.equals(done.console())) {
        throw new IllegalStateException("rtos bench firmware printed " + done.console());
      }
      return new Phases(
          polled.instructions(),
          (t1 - t0) / 1e9,
          done.instructions() - polled.instructions(),
          (t2 - t1) / 1e9);
    }
  }

  /** The bytes of {@code rtos_bench_config}. */
  static byte[] config(long pollCycles, long ticks) {
    return ByteBuffer.allocate(12)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(MAGIC)
        .putInt((int) pollCycles)
        .putInt((int) ticks)
        .array();
  }

  /** Per phase, the run with the median time (instruction counts are equal across runs). */
  private static Phases median(Phases[] runs) {
    double[] poll = new double[runs.length];
    double[] switching = new double[runs.length];
    for (int i = 0; i < runs.length; i++) {
      poll[i] = runs[i].pollSeconds();
      switching[i] = runs[i].switchSeconds();
    }
    return new Phases(
        runs[0].pollInstructions(),
        EmulatorBench.median(poll),
        runs[0].switchInstructions(),
        EmulatorBench.median(switching));
  }
}
