package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.json.Json;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.report.Format;
import org.tinysim.harness.report.LayerTable;
import org.tinysim.harness.report.OutputTensor;
import org.tinysim.harness.report.RunReport;
import org.tinysim.harness.report.StaticSram;
import org.tinysim.harness.toolchain.KernelPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim infer MODEL.tflite --input X.bin}: compile the model, boot it once on the emulated
 * board and run one or N consecutive inputs through the host ABI.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description =
        "Compile an int8 .tflite model and run inputs through it on the emulated "
            + "STM32F746: outputs, top-k, cycles, time at 216 MHz, SRAM, flash, per-layer cycles.")
public final class InferCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.tflite")
  Path model;

  @Option(
      names = "--input",
      paramLabel = "X.bin",
      description =
          "one input: raw bytes (all graph inputs concatenated, exactly the model's "
              + "size), or .npy (float32/uint8/int8), PNG/JPEG (resized) or IDX, quantised per the "
              + "model's input (see 'tinysim inspect')")
  Path input;

  @Option(
      names = "--inputs",
      paramLabel = "FILE",
      description = "a file of consecutive inputs, raw or as for --input (use with --count)")
  Path inputs;

  @Option(names = "--count", paramLabel = "N", description = "how many inputs of --inputs to run")
  Integer count;

  @Mixin JsonOutput json;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      description = "classes to rank for classifier outputs (default ${DEFAULT-VALUE}, 0 = off)")
  int topK = 5;

  @Option(names = "--portable", description = "use the portable C kernels instead of the DSP ones")
  boolean portable;

  @Mixin PatchOptions patchOptions = new PatchOptions();

  @Mixin BuildRoot buildDir;

  private PatchOptions.Schedule schedule;

  @Override
  public Integer call() {
    checkOptions();
    Graph graph = ModelFiles.load(model);
    List<List<byte[]>> records =
        input != null
            ? List.of(InputRecords.single(input, graph.inputs()))
            : InputRecords.many(inputs, count, graph.inputs());
    List<Op> ops = Preparer.prepare(graph).graph().ops();
    KernelPath path = portable ? KernelPath.PORTABLE : KernelPath.DSP;
    schedule =
        patchOptions.choose(
            graph,
            CodegenOptions.defaults(),
            PatchOptions.Board.of(buildDir.resolve(), graph, path, records.get(0)));
    CompiledModel compiled =
        new ModelCompiler(buildDir.resolve()).compile(graph, schedule.options(), path);
    List<InferenceResult> results = new ArrayList<>();
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (List<byte[]> record : records) {
        results.add(runner.infer(record));
      }
    }
    if (schedule.candidate() != null) {
      schedule = schedule.measured(results.get(0).cycles());
    }
    Map<String, Long> staticSections = StaticSram.sections(ElfImage.load(compiled.elf()));
    PrintWriter out = spec.commandLine().getOut();
    if (json.requested) {
      out.println(Json.compact(toJson(graph, ops, compiled, results, staticSections)));
    } else {
      printText(out, graph, ops, compiled, results, staticSections);
    }
    out.flush();
    return 0;
  }

  private void checkOptions() {
    if ((input == null) == (inputs == null)) {
      throw new UserError("give exactly one of --input X.bin or --inputs FILE --count N");
    }
    if (inputs != null && (count == null || count < 1)) {
      throw new UserError("--inputs needs --count N with N >= 1");
    }
    if (input != null && count != null) {
      throw new UserError("--count goes with --inputs, not --input");
    }
    if (topK < 0) {
      throw new UserError("--top-k must be >= 0");
    }
  }

  private List<OutputTensor> outputs(Graph graph, InferenceResult r) {
    List<OutputTensor> decoded = new ArrayList<>();
    for (int i = 0; i < graph.outputs().size(); i++) {
      decoded.add(OutputTensor.decode(graph.outputs().get(i), r.outputs().get(i)));
    }
    return decoded;
  }

  private void printText(
      PrintWriter out,
      Graph graph,
      List<Op> ops,
      CompiledModel compiled,
      List<InferenceResult> results,
      Map<String, Long> staticSections) {
    for (int n = 0; n < results.size(); n++) {
      InferenceResult r = results.get(n);
      if (results.size() > 1) {
        out.println("== input " + n);
      }
      for (OutputTensor t : outputs(graph, r)) {
        out.print(t.toText(topK));
      }
      out.printf(
          "cycles: %s (%.3f ms at 216 MHz)%n",
          Format.count(r.cycles()), Format.ms(r.cycles(), Format.REFERENCE_HZ));
    }
    InferenceResult last = results.get(results.size() - 1);
    long staticBytes = staticSections.values().stream().mapToLong(Long::longValue).sum();
    out.printf(
        "sram peak: %s B of %s B (%s)%n",
        Format.count(last.peakSramBytes()),
        Format.count(320 * 1024),
        Format.percent(last.peakSramBytes(), 320 * 1024));
    StringBuilder parts = new StringBuilder();
    staticSections.forEach(
        (name, bytes) ->
            parts
                .append(parts.length() == 0 ? "" : ", ")
                .append(name)
                .append(' ')
                .append(Format.count(bytes)));
    out.printf(
        "  static        %s B (%s), of which tensor arena %s B%n",
        Format.count(staticBytes), parts, Format.count(compiled.arenaBytes()));
    out.printf(
        "  stack + heap  %s B%n", Format.count(Math.max(0, last.peakSramBytes() - staticBytes)));
    out.printf(
        "flash: %s B of %s B (weights %s B)%n",
        Format.count(last.flashBytes()),
        Format.count(RunReport.FLASH_LIMIT),
        Format.count(compiled.weightBytes()));
    if (results.size() > 1) {
      out.println("layers (input " + (results.size() - 1) + "):");
    }
    if (schedule.candidate() != null) {
      out.println(schedule.describe());
    }
    out.print(new LayerTable(ops, last.layerCycles()).toText());
  }

  /** One inference: decoded outputs, cycles, per-layer cycles. */
  @JsonPropertyOrder({"outputs", "cycles", "ms216", "layers"})
  record RunJson(List<Object> outputs, long cycles, double ms216, Object layers) {}

  @JsonPropertyOrder({"peak", "static", "sections", "arena", "stackAndHeap", "limit"})
  record SramJson(
      long peak,
      @JsonProperty("static") long staticBytes,
      Map<String, Long> sections,
      long arena,
      long stackAndHeap,
      long limit) {}

  /** {@code inputs}/{@code outputs}: the graph's tensors with their quantisation. */
  @JsonPropertyOrder({
    "model",
    "kernels",
    "macs",
    "inputs",
    "outputs",
    "inferences",
    "sram",
    "schedule",
    "flashBytes",
    "weightBytes",
    "coreHz"
  })
  record InferJson(
      String model,
      String kernels,
      long macs,
      List<TensorInfo> inputs,
      List<TensorInfo> outputs,
      List<RunJson> inferences,
      SramJson sram,
      PatchOptions.ScheduleJson schedule,
      long flashBytes,
      long weightBytes,
      long coreHz) {}

  private InferJson toJson(
      Graph graph,
      List<Op> ops,
      CompiledModel compiled,
      List<InferenceResult> results,
      Map<String, Long> staticSections) {
    List<RunJson> runs = new ArrayList<>();
    for (InferenceResult r : results) {
      List<Object> outs = new ArrayList<>();
      for (OutputTensor t : outputs(graph, r)) {
        outs.add(t.toJson(topK));
      }
      runs.add(
          new RunJson(
              outs,
              r.cycles(),
              Format.ms(r.cycles(), Format.REFERENCE_HZ),
              new LayerTable(ops, r.layerCycles()).toJson()));
    }
    InferenceResult last = results.get(results.size() - 1);
    long staticBytes = staticSections.values().stream().mapToLong(Long::longValue).sum();
    SramJson sram =
        new SramJson(
            last.peakSramBytes(),
            staticBytes,
            new LinkedHashMap<>(staticSections),
            compiled.arenaBytes(),
            Math.max(0, last.peakSramBytes() - staticBytes),
            320 * 1024);
    return new InferJson(
        compiled.name(),
        compiled.kernelPath().name(),
        compiled.macs(),
        TensorInfo.of(graph.inputs()),
        TensorInfo.of(graph.outputs()),
        runs,
        sram,
        schedule.toJson(),
        last.flashBytes(),
        compiled.weightBytes(),
        last.coreHz());
  }
}
