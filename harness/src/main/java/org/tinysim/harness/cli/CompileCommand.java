package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.report.Format;
import org.tinysim.harness.toolchain.KernelPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tinysim compile MODEL.tflite -o DIR}: generated C plus the firmware ELF. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description =
        "Compile an int8 .tflite model to C (model.c, model_weights.c, main.c, "
            + "memory-plan.txt) and a firmware ELF for the STM32F746, written to DIR.")
public final class CompileCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.tflite")
  Path model;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description =
          "output directory (created); files tinysim did not write there are kept "
              + "unless --force")
  Path outDir;

  @Option(
      names = "--force",
      description = "overwrite files in DIR even if tinysim did not write them")
  boolean force;

  @Option(
      names = "--planner",
      paramLabel = "PLANNER",
      description = "arena planner: greedy (default) or linear")
  Planner planner = Planner.greedy;

  @Option(names = "--in-place", description = "let depthwise convolutions overwrite their input")
  boolean inPlace;

  @Option(names = "--portable", description = "use the portable C kernels instead of the DSP ones")
  boolean portable;

  @Mixin PatchOptions patchOptions = new PatchOptions();

  @Mixin BuildRoot buildDir;

  @Override
  public Integer call() {
    Graph graph = ModelFiles.load(model);
    // An op without a C kernel is refused before the patch search, planning and the toolchain.
    new CodeGenerator().checkSupported(graph);
    KernelPath path = portable ? KernelPath.PORTABLE : KernelPath.DSP;
    PatchOptions.Board board =
        PatchOptions.Board.of(buildDir.resolve(), graph, path, PatchOptions.Board.zeros(graph));
    PatchOptions.Schedule schedule =
        patchOptions.choose(graph, new CodegenOptions(planner.name(), inPlace), board);
    CompiledModel compiled =
        new ModelCompiler(buildDir.resolve()).compile(graph, schedule.options(), path);
    if (schedule.candidate() != null && schedule.measuredCycles() == null) {
      // One inference on the board, so the estimate is shown next to a measurement.
      PatchOptions.Schedule chosen = schedule;
      schedule = board.run(schedule.options()).map(r -> chosen.measured(r.cycles())).orElse(chosen);
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(compiled.sourceDir())) {
      files =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().endsWith(".o"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + compiled.sourceDir(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    for (Path f : OutputFiles.copyInto(files, outDir, force, model)) {
      out.println("wrote " + f);
    }
    out.println(
        "wrote "
            + ProjectFiles.writeModelProject(
                buildDir.resolve(), outDir, compiled.code().sourceFiles(), compiled.kernelPath())
            + " (make rebuilds build/main.elf)");
    out.printf(
        "model %s: %d ops (%s), %s MACs, arena %s B (%s planner), weights %s B, " + "%s kernels%n",
        compiled.name(),
        compiled.ops().size(),
        String.join(" ", compiled.ops()),
        Format.count(compiled.macs()),
        Format.count(compiled.arenaBytes()),
        planner,
        Format.count(compiled.weightBytes()),
        portable ? "portable" : "DSP");
    out.println(schedule.describe());
    out.flush();
    return 0;
  }

  /** Arena planners the code generator knows. */
  enum Planner {
    greedy,
    linear
  }
}
