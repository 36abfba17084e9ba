package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.report.Format;
import org.tinysim.harness.report.AccuracySummary;
import org.tinysim.harness.report.HtmlReport;
import org.tinysim.harness.report.ReportBuilder;
import org.tinysim.harness.report.ReportData;
import org.tinysim.harness.toolchain.KernelPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim report MODEL.tflite -o report.html}: compile, run on the emulated board, and
 * write one self-contained HTML page (layers, memory timeline, cycle chart, limits, accuracy).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Compile an int8 .tflite model, run it on the emulated STM32F746 and write a "
        + "self-contained HTML report: per-layer table, arena memory timeline, cycle breakdown, "
        + "SRAM and flash against the board's limits, and accuracy when --labels is given.")
public final class ReportCommand implements Callable<Integer> {

  /** Seed of the generated inputs when no --inputs file is given, so reports repeat. */
  private static final long INPUT_SEED = 20261126L;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.tflite")
  Path model;

  @Option(names = {"-o", "--output"}, paramLabel = "report.html", required = true,
      description = "the HTML file to write")
  Path output;

  @Option(names = "--inputs", paramLabel = "FILE",
      description = "raw inputs, one record after another (default: --count generated inputs)")
  Path inputs;

  @Option(names = "--count", paramLabel = "N",
      description = "inputs to run: the first N records of --inputs (default all), or N "
          + "pseudo-random inputs (default 1)")
  Integer count;

  @Option(names = "--labels", paramLabel = "FILE",
      description = "one label byte per input record: adds accuracy and a confusion matrix "
          + "(prediction = arg-max of the first output)")
  Path labels;

  @Option(names = "--classes", paramLabel = "NAME", split = ",",
      description = "class names for the confusion matrix, comma separated")
  List<String> classNames;

  @Option(names = "--path", paramLabel = "PATH",
      description = "kernel bodies: DSP (default) or PORTABLE")
  KernelPath path = KernelPath.DSP;

  @Option(names = "--planner", paramLabel = "PLANNER",
      description = "arena planner: greedy (default) or linear")
  CompileCommand.Planner planner = CompileCommand.Planner.greedy;

  @Option(names = "--in-place", description = "let depthwise convolutions overwrite their input")
  boolean inPlace;

  @Mixin
  BuildRoot buildDir;

  @Override
  public Integer call() {
    if (count != null && count < 1) {
      throw new UserError("--count must be >= 1");
    }
    if (labels != null && inputs == null) {
      throw new UserError("--labels needs the --inputs they label");
    }
    Graph graph = ModelFiles.load(model);
    if (labels != null && graph.outputs().get(0).type() != DataType.INT8) {
      throw new UserError("--labels needs an int8 first output to take the arg-max of; "
          + model + "'s is " + graph.outputs().get(0).type());
    }
    CompiledModel compiled = new ModelCompiler(buildDir.resolve()).compile(graph,
        new CodegenOptions(planner.name(), inPlace), path);
    List<List<byte[]>> records = records(compiled.code().inputs());
    List<InferenceResult> results = new ArrayList<>();
    long started = System.nanoTime();
    try (ModelRunner runner = ModelRunner.start(compiled)) {
      for (List<byte[]> record : records) {
        results.add(runner.infer(record));
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    InferenceResult last = results.get(results.size() - 1);
    ReportData data = ReportBuilder.fromRun(graph, compiled, last);
    if (labels != null) {
      data = data.withAccuracy(accuracy(results, seconds));
    }
    write(HtmlReport.render(data));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("wrote %s: %s, %d input(s), %s cycles (%.3f ms at 216 MHz), peak SRAM %s B, "
            + "flash %s B%n", output, compiled.name(), records.size(), Format.count(last.cycles()),
        Format.ms(last.cycles(), Format.REFERENCE_HZ), Format.count(last.peakSramBytes()),
        Format.count(last.flashBytes()));
    data.accuracy().ifPresent(a -> out.printf("accuracy %.2f %% (%d of %d)%n",
        100 * a.accuracy(), a.correct(), a.total()));
    out.flush();
    return 0;
  }

  private List<List<byte[]>> records(List<IoBuffer> modelInputs) {
    if (inputs != null) {
      long record = InputRecords.recordBytes(modelInputs);
      int n = count != null ? count : (int) (fileSize(inputs) / record);
      if (n < 1) {
        throw new UserError("inputs " + inputs + " holds no whole input of " + record + " bytes");
      }
      return InputRecords.many(inputs, n, modelInputs);
    }
    Random random = new Random(INPUT_SEED);
    List<List<byte[]>> generated = new ArrayList<>();
    for (int i = 0; i < (count == null ? 1 : count); i++) {
      List<byte[]> record = new ArrayList<>();
      for (IoBuffer in : modelInputs) {
        byte[] bytes = new byte[(int) in.bytes()];
        random.nextBytes(bytes);
        record.add(bytes);
      }
      generated.add(record);
    }
    return generated;
  }

  /** Every labelled input was run, so the interval is the point: nothing was sampled. */
  private AccuracySummary accuracy(List<InferenceResult> results, double seconds) {
    byte[] truth = readLabels(results.size());
    int classes = results.get(0).outputs().get(0).length;
    List<String> names = classNames != null ? classNames : defaultNames(classes);
    if (names.size() != classes) {
      throw new UserError("--classes names " + names.size() + " classes but the model's first "
          + "output has " + classes);
    }
    int[][] confusion = new int[classes][classes];
    int correct = 0;
    for (int i = 0; i < results.size(); i++) {
      int label = Byte.toUnsignedInt(truth[i]);
      if (label >= classes) {
        throw new UserError("label " + label + " of input " + i + " in " + labels
            + " is not below the model's " + classes + " classes");
      }
      int predicted = Accuracy.argmax(results.get(i).outputs().get(0));
      confusion[label][predicted]++;
      correct += label == predicted ? 1 : 0;
    }
    double acc = (double) correct / results.size();
    return new AccuracySummary(correct, results.size(), acc, acc,
        "every given input was run (" + results.size() + "), no sampling", results.size()
        / seconds, confusion, names);
  }

  private byte[] readLabels(int needed) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(labels);
    } catch (IOException e) {
      throw new UserError("cannot read labels " + labels + ": " + e.getMessage(), e);
    }
    if (bytes.length < needed) {
      throw new UserError("labels " + labels + " has " + bytes.length + " labels for " + needed
          + " inputs");
    }
    return bytes;
  }


  private static List<String> defaultNames(int classes) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("class " + i);
    }
    return names;
  }

  private static long fileSize(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UserError("input file " + file + " does not exist or cannot be read", e);
    }
  }

  private void write(String html) {
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError("cannot write the report to " + output + ": " + e.getMessage(), e);
    }
  }
}
