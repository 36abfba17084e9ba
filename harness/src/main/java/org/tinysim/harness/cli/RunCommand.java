package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.tinysim.emulator.run.FaultDelivery;
import org.tinysim.emulator.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tinysim run FIRMWARE.elf}: any bare-metal STM32F746 ELF on the emulated board. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a bare-metal STM32F746 ELF; print its UART/semihosting output and a summary."
            + " The exit code is the firmware's exit status (100 + fault kind on a fault, see FaultKind;"
            + " 99 when it stops without exiting, e.g. yields to a host that is not attached).")
public final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FIRMWARE.elf", description = "the firmware to run")
  Path firmware;

  @Option(
      names = "--max-cycles",
      paramLabel = "N",
      description =
          "stop with a budget fault after N cycles (0 = no limit; default "
              + "${DEFAULT-VALUE}, about 93 s of emulated time at 216 MHz and minutes of host time; "
              + "runs longer than a few seconds report progress on stderr)")
  long maxCycles = RunOptions.DEFAULT_MAX_CYCLES;

  @Option(
      names = "--max-instructions",
      paramLabel = "N",
      description = "stop with a budget fault after N instructions (0 = no limit)")
  long maxInstructions;

  @Option(names = "--board", paramLabel = "BOARD", description = "disco or nucleo (default disco)")
  BoardChoice board = BoardChoice.disco;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "stop after this much wall-clock time (e.g. 30s, 5m; default none); the stop "
              + "names it and the exit code is 124")
  Duration timeout;

  @Option(
      names = "--gdb",
      paramLabel = "PORT",
      description =
          "wait for GDB (target remote :PORT, localhost only) before the first instruction;"
              + " see also: tinysim debug")
  Integer gdbPort;

  @Mixin JsonOutput json;

  @Option(
      names = "--cycle-report",
      description =
          "add cycles, IPC and stall causes (dual-issue lost, load-use, latency, store "
              + "buffer, flash wait states, mispredicts, indirect branches) per function")
  boolean cycleReport;

  @Option(
      names = "--exact-icache",
      description =
          "simulate the 4 KB I-cache for code in flash at 0x08000000 (slower; by default "
              + "every cached fetch hits)")
  boolean exactInstructionCache;

  @Option(
      names = "--exact-dcache",
      description =
          "simulate the 4 KB D-cache for every load and store to flash and SRAM1/SRAM2 "
              + "(slower; by default each block's data cost is estimated once)")
  boolean exactDataCache;

  @Option(
      names = "--faults",
      paramLabel = "POLICY",
      description =
          "auto: a MemManage/BusFault/UsageFault/HardFault goes to the firmware's own handler "
              + "(CFSR/HFSR/BFAR set) when it has one, else the host reports it; deliver: always take it; "
              + "report: always stop with the host report (default ${DEFAULT-VALUE})")
  FaultPolicy faults = FaultPolicy.auto;

  /** Names of {@link FaultDelivery} as typed on the command line. */
  enum FaultPolicy {
    auto(FaultDelivery.AUTO),
    deliver(FaultDelivery.ALWAYS),
    report(FaultDelivery.NEVER);

    final FaultDelivery delivery;

    FaultPolicy(FaultDelivery delivery) {
      this.delivery = delivery;
    }
  }

  @Override
  public Integer call() {
    Budgets.check(maxCycles, maxInstructions);
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      throw new UserError("--timeout must be positive (e.g. 30s, 5m)");
    }
    FirmwareSession session =
        new FirmwareSession(
                board, new RunOptions(maxCycles, maxInstructions), json.requested, cycleReport)
            .withTimeout(timeout)
            .withErr(spec.commandLine().getErr());
    if (gdbPort != null) {
      session.withGdbServer(DebugCommand.checkPort(gdbPort));
    }
    if (exactInstructionCache) {
      session.withExactInstructionCache();
    }
    if (exactDataCache) {
      session.withExactDataCache();
    }
    session.withFaultDelivery(faults.delivery);
    return session.run(firmware, spec.commandLine().getOut());
  }
}
