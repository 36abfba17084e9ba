package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.json.Json;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.tflite.TfliteReader;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingDoesNotFitException;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;
import org.tinysim.engine.training.TrainingSpecException;
import org.tinysim.harness.inference.InputFile;
import org.tinysim.harness.training.TrainingData;
import org.tinysim.harness.training.TrainingDemo;
import org.tinysim.harness.training.TrainingFirmware;
import org.tinysim.harness.training.TrainingReport;
import org.tinysim.harness.training.TrainingSample;
import org.tinysim.harness.training.TrainingSession;
import org.tinysim.harness.training.TunedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim train MODEL.tflite --spec spec.json --data IMAGES --labels LABELS -o OUT}:
 * fine-tunes an int8 model on the emulated board, one labelled sample at a time, and writes the
 * tuned .tflite. {@code tinysim train --demo}: the bundled transfer-learning demo.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Fine-tune an int8 .tflite model on the emulated STM32F746 (batch 1, int8 with "
            + "quantisation-aware scaling, sparse update), evaluate before/after, write the tuned "
            + "model.")
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.tflite")
  Path model;

  @Option(names = "--demo", description = "run the bundled transfer-learning demo")
  boolean demo;

  @Option(names = "--spec", paramLabel = "spec.json", description = "what to train")
  Path specFile;

  @Option(
      names = "--data",
      paramLabel = "INPUTS",
      description =
          "training inputs, read as 'infer --inputs' reads them: IDX images, .npy "
              + "(float32, uint8, int8), PNG/JPEG (one image), or raw input bytes")
  Path data;

  @Option(
      names = "--labels",
      paramLabel = "LABELS",
      description = "IDX labels, one per --data input")
  Path labels;

  @Option(
      names = "--test-data",
      paramLabel = "INPUTS",
      description = "test inputs, as --data (default: the last --holdout of --data)")
  Path testData;

  @Option(names = "--test-labels", paramLabel = "LABELS", description = "IDX test labels")
  Path testLabels;

  @Option(
      names = "--holdout",
      paramLabel = "N",
      description = "without --test-data: test on the last N samples (default ${DEFAULT-VALUE})")
  int holdout = 200;

  @Option(names = "--limit", paramLabel = "N", description = "train on at most N samples")
  Integer limit;

  @Option(
      names = "--transform",
      paramLabel = "invert|none",
      description =
          "pixel transform of every image before quantisation, p -> 255 - p for "
              + "invert (default ${DEFAULT-VALUE}); not for raw input bytes")
  String transform = "none";

  @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data")
  int epochs = 1;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "FULL_UPDATE, SPARSE or SPARSE_REORDERED (default ${DEFAULT-VALUE})")
  CompileMode mode = CompileMode.SPARSE_REORDERED;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT.tflite",
      description = "tuned model")
  Path output;

  @Mixin JsonOutput json;

  @Mixin BuildRoot buildDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainingReport report;
    try (ProgressReport progress = ProgressReport.to(err)) {
      report = demo ? TrainingDemo.run(buildDir.resolve(), progress::line) : train(progress);
    }
    out.print(
        json.requested ? Json.compact(report.toJson()) + System.lineSeparator() : report.toText());
    out.flush();
    return 0;
  }

  private TrainingReport train(ProgressReport progress) {
    if (model == null || specFile == null || data == null || labels == null || output == null) {
      throw new UserError(
          "train needs MODEL.tflite --spec spec.json --data IMAGES --labels "
              + "LABELS -o OUT.tflite (or --demo)");
    }
    if (epochs < 1 || holdout < 1 || (testData == null) != (testLabels == null)) {
      throw new UserError(
          "--epochs and --holdout must be >= 1; --test-data and --test-labels " + "go together");
    }
    OutputFiles.refuseOverInput("-o", output, model, specFile, data, labels, testData, testLabels);
    Graph graph = ModelFiles.load(model);
    PreparedGraph prepared = Preparer.prepare(graph);
    TrainingProgram program;
    try {
      program = TrainingCompiler.compile(prepared, TrainingSpec.load(specFile), mode);
      program.requireFitsBudget();
    } catch (TrainingSpecException | TrainingDoesNotFitException e) {
      throw new UserError(e.getMessage(), e);
    }
    // The data is checked before the board starts.
    InputFile.Transform t = transform();
    List<TrainingSample> train;
    List<TrainingSample> test;
    try {
      train = samples(data, labels, graph, t);
      if (testData != null) {
        test = samples(testData, testLabels, graph, t);
      } else {
        if (train.size() <= holdout) {
          throw new UserError(
              data
                  + " has "
                  + train.size()
                  + " samples, not more than the "
                  + holdout
                  + " held out for testing");
        }
        test = train.subList(train.size() - holdout, train.size());
        train = train.subList(0, train.size() - holdout);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (limit != null) {
      train = train.subList(0, Math.min(limit, train.size()));
    }
    TrainingFirmware firmware = TrainingFirmware.build(program, buildDir.resolve());
    TrainingSession.Result result =
        TrainingSession.onBoard(
            firmware, train, test, epochs, line -> progress.line("int8+QAS on the board: " + line));
    OutputFiles.writeAtomically(
        output, TunedModel.write(TfliteReader.read(model), result.parameters()));
    Map<String, Double> none = new LinkedHashMap<>();
    return TrainingReport.of(firmware, result, none);
  }

  /** Labelled samples: the inputs read as {@code infer} reads them, the labels from IDX. */
  static List<TrainingSample> samples(
      Path inputs, Path labels, Graph graph, InputFile.Transform transform) {
    if (graph.inputs().size() != 1) {
      throw new UserError(
          "training needs a model with one input; this one has " + graph.inputs().size());
    }
    List<byte[]> records = InputRecords.joined(inputs, graph.inputs(), transform);
    int classes = (int) graph.outputs().get(0).shape().elementCount();
    return TrainingData.samples(records, inputs, labels, classes);
  }

  private InputFile.Transform transform() {
    return switch (transform) {
      case "invert" -> InputFile.Transform.INVERT;
      case "none" -> InputFile.Transform.NONE;
      default -> throw new UserError("--transform must be invert or none, not '" + transform + "'");
    };
  }
}
