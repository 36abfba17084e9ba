package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CycleCounter.BlockExecution;
import org.tinysim.emulator.cycles.BlockCost;
import org.tinysim.emulator.cycles.StallCounts;
import org.tinysim.emulator.debug.DebugTarget;
import org.tinysim.emulator.debug.GdbServer;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.FaultDelivery;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.report.CycleProfile;
import org.tinysim.harness.report.RunReport;
import org.tinysim.peripherals.board.Stm32f746Board;
import org.tinysim.peripherals.board.Stm32f746Peripherals;

/**
 * What {@code run}, {@code debug} and {@code demo} share: load an ELF on a board, stream (or
 * collect) its UART and semihosting output, optionally under a GDB server, then print the summary
 * or one JSON object. Returns the process exit code ({@link RunReport#exitCode}).
 */
final class FirmwareSession {

  private final BoardChoice board;
  private final RunOptions options;
  private final boolean json;
  private final boolean cycleReport;
  private boolean exactInstructionCache;
  private Integer gdbPort;
  private Duration timeout;
  private PrintWriter err = new PrintWriter(System.err, true);
  private boolean timedOut;
  private boolean exactDataCache;
  private FaultDelivery faultDelivery = FaultDelivery.AUTO;

  FirmwareSession(BoardChoice board, RunOptions options, boolean json, boolean cycleReport) {
    this.board = board;
    this.options = options;
    this.json = json;
    this.cycleReport = cycleReport;
  }

  /** Simulates the L1 I-cache instead of assuming hits (see emulator/CYCLE_MODEL.md). */
  FirmwareSession withExactInstructionCache() {
    exactInstructionCache = true;
    return this;
  }

  /** Waits for GDB on localhost:port before the first instruction runs. */
  FirmwareSession withGdbServer(int port) {
    gdbPort = port;
    return this;
  }

  /** Ends the run after this much wall-clock time (null: no limit). */
  FirmwareSession withTimeout(Duration wallClock) {
    timeout = wallClock;
    return this;
  }

  /** Where progress, the GDB server's messages and stop reasons go. */
  FirmwareSession withErr(PrintWriter stderr) {
    err = stderr;
    return this;
  }

  FirmwareSession withFaultDelivery(FaultDelivery delivery) {
    faultDelivery = delivery;
    return this;
  }

  /**
   * Simulates the L1 D-cache per access instead of the per-block estimate (CYCLE_MODEL.md, "Data
   * side").
   */
  FirmwareSession withExactDataCache() {
    exactDataCache = true;
    return this;
  }

  int run(Path elf, PrintWriter out) {
    if (!Files.isRegularFile(elf)) {
      throw new UserError("firmware " + elf + " does not exist or is not a file");
    }
    ElfImage image = ElfImage.load(elf);
    try (Target target = new Target(image, out)) {
      RunResult result;
      String hostStop = null;
      if (gdbPort != null) {
        GdbServer.Session session = debug(target);
        result = session.last();
        switch (session.ending()) {
          case DETACHED -> {
            err.println("tinysim: GDB detached; the firmware runs on");
            result = runToEnd(target.machine());
            hostStop = timeoutReason(target.machine());
          }
          case KILLED, DISCONNECTED -> {
            result = target.machine().pausedResult();
            hostStop =
                "stopped: "
                    + (session.ending() == GdbServer.Ending.KILLED
                        ? "killed by the debugger"
                        : "the debugger disconnected")
                    + ", at "
                    + where(target.machine());
          }
          case FIRMWARE_ENDED -> {}
        }
      } else {
        result = runToEnd(target.machine());
        hostStop = timeoutReason(target.machine());
      }
      if (result.stop() == StopKind.PAUSED && hostStop != null) {
        err.println("tinysim: " + hostStop);
      }
      budgetHint(result);
      report(target.board, image, result, out);
      int code = RunReport.exitCode(result);
      if (result.stop() == StopKind.YIELDED) {
        err.println(
            "tinysim: the firmware did not exit: it "
                + RunReport.status(result)
                + "; exit code "
                + code);
        err.flush();
      }
      return code;
    }
  }

  private RunResult runToEnd(Machine machine) {
    try (RunProgress progress =
        new RunProgress(machine, options.maxCycles(), timeout, err, stderrIsTerminal())) {
      RunResult r = progress.runToEnd(options);
      timedOut = progress.timedOut() && r.stop() == StopKind.PAUSED;
      return r;
    }
  }

