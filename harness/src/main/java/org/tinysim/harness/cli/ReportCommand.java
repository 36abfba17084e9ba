package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.interval.ConfidenceInterval;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.harness.golden.BinomialInterval;
import org.tinysim.harness.golden.Tolerances;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.report.AccuracySummary;
import org.tinysim.harness.report.Format;
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
 * {@code tinysim report MODEL.tflite -o report.html}: compile, run on the emulated board, and write
 * one self-contained HTML page (layers, memory timeline, cycle chart, limits, accuracy).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Compile an int8 .tflite model, run it on the emulated STM32F746 and write a "
            + "self-contained HTML report: per-layer table, arena memory timeline, cycle breakdown, "
            + "SRAM and flash against the board's limits, and accuracy when --labels is given.")
public final class ReportCommand implements Callable<Integer> {

  /** Seed of the generated inputs when no --inputs file is given, so reports repeat. */
  private static final long INPUT_SEED = 20261126L;

  /** Confidence of the accuracy interval: golden's default. */
  private static final double CONFIDENCE = Tolerances.defaults().accuracyConfidence();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.tflite")
  Path model;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "report.html",
      required = true,
      description = "the HTML file to write")
  Path output;

  @Option(
      names = "--inputs",
      paramLabel = "FILE",
      description =
          "inputs, one record after another: raw bytes, .npy, PNG/JPEG or IDX "
              + "(quantised per the model's input; default: --count generated inputs)")
  Path inputs;

  @Option(
      names = "--count",
      paramLabel = "N",
      description =
          "inputs to run: the first N records of --inputs (default all), or N "
              + "pseudo-random inputs (default 1)")
  Integer count;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "one label byte per input record: adds accuracy and a confusion matrix "
              + "(prediction = arg-max of the first output)")
  Path labels;

  @Option(
      names = "--classes",
      paramLabel = "NAME",
      split = ",",
      description = "class names for the confusion matrix, comma separated")
  List<String> classNames;

  @Option(
      names = "--path",
      paramLabel = "PATH",
      description = "kernel bodies: DSP (default) or PORTABLE")
  KernelPath path = KernelPath.DSP;

  @Option(
      names = "--planner",
      paramLabel = "PLANNER",
      description = "arena planner: greedy (default) or linear")
  CompileCommand.Planner planner = CompileCommand.Planner.greedy;

  @Option(names = "--in-place", description = "let depthwise convolutions overwrite their input")
  boolean inPlace;

  @Mixin PatchOptions patchOptions = new PatchOptions();

  @Mixin BuildRoot buildDir;

  @Override
  public Integer call() {
    if (count != null && count < 1) {
      throw new UserError("--count must be >= 1");
    }
    if (labels != null && inputs == null) {
      throw new UserError("--labels needs the --inputs they label");
    }
    if (classNames != null && labels == null) {
      throw new UserError("--classes names the classes of --labels; give --labels too");
    }
    checkOutput();
    Graph graph = ModelFiles.load(model);
    if (labels != null && graph.outputs().get(0).type() != DataType.INT8) {
      throw new UserError(
          "--labels needs an int8 first output to take the arg-max of; "
              + model
              + "'s is "
              + graph.outputs().get(0).type());
    }
    // Everything the user gave is checked before the compile and the runs.
    List<List<byte[]>> records = records(graph.inputs());
    byte[] truth =
        labels == null
            ? null
            : checkLabels(records.size(), (int) graph.outputs().get(0).shape().elementCount());
    PatchOptions.Schedule schedule =
        patchOptions.choose(
            graph,
            new CodegenOptions(planner.name(), inPlace),
            PatchOptions.Board.of(buildDir.resolve(), graph, path, records.get(0)));
    CompiledModel compiled =
        new ModelCompiler(buildDir.resolve()).compile(graph, schedule.options(), path);
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
      data = data.withAccuracy(accuracy(truth, results, seconds));
    }
    write(HtmlReport.render(data));
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "wrote %s: %s, %d input(s), %s cycles (%.3f ms at 216 MHz), peak SRAM %s B, "
            + "flash %s B%n",
        output,
        compiled.name(),
        records.size(),
        Format.count(last.cycles()),
        Format.ms(last.cycles(), Format.REFERENCE_HZ),
        Format.count(last.peakSramBytes()),
        Format.count(last.flashBytes()));
    data.accuracy()
        .ifPresent(
            a ->
                out.printf(
                    "accuracy %.2f %% (%d of %d)%n", 100 * a.accuracy(), a.correct(), a.total()));
    if (schedule.candidate() != null) {
      out.println(schedule.measured(results.get(0).cycles()).describe());
    }
    out.flush();
    return 0;
  }

  private List<List<byte[]>> records(List<Tensor> modelInputs) {
    if (inputs != null) {
      return count != null
          ? InputRecords.many(inputs, count, modelInputs)
          : InputRecords.all(inputs, modelInputs);
    }
    Random random = new Random(INPUT_SEED);
    List<List<byte[]>> generated = new ArrayList<>();
    for (int i = 0; i < (count == null ? 1 : count); i++) {
      List<byte[]> record = new ArrayList<>();
      for (Tensor in : modelInputs) {
        byte[] bytes = new byte[(int) in.sizeInBytes()];
        random.nextBytes(bytes);
        record.add(bytes);
      }
      generated.add(record);
    }
    return generated;
  }

  /** The labels, one per record, each a class of the model's first output. */
  private byte[] checkLabels(int records, int classes) {
    byte[] truth = readLabels(records);
    List<String> names = classNames != null ? classNames : defaultNames(classes);
    if (names.size() != classes) {
      throw new UserError(
          "--classes names "
              + names.size()
              + " classes but the model's first "
              + "output has "
              + classes);
    }
    for (int i = 0; i < records; i++) {
      int label = Byte.toUnsignedInt(truth[i]);
      if (label >= classes) {
        throw new UserError(
            "label "
                + label
                + " of input "
                + i
                + " in "
                + labels
                + " is not below the model's "
                + classes
                + " classes");
      }
    }
    return truth;
  }

  /** The given inputs are a sample of what the model will see: a binomial interval. */
  private AccuracySummary accuracy(byte[] truth, List<InferenceResult> results, double seconds) {
    int classes = results.get(0).outputs().get(0).length;
    List<String> names = classNames != null ? classNames : defaultNames(classes);
    int[][] confusion = new int[classes][classes];
    int correct = 0;
    for (int i = 0; i < results.size(); i++) {
      int label = Byte.toUnsignedInt(truth[i]);
      int predicted = Accuracy.argmax(results.get(i).outputs().get(0));
      confusion[label][predicted]++;
      correct += label == predicted ? 1 : 0;
    }
    ConfidenceInterval ci = BinomialInterval.clopperPearson(results.size(), correct, CONFIDENCE);
    return new AccuracySummary(
        correct,
        results.size(),
        ci.getLowerBound(),
        ci.getUpperBound(),
        String.format(
            Locale.ROOT,
            "Clopper-Pearson %.0f %% over the %d given inputs",
            100 * CONFIDENCE,
            results.size()),
        results.size() / seconds,
        confusion,
        names);
  }

  private byte[] readLabels(int needed) {
    if (!Files.isRegularFile(labels)) {
      throw new UserError("labels " + labels + " does not exist or is not a file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(labels);
    } catch (IOException e) {
      throw new UserError("cannot read labels " + labels + ": " + OutputFiles.describe(e), e);
    }
    if (bytes.length < needed) {
      throw new UserError(
          "labels " + labels + " has " + bytes.length + " labels for " + needed + " inputs");
    }
    return bytes;
  }

  /** The report goes to a file, not over an input and not where a directory is. */
  private void checkOutput() {
    OutputFiles.refuseOverInput("-o", output, model, inputs, labels);
    if (Files.isDirectory(output)) {
      throw new UserError("-o " + output + " is a directory; give the HTML file to write");
    }
    Path parent = output.toAbsolutePath().getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new UserError(
          "-o "
              + output
              + ": cannot create a file there ("
              + (parent == null
                  ? "no existing parent directory"
                  : parent + " is not a writable " + "directory")
              + ")");
    }
  }

  private static List<String> defaultNames(int classes) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      names.add("class " + i);
    }
    return names;
  }

  private void write(String html) {
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(
          "cannot write the report to " + output + ": " + OutputFiles.describe(e), e);
    }
  }
}
