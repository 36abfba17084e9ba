package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinysim.emulator.cpu.UnicornBackend;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.harness.bench.BenchFirmware;
import org.tinysim.harness.bench.BenchResult;
import org.tinysim.harness.bench.EmulatorBench;
import org.tinysim.harness.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tinysim bench}: emulator speed with the cycle model vs plain Unicorn. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure emulator speed (MIPS) on a bundled int8 dot-product firmware, with the "
        + "cycle model on and on plain Unicorn without hooks.")
public final class BenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--min-instructions", paramLabel = "N",
      description = "run at least N instructions per run (default ${DEFAULT-VALUE})")
  long minInstructions = 60_000_000L;

  @Option(names = "--runs", paramLabel = "N",
      description = "timed runs per engine after the warm-up; the median is reported "
          + "(default ${DEFAULT-VALUE})")
  int runs = 5;

  @Option(names = "--out", paramLabel = "FILE", description = "write a markdown report here")
  Path out;

  @Mixin
  BuildRoot buildDir;

  @Override
  public Integer call() {
    if (minInstructions < 1 || runs < 1) {
      throw new UserError("--min-instructions and --runs must be at least 1");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path elf = BenchFirmware.build(buildDir.resolve());
    BenchResult result = new EmulatorBench(ElfImage.load(elf), line -> {
      err.println(line);
      err.flush();
    }).run(minInstructions, runs);
    stdout.print(BenchReport.lines(result));
    if (out != null) {
      try {
        Files.writeString(out, BenchReport.markdown(result, UnicornBackend.engineVersion()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the bench report " + out, e);
      }
      stdout.println("report: " + out);
    }
    stdout.flush();
    return result.checksumsMatch() ? 0 : 1;
  }
}
