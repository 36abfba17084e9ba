package org.tinysim.harness.debug;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.harness.cli.TinysimCli;

/** A {@code tinysim} command running in the background that serves GDB on a free port. */
final class ServedRun {
  private static final Pattern PORT = Pattern.compile("waiting on localhost:(\\d+)");

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final CompletableFuture<Integer> exitCode;
  final int port;

  /** Starts {@code tinysim args...} (which must include {@code --gdb 0}) and waits for the port. */
  ServedRun(String... args) throws InterruptedException {
    exitCode =
        CompletableFuture.supplyAsync(
            () ->
                TinysimCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(args));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Matcher m;
    while (!(m = PORT.matcher(err.toString())).find()) {
      if (System.nanoTime() > deadline || exitCode.isDone()) {
        throw new IllegalStateException("no GDB server came up: " + err + out);
      }
      Thread.sleep(20);
    }
    port = Integer.parseInt(m.group(1));
  }

  int awaitExit() throws Exception {
    return exitCode.get(60, TimeUnit.SECONDS);
  }
}
