package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinysim.emulator.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tinysim debug FIRMWARE.elf}: {@code tinysim run --gdb PORT} with the usual port. */
@Command(
    name = "debug",
    mixinStandardHelpOptions = true,
    description =
        "Load a bare-metal STM32F746 ELF and wait for GDB (gdb-multiarch FIRMWARE.elf "
            + "-ex 'target remote :PORT'); breakpoints, stepping, watchpoints and 'monitor cycles|reset|"
            + "sram|fault' work, and cycle counts stay exactly those of 'tinysim run'.")
public final class DebugCommand implements Callable<Integer> {
  /** OpenOCD's GDB port, which IDE launch configurations default to. */
  static final int DEFAULT_PORT = 3333;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FIRMWARE.elf", description = "the firmware to debug")
  Path firmware;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port on localhost (default ${DEFAULT-VALUE})")
  int port = DEFAULT_PORT;

  @Option(names = "--board", paramLabel = "BOARD", description = "disco or nucleo (default disco)")
  BoardChoice board = BoardChoice.disco;

  @Option(
      names = "--max-cycles",
      paramLabel = "N",
      description =
          "stop with a budget fault after N cycles (0 = no limit; default ${DEFAULT-VALUE})")
  long maxCycles = RunOptions.DEFAULT_MAX_CYCLES;

  @Override
  public Integer call() {
    Budgets.check(maxCycles, 0);
    return new FirmwareSession(board, new RunOptions(maxCycles, 0), false, false)
        .withGdbServer(checkPort(port))
        .withErr(spec.commandLine().getErr())
        .run(firmware, spec.commandLine().getOut());
  }

  static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new UserError("GDB port " + port + " is not a TCP port (0..65535; 0 picks a free one)");
    }
    return port;
  }
}