  private String timeoutReason(Machine machine) {
    return timedOut
        ? String.format(
            "stopped: --timeout %s of wall-clock time reached after %,d cycles, at %s",
            Durations.format(timeout), machine.counter().cycles(), where(machine))
        : null;
  }

  /** Names the option that ended a run on a budget, so the limit is never a mystery. */
  private void budgetHint(RunResult r) {
    if (r.stop() != StopKind.FAULTED) {
      return;
    }
    if (r.fault().kind() == FaultKind.CYCLE_BUDGET_EXCEEDED) {
      err.printf(
          "tinysim: stopped: --max-cycles %d reached%s; raise it, or 0 for no limit%n",
          options.maxCycles(),
          options.maxCycles() == RunOptions.DEFAULT_MAX_CYCLES ? " (the default)" : "");
    } else if (r.fault().kind() == FaultKind.INSTRUCTION_BUDGET_EXCEEDED) {
      err.printf(
          "tinysim: stopped: --max-instructions %d reached; raise it, or 0 for no limit%n",
          options.maxInstructions());
    }
  }

  /** Linux names the terminal behind fd 2; elsewhere an interactive console is the best guess. */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  private static String where(Machine machine) {
    long pc = Integer.toUnsignedLong(machine.cpu().readRegister(CoreRegister.PC));
    return machine.image().describeCodeAddress(pc);
  }

  private GdbServer.Session debug(Target target) {
    try (ServerSocket listener = GdbServer.listen(gdbPort)) {
      err.printf(
          "tinysim: GDB server waiting on localhost:%d; attach with: gdb-multiarch %s "
              + "-ex 'target remote :%d'%n",
          listener.getLocalPort(), target.image.source(), listener.getLocalPort());
      err.flush();
      try (Socket socket = listener.accept()) {
        err.println("tinysim: GDB attached");
        return new GdbServer(target, options, err::println).serve(socket);
      }
    } catch (BindException e) {
      throw new UserError(
          "--gdb "
              + gdbPort
              + ": cannot listen on localhost:"
              + gdbPort
              + " ("
              + e.getMessage()
              + "); choose another port");
    } catch (IOException e) {
      throw new UncheckedIOException("GDB connection failed", e);
    }
  }

  private void report(Stm32f746Board b, ElfImage image, RunResult result, PrintWriter out) {
    CycleProfile profile =
        cycleReport
            ? CycleProfile.of(
                b.machine().counter().profile(),
                block -> stallsOf(b, block),
                image,
                b.machine().counter().profileStartCycles())
            : null;
    if (json) {
      out.println(Json.compact(RunReport.toJson(result, b.uartText(), profile)));
    } else {
      out.println();
      out.print(RunReport.toText(result));
      if (profile != null) {
        out.print(profile.toText());
      }
    }
    out.flush();
  }

  private static StallCounts stallsOf(Stm32f746Board b, BlockExecution block) {
    BlockCost cost = b.machine().blockCosts().costOf(block.address(), block.size());
    return cost == null ? null : cost.stalls();
  }

  private static void echo(PrintWriter out, char c) {
    out.print(c);
    if (c == '\n') {
      out.flush();
    }
  }

  /** The board being run; {@code monitor reset} replaces it with a fresh one. */
  private final class Target implements DebugTarget, AutoCloseable {
    private final ElfImage image;
    private final PrintWriter out;
    private volatile Stm32f746Board board;

    Target(ElfImage image, PrintWriter out) {
      this.image = image;
      this.out = out;
      this.board = open();
    }

    private Stm32f746Board open() {
      Stm32f746Board b = FirmwareSession.this.board.open();
      try {
        b.load(image);
        b.machine().setExactInstructionCache(exactInstructionCache);
        b.machine().setExactDataCache(exactDataCache);
        b.machine().setFaultDelivery(faultDelivery);
        if (!json) {
          for (String uart : Stm32f746Peripherals.uartNames()) {
            b.peripherals()
                .usart(uart)
                .addTransmitListener(octet -> echo(out, (char) (octet & 0xff)));
          }
          b.machine()
              .echoConsoleTo(
                  text -> {
                    out.print(text);
                    out.flush();
                  });
        }
        return b;
      } catch (RuntimeException e) {
        b.close();
        throw e;
      }
    }

    @Override
    public Machine machine() {
      return board.machine();
    }

    @Override
    public void reset() {
      Stm32f746Board old = board;
      board = open();
      old.close();
    }

    @Override
    public void close() {
      board.close();
    }
  }
}
