package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tinysim.engine.json.Json;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.ParamPrecision;
import org.tinysim.engine.training.ProgramListing;
import org.tinysim.engine.training.SparseSchemes;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingDoesNotFitException;
import org.tinysim.engine.training.TrainingMemoryReport;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;
import org.tinysim.engine.training.TrainingSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim train-plan MODEL.tflite [--spec S] [--json]}: compiles the training step of a spec
 * three ways (full update, sparse, sparse + reordering) and prints the memory table. A
 * sparse+reordered program over the spec's budget is refused (exit 2) naming the peak layer and the
 * bytes over, after the table.
 */
@Command(
    name = "train-plan",
    mixinStandardHelpOptions = true,
    description =
        "Plan on-device training memory: full update vs sparse update vs sparse "
            + "update with operator reordering, for a training spec (default: the built-in sparse "
            + "scheme).")
public final class TrainPlanCommand implements Callable<Integer> {

  @Spec CommandSpec cli;

  @Parameters(index = "0", paramLabel = "MODEL.tflite")
  Path model;

  @Option(
      names = "--spec",
      paramLabel = "SPEC.json",
      description =
          "training spec (layers, optimizer, qas, params, sramBudget); default: the "
              + "built-in scheme (classifier, biases of the last 12 layers, a quarter of the "
              + "channels of the last 2 pointwise convolutions)")
  Path specFile;

  @Option(
      names = "--fit",
      description =
          "choose the layers greedily from the head until the "
              + "budget is reached (uses only the spec's optimizer, precision and budget)")
  boolean fit;

  @Option(
      names = "--max-backward-macs",
      paramLabel = "N",
      description = "with --fit: also stop when the backward pass would exceed N MACs")
  long maxBackwardMacs = Long.MAX_VALUE;

  @Option(
      names = "--params",
      paramLabel = "int8|fp32",
      description = "override the spec's parameter precision")
  String params;

  @Option(names = "--steps", description = "also list the steps of the sparse+reorder program")
  boolean steps;

  @Mixin JsonOutput json;

  @Override
  public Integer call() {
    PreparedGraph graph = Preparer.prepare(ModelFiles.load(model));
    String name = model.getFileName().toString();
    TrainingProgram chosen;
    TrainingMemoryReport report;
    try {
      TrainingSpec spec = spec(graph);
      report = TrainingMemoryReport.of(name, graph, spec);
      chosen = TrainingCompiler.compile(graph, spec, CompileMode.SPARSE_REORDERED);
    } catch (TrainingSpecException | TrainingDoesNotFitException e) {
      throw new UserError(e.getMessage(), e);
    }
    PrintWriter out = cli.commandLine().getOut();
    if (json.requested) {
      out.println(Json.compact(TrainPlanJson.of(report, chosen)));
    } else {
      out.print(report.toText());
      if (steps) {
        out.print(ProgramListing.render(chosen));
      }
    }
    out.flush();
    try {
      chosen.requireFitsBudget();
    } catch (TrainingDoesNotFitException e) {
      throw new UserError(e.getMessage(), e);
    }
    return 0;
  }

  private TrainingSpec spec(PreparedGraph graph) {
    TrainingSpec spec =
        specFile != null
            ? TrainingSpec.load(specFile)
            : TrainingSpec.of(SparseSchemes.defaultRules(graph.graph()));
    if (params != null) {
      spec =
          spec.withParamPrecision(
              switch (params) {
                case "int8" -> ParamPrecision.INT8;
                case "fp32" -> ParamPrecision.FP32;
                default ->
                    throw new UserError("--params must be int8 or fp32, not '" + params + "'");
              });
    }
    if (fit) {
      spec = spec.withLayers(SparseSchemes.fitToBudget(graph, spec, maxBackwardMacs));
    }
    return spec;
  }
}
