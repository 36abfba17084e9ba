package org.tinysim.harness.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tinysim.engine.dataset.FashionMnist;
import org.tinysim.engine.dataset.LabelledImages;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.Op;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.oracle.training.TrainingReference;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.engine.training.CompileMode;
import org.tinysim.engine.training.LayerRule;
import org.tinysim.engine.training.Optimizer;
import org.tinysim.engine.training.ParamPrecision;
import org.tinysim.engine.training.TrainingCompiler;
import org.tinysim.engine.training.TrainingProgram;
import org.tinysim.engine.training.TrainingSpec;
import org.tinysim.engine.training.UpdateRule;
import org.tinysim.harness.inference.InputFile;
import org.tinysim.harness.toolchain.ToolchainException;

/**
 * The bundled transfer-learning demo: the Fashion-MNIST MobileNet, trained on normal images, is
 * fine-tuned on the board for a shifted domain (inverted images) with a sparse update of its last
 * layers, then compared with the same update in int8 without QAS (Java reference, which is
 * bit-identical to the board).
 */
public final class TrainingDemo {

  /** The bundled model, relative to the repository root (or on the classpath). */
  public static final String MODEL = "models/fashion_mobilenet.tflite";

  /** Training images (from the Fashion-MNIST training split, inverted). */
  public static final int TRAIN_SAMPLES = 1000;

  /** Held-out test images (from the test split, inverted). */
  public static final int TEST_SAMPLES = 500;

  public static final double LEARNING_RATE = 0.05;

  /**
   * Plain SGD: momentum buffers would double the classifier's 125 KB float state (its 7x7x64 input
   * makes 31,360 weights) and push the program over 256 KB.
   */
  public static final double MOMENTUM = 0.0;

  /** Layers with weights, counted from the head, whose biases are updated. */
  public static final int BIAS_LAYERS = 4;

  /** Whether the first layer's weights are updated too (when its bias is). */
  public static final boolean STEM_WEIGHTS = false;

  private TrainingDemo() {}

  /** How much of the demo to run; {@link #DEFAULT} is what {@code tinysim train --demo} does. */
  public record Settings(
      int trainSamples,
      int testSamples,
      double learningRate,
      int biasLayers,
      boolean stemWeights,
      boolean comparisons) {
    public static final Settings DEFAULT =
        new Settings(TRAIN_SAMPLES, TEST_SAMPLES, LEARNING_RATE, BIAS_LAYERS, STEM_WEIGHTS, true);
  }

  public static TrainingReport run(Path buildRoot, Consumer<String> progress) {
    return run(buildRoot, progress, Settings.DEFAULT);
  }

  public static TrainingReport run(Path buildRoot, Consumer<String> progress, Settings settings) {
    Graph graph = graph();
    TrainingProgram program = program(graph, true, settings);
    List<TrainingSample> train = samples(FashionMnist.train(), graph, settings.trainSamples());
    List<TrainingSample> test = samples(FashionMnist.test(), graph, settings.testSamples());
    TrainingFirmware firmware = TrainingFirmware.build(program, buildRoot);
    // Three passes over the same data; each progress line says which one it belongs to.
    int passes = settings.comparisons() ? 3 : 1;
    TrainingSession.Result board =
        TrainingSession.onBoard(
            firmware,
            train,
            test,
            1,
            line -> progress.accept(pass(1, passes, "int8+QAS on the board") + line));

    Map<String, Double> comparisons = new LinkedHashMap<>();
    if (!settings.comparisons()) {
      return TrainingReport.of(firmware, board, comparisons);
    }
    TrainingProgram naive = program(graph, false, settings);
    comparisons.put(
        "int8 without QAS (reference)",
        TrainingSession.onHost(
                new TrainingReference(naive),
                train,
                test,
                1,
                line -> progress.accept(pass(2, passes, "int8 without QAS on the host") + line))
            .accuracyAfter());
    comparisons.put(
        "fp32 on the host",
        TrainingSession.fp32OnHost(
                graph,
                program.updates(),
                settings.learningRate(),
                MOMENTUM,
                train,
                test,
                1,
                line -> progress.accept(pass(3, passes, "fp32 on the host") + line))
            .accuracyAfter());
    TrainingReport report = TrainingReport.of(firmware, board, comparisons);
    return report.withMemoryByMode(memoryByMode(graph, buildRoot, train.get(0)));
  }

  private static String pass(int pass, int passes, String what) {
    return passes == 1 ? what + ": " : "pass " + pass + " of " + passes + ", " + what + ": ";
  }

  /** Planned and measured peak SRAM of the demo's update under one compile mode. */
  public record ModeMemory(CompileMode mode, long plannedBytes, long measuredBytes, String note) {}

