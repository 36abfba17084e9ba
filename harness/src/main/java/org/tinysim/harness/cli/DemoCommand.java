package org.tinysim.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinysim.emulator.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinysim demo}: build the bundled conv3x3 demo firmware and run it like {@code run}. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Build the bundled demo firmware (int8 conv3x3 + ReLU at 216 MHz) with "
            + "arm-none-eabi-gcc and run it on the emulated STM32F746-DISCO.")
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin JsonOutput json;

  @Option(names = "--cycle-report", description = "add cycles per function")
  boolean cycleReport;

  @Mixin BuildRoot buildDir;

  @Override
  public Integer call() {
    Path root = buildDir.resolve();
    spec.commandLine().getErr().println("building the demo firmware in " + root.resolve("demo"));
    spec.commandLine().getErr().flush();
    Path elf = DemoFirmware.build(root);
    return new FirmwareSession(
            BoardChoice.disco, RunOptions.defaults(), json.requested, cycleReport)
        .run(elf, spec.commandLine().getOut());
  }
}
