package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on stderr: a progress bar on a terminal, plain lines otherwise (a CI
 * log keeps every line; no carriage returns). Plain lines come when a task starts or ends and at
 * most every {@link #PLAIN_EVERY} in between ({@code -Dtinysim.progress.seconds=N}).
 */
abstract class ProgressReport implements AutoCloseable {

  static final Duration PLAIN_EVERY =
      Duration.ofSeconds(Long.getLong("tinysim.progress.seconds", 10));

  /**
   * "train epoch 1/1 50/600 running accuracy 9.0%": the last "n/m" is the counter, what precedes it
   * the task, what follows the detail.
   */
  private static final Pattern COUNTED = Pattern.compile("^(.*)\\s+(\\d+)/(\\d+)(?:\\s+(.*))?$");

  /**
   * A bar when the command writes to the process's own streams on a terminal (Java 17 can only tell
   * that of the console as a whole), plain lines otherwise.
   */
  static ProgressReport to(PrintWriter err) {
    return TinysimCli.onProcessStreams && System.console() != null ? new Bar() : new Lines(err);
  }

  /** {@code done} of {@code total} units of {@code task}; {@code detail} may be empty. */
  abstract void update(String task, long done, long total, String detail);

  /** A progress line with a counter (the training loop's format); other lines pass as is. */
  void line(String text) {
    Matcher m = COUNTED.matcher(text.strip());
    if (m.matches()) {
      update(
          m.group(1).strip(),
          Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3)),
          m.group(4) == null ? "" : m.group(4).strip());
    } else {
      update(text.strip(), 0, 0, "");
    }
  }

  @Override
  public abstract void close();

  /** Plain, rate-limited lines for logs. */
  static final class Lines extends ProgressReport {

    private final PrintWriter err;
    private final long started = System.nanoTime();
    private String task;
    private long lastPrint;

    Lines(PrintWriter err) {
      this.err = err;
    }

    @Override
    synchronized void update(String task, long done, long total, String detail) {
      long now = System.nanoTime();
      boolean newTask = !task.equals(this.task);
      boolean finished = total > 0 && done >= total;
      if (!newTask && !finished && now - lastPrint < PLAIN_EVERY.toNanos()) {
        return;
      }
      this.task = task;
      lastPrint = now;
      long seconds = Duration.ofNanos(now - started).toSeconds();
      StringBuilder s = new StringBuilder(task);
      if (total > 0) {
        s.append(String.format(": %d/%d (%d%%)", done, total, 100 * done / total));
      }
      if (!detail.isEmpty()) {
        s.append(total > 0 ? ", " : ": ").append(detail);
      }
      s.append(", ").append(seconds).append(" s");
      err.println(s);
      err.flush();
    }

    @Override
    public void close() {
      err.flush();
    }
  }

  /** A terminal progress bar, one per task. */
  static final class Bar extends ProgressReport {

    private ProgressBar bar;
    private String task;

    @Override
    synchronized void update(String task, long done, long total, String detail) {
      if (!task.equals(this.task)) {
        close();
        this.task = task;
        bar =
            new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(total, 1))
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build();
      }
      bar.maxHint(Math.max(total, 1));
      bar.stepTo(done);
      bar.setExtraMessage(detail);
      if (total > 0 && done >= total) {
        // Ends the bar's line before the command prints its result for this task.
        close();
        this.task = null;
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
