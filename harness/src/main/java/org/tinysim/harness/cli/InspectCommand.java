package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.tinysim.engine.codegen.ArenaSizes;
import org.tinysim.engine.codegen.CodeGenerator;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.GeneratedModel;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.json.Json;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.report.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tinysim inspect MODEL.tflite}: what a user needs to feed and fit a model. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Show a model's inputs and outputs (name, shape, type, scale, zero point: "
            + "real = scale * (q - zero point)), operators, MACs, weight bytes and the arena each "
            + "planner needs. Nothing is built or run.")
public final class InspectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.tflite")
  Path model;

  @Mixin JsonOutput json;

  @JsonPropertyOrder({"model", "inputs", "outputs", "ops", "macs", "weightBytes", "arena"})
  record InspectJson(
      String model,
      List<TensorInfo> inputs,
      List<TensorInfo> outputs,
      List<String> ops,
      long macs,
      long weightBytes,
      Arena arena) {}

  /** Arena bytes by planner (see {@code compile --planner}, {@code --in-place}). */
  @JsonPropertyOrder({"greedy", "linear", "greedyInPlace"})
  record Arena(long greedy, long linear, long greedyInPlace) {}

  @Override
  public Integer call() {
    Graph graph = ModelFiles.load(model);
    GeneratedModel code =
        new CodeGenerator().generate(Preparer.prepare(graph), CodegenOptions.defaults());
    ArenaSizes a = code.sizes();
    InspectJson info =
        new InspectJson(
            code.name(),
            TensorInfo.of(graph.inputs()),
            TensorInfo.of(graph.outputs()),
            code.opNames(),
            code.macs(),
            code.weightBytes(),
            new Arena(a.greedy(), a.linear(), a.greedyInPlace()));
    PrintWriter out = spec.commandLine().getOut();
    if (json.requested) {
      out.println(Json.compact(info));
    } else {
      out.printf(
          "model %s: %d ops, %s MACs, weights %s B%n",
          info.model(),
          info.ops().size(),
          Format.count(info.macs()),
          Format.count(info.weightBytes()));
      info.inputs().forEach(t -> out.println("input   " + t.toText()));
      info.outputs().forEach(t -> out.println("output  " + t.toText()));
      out.println("  (real value = scale * (q - zero point))");
      out.println("ops     " + String.join(" ", info.ops()));
      out.printf(
          "arena   greedy %s B, linear %s B, greedy in-place %s B%n",
          Format.count(a.greedy()), Format.count(a.linear()), Format.count(a.greedyInPlace()));
    }
    out.flush();
    return 0;
  }
}
