package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tinysim.emulator.cpu.UnicornBackend;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.harness.bench.BenchFirmware;
import org.tinysim.harness.bench.BenchResult;
import org.tinysim.harness.bench.EmulatorBench;
import org.tinysim.harness.bench.ModelsBenchmark;
import org.tinysim.harness.bench.RtosBench;
import org.tinysim.harness.golden.CaseLoader;
import org.tinysim.harness.golden.CaseRunner;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.GoldenPaths;
import org.tinysim.harness.golden.KernelSource;
import org.tinysim.harness.report.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim bench}: emulator speed with the cycle model vs plain Unicorn; {@code --models}:
 * the generated code's cycles, MAC/cycle and SRAM per model and layer against the baselines.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure emulator speed (MIPS) on a bundled int8 dot-product firmware, with the "
            + "cycle model on and on plain Unicorn without hooks, and on the board for RTOS "
            + "workloads (a DWT->CYCCNT polling loop; a PendSV task switch per 1 kHz SysTick) with "
            + "fast RAM stores and on Unicorn's stock store path; with --models, run every ../shared "
            + "and bundled golden model once and report cycles, MAC/cycle and SRAM per model and "
            + "layer against the committed baselines (markdown).")
public final class BenchCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--min-instructions",
      paramLabel = "N",
      description = "run at least N instructions per run (default ${DEFAULT-VALUE})")
  long minInstructions = 60_000_000L;

  @Option(
      names = "--runs",
      paramLabel = "N",
      description =
          "timed runs per engine after the warm-up; the median is reported "
              + "(default ${DEFAULT-VALUE})")
  int runs = 5;

  @Option(names = "--out", paramLabel = "FILE", description = "write a markdown report here")
  Path out;

  @Option(
      names = "--models",
      description =
          "benchmark the generated code on the ../shared "
              + "and bundled models instead of the emulator (markdown table; --out writes it)")
  boolean models;

  @Option(
      names = "--suites-dir",
      paramLabel = "DIR",
      description =
          "golden suites directory for --models (default: golden-tests/suites above "
              + "the working directory)")
  Path suitesDir;

  @Mixin BuildRoot buildDir;

  @Override
  public Integer call() {
    if (models) {
      return benchModels();
    }
    if (minInstructions < 1 || runs < 1) {
      throw new UserError("--min-instructions and --runs must be at least 1");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path elf = BenchFirmware.build(buildDir.resolve());
    BenchResult result =
        new EmulatorBench(
                ElfImage.load(elf),
                line -> {
                  err.println(line);
                  err.flush();
                })
            .run(minInstructions, runs);
    RtosBench.Result rtos =
        new RtosBench(
                ElfImage.load(BenchFirmware.buildRtos(buildDir.resolve())),
                line -> {
                  err.println(line);
                  err.flush();
                })
            .run(minInstructions, runs);
    stdout.print(BenchReport.lines(result, rtos));
    if (out != null) {
      try {
        Files.writeString(out, BenchReport.markdown(result, rtos, UnicornBackend.engineVersion()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the bench report " + out, e);
      }
      stdout.println("report: " + out);
    }
    stdout.flush();
    return result.checksumsMatch() ? 0 : 1;
  }

  private int benchModels() {
    GoldenPaths paths =
        suitesDir != null ? GoldenPaths.forSuites(suitesDir) : GoldenPaths.discover(Path.of(""));
    CaseLoader loader = new CaseLoader(paths);
    List<GoldenCase> cases = new ArrayList<>();
    for (String suite : ModelsBenchmark.SUITES) {
      loader.discover(Optional.of(suite), Optional.empty()).stream()
          .filter(c -> c.skipReason().isEmpty())
          .forEach(cases::add);
    }
    PrintWriter err = spec.commandLine().getErr();
    ModelsBenchmark bench =
        new ModelsBenchmark(
            new CaseRunner(buildDir.resolve(), KernelSource.blessed()),
            line -> {
              err.println(line);
              err.flush();
            });
    String report = ModelsBenchmark.markdown(bench.run(cases));
    PrintWriter stdout = spec.commandLine().getOut();
    if (out != null) {
      try {
        Files.writeString(out, report);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the models benchmark " + out, e);
      }
      stdout.println("report: " + out);
    } else {
      stdout.print(report);
    }
    stdout.flush();
    return 0;
  }
}
