package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinysim.emulator.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinysim demo}: build the bundled conv3x3 demo firmware and run it like {@code run}. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Build the bundled demo firmware (int8 conv3x3 + ReLU at 216 MHz) with "
        + "arm-none-eabi-gcc and run it on the emulated STM32F746-DISCO.")
public final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--json", description = "print one JSON object instead of streaming output")
  boolean json;

  @Option(names = "--cycle-report", description = "add cycles per function")
  boolean cycleReport;

  @Option(names = "--build-dir", paramLabel = "DIR",
      description = "where to build (default $TINYSIM_BUILD_DIR or <tmp>/tinysim-<user>)")
  Path buildDir;

  @Override
  public Integer call() {
    Path root = BuildRoot.resolve(buildDir);
    spec.commandLine().getErr().println("building the demo firmware in " + root.resolve("demo"));
    spec.commandLine().getErr().flush();
    Path elf = DemoFirmware.build(root);
    return new FirmwareSession(BoardChoice.disco, RunOptions.defaults(), json, cycleReport)
        .run(elf, spec.commandLine().getOut());
  }
}
