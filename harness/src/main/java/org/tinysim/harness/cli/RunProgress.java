package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * Runs a firmware to its end so that a long run is never silent: after {@link #QUIET_FOR} of wall
 * time, progress (simulated time, cycles, MIPS) goes to stderr, as one updating line on a terminal
 * and as a plain line every {@link #LINE_EVERY} otherwise. A wall-clock timeout pauses the machine
 * (no count changes) and ends the run there.
 */
final class RunProgress implements AutoCloseable {
  static final Duration QUIET_FOR = Duration.ofSeconds(3);
  static final Duration LINE_EVERY = Duration.ofSeconds(5);

  private final Machine machine;
  private final long maxCycles;
  private final Duration timeout;
  private final PrintWriter err;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tinysim-progress");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean timedOut;
  private ProgressBar bar;

  /**
   * @param timeout wall-clock limit, or null for none
   * @param terminal whether stderr is a terminal (one updating line) or not (plain lines)
   */
  RunProgress(
      Machine machine, long maxCycles, Duration timeout, PrintWriter err, boolean terminal) {
    this.machine = machine;
    this.maxCycles = maxCycles;
    this.timeout = timeout;
    this.err = err;
    this.terminal = terminal;
    ticker.scheduleAtFixedRate(this::tick, 200, 200, TimeUnit.MILLISECONDS);
  }

  /** Runs until the firmware exits, yields or faults, or the timeout passes (then PAUSED). */
  RunResult runToEnd(RunOptions options) {
    RunResult r = machine.run(options);
    while (r.stop() == StopKind.PAUSED && !timedOut) {
      r = machine.run(options);
    }
    return r;
  }

  boolean timedOut() {
    return timedOut;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private synchronized void tick() {
    Duration elapsed = elapsed();
    if (timeout != null && elapsed.compareTo(timeout) >= 0 && !timedOut) {
      timedOut = true;
      machine.requestPause();
    }
    if (bar == null && elapsed.compareTo(QUIET_FOR) >= 0) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("run")
              .setInitialMax(maxCycles > 0 ? maxCycles / 1_000_000 : -1)
              .setUnit(" Mcycles", 1)
              .setStyle(terminal ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
              .hideEta()
              .setUpdateIntervalMillis((int) (terminal ? 1000 : LINE_EVERY.toMillis()))
              .setConsumer(
                  terminal
                      ? new ConsoleProgressBarConsumer(System.err)
                      : new DelegatingProgressBarConsumer(err::println, 110))
              .build();
    }
    if (bar != null) {
      long cycles = machine.counter().cycles();
      double seconds = elapsed.toNanos() / 1e9;
      bar.stepTo(cycles / 1_000_000);
      bar.setExtraMessage(
          String.format(
              "%.3f ms simulated, %.0f MIPS",
              cycles * 1000.0 / machine.clock().coreFrequencyHz(),
              machine.counter().instructions() / seconds / 1e6));
    }
  }

  @Override
  public synchronized void close() {
    ticker.shutdownNow();
    if (bar != null) {
      bar.close();
      err.flush();
    }
  }
}