  /**
   * The memory comparison: the demo's update compiled as full update, sparse, and sparse with
   * reordering; each planned by the training compiler and measured on the board over one step
   * (measured 0 with a note when the firmware does not link into the 320 KB SRAM).
   */
  public static List<ModeMemory> memoryByMode(Graph graph, Path buildRoot, TrainingSample sample) {
    List<ModeMemory> rows = new ArrayList<>();
    for (CompileMode mode : CompileMode.values()) {
      TrainingProgram p =
          TrainingCompiler.compile(
              Preparer.prepare(graph), spec(graph, true, Settings.DEFAULT), mode);
      long measured = 0;
      String note = "";
      try {
        TrainingFirmware fw = TrainingFirmware.build(p, buildRoot);
        try (BoardTrainer board = BoardTrainer.start(fw)) {
          board.train(sample.input(), sample.label());
          measured = board.peakSramBytes();
        }
      } catch (ToolchainException e) {
        note = "does not link into the 320 KB SRAM";
      }
      rows.add(new ModeMemory(mode, p.memory().peak(), measured, note));
    }
    return rows;
  }

  /** The bundled model, imported. */
  public static Graph graph() {
    return TfliteImporter.load(modelBytes(), MODEL);
  }

  /** Whether the bundled model can be found (tests skip without it). */
  public static boolean modelAvailable() {
    try {
      modelBytes();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** The demo's training program, with or without QAS. */
  public static TrainingProgram program(Graph graph, boolean qas, Settings settings) {
    return TrainingCompiler.compile(
        Preparer.prepare(graph), spec(graph, qas, settings), CompileMode.SPARSE_REORDERED);
  }

  /**
   * The demo's sparse update: biases of the last {@code biasLayers} layers with weights (and, with
   * {@code stemWeights}, the first layer's weights when the biases reach it); weights of the
   * classifier head and of a quarter of the output channels of the last pointwise convolution.
   */
  public static TrainingSpec spec(Graph graph, boolean qas, Settings settings) {
    int biasLayers = settings.biasLayers();
    List<Op> withWeights = new ArrayList<>();
    for (Op op : graph.ops()) {
      if (op instanceof Op.Conv2D
          || op instanceof Op.DepthwiseConv2D
          || op instanceof Op.FullyConnected) {
        withWeights.add(op);
      }
    }
    List<LayerRule> rules = new ArrayList<>();
    int n = withWeights.size();
    for (int i = Math.max(0, n - biasLayers); i < n; i++) {
      Op op = withWeights.get(i);
      UpdateRule rule = new UpdateRule.BiasOnly();
      if (i == n - 1 || (i == 0 && settings.stemWeights())) {
        rule = new UpdateRule.AllWeights();
      } else if (i == n - 2 && op instanceof Op.Conv2D c) {
        rule = UpdateRule.Channels.first(Math.max(1, c.output().shape().dim(3) / 4));
      }
      rules.add(new LayerRule(Integer.toString(op.index()), rule));
    }
    return new TrainingSpec(
        rules,
        new Optimizer(settings.learningRate(), MOMENTUM),
        qas,
        ParamPrecision.INT8,
        1,
        DataType.FLOAT32,
        TrainingSpec.DEFAULT_SRAM_BUDGET,
        "built-in demo spec");
  }

  /** The first {@code count} images, inverted and quantised to the model input. */
  public static List<TrainingSample> samples(LabelledImages images, Graph graph, int count) {
    Tensor input = graph.inputs().get(0);
    List<TrainingSample> out = new ArrayList<>();
    for (int i = 0; i < Math.min(count, images.size()); i++) {
      out.add(
          new TrainingSample(
              InputFile.pixels(images.image(i), input, InputFile.Transform.INVERT),
              images.label(i)));
    }
    return out;
  }

  /**
   * The bundled model: -Dtinysim.demoModel=FILE if set, else from the classpath, else from the
   * repository the jar was built in.
   */
  static byte[] modelBytes() {
    String override = System.getProperty("tinysim.demoModel");
    try {
      if (override != null) {
        return Files.readAllBytes(Path.of(override));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read -Dtinysim.demoModel=" + override, e);
    }
    try (InputStream in = TrainingDemo.class.getClassLoader().getResourceAsStream(MODEL)) {
      if (in != null) {
        return in.readAllBytes();
      }
      for (Path root : candidateRoots()) {
        Path p = root.resolve(MODEL);
        if (Files.isRegularFile(p)) {
          return Files.readAllBytes(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo model " + MODEL, e);
    }
    throw new IllegalStateException(
        "the demo model "
            + MODEL
            + " is neither on the classpath "
            + "nor under "
            + candidateRoots());
  }

  private static List<Path> candidateRoots() {
    List<Path> roots = new ArrayList<>();
    String prop = System.getProperty("tinysim.repoRoot");
    if (prop != null) {
      roots.add(Path.of(prop));
    }
    try {
      Path code =
          Path.of(TrainingDemo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // harness/target/tinysim.jar or harness/target/classes -> the repository root
      Path root = code.getParent().getParent().getParent();
      if (root != null) {
        roots.add(root);
      }
    } catch (URISyntaxException | NullPointerException e) {
      // no code source: only the other candidates
    }
    roots.add(Path.of("").toAbsolutePath());
    return roots;
  }
}
