package org.tinysim.harness.golden;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.engine.interpreter.InterpreterRun;
import org.tinysim.engine.interpreter.LayerMismatch;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.report.StaticSram;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/**
 * Runs a golden case on one kernel path: compile, boot once, feed every record through the host
 * ABI, check the first records against the Java reference (naming the first bad layer with a
 * {@link LayerProbe}), and collect the figures a baseline pins.
 */
public final class CaseRunner {

  private final FirmwareBuilder builder;
  private final ModelCompiler compiler;
  private final Path buildRoot;
  private final KernelSource kernels;
  private final int threads;

  /** Below this many records per board, booting another board costs more than it saves. */
  private static final int MIN_RECORDS_PER_SHARD = 200;

  /** One board per available processor for long runs ({@code -Dtinysim.golden.threads=N}). */
  public CaseRunner(Path buildRoot, KernelSource kernels) {
    this(buildRoot, kernels, Integer.getInteger("tinysim.golden.threads",
        Runtime.getRuntime().availableProcessors()));
  }

  /** {@code threads}: boards run in parallel for a case with many records. */
  public CaseRunner(Path buildRoot, KernelSource kernels, int threads) {
    // Modified kernels get their own tree: the model's objects and ELF live under the root.
    this.buildRoot = kernels.isBlessed() ? buildRoot.toAbsolutePath()
        : buildRoot.toAbsolutePath().resolve("custom-kernels");
    this.kernels = kernels;
    this.threads = Math.max(1, threads);
    this.builder = new FirmwareBuilder(Toolchain.locate(), this.buildRoot,
        kernels.dir().orElse(null));
    this.compiler = new ModelCompiler(builder, this.buildRoot);
  }

  public KernelSource kernels() {
    return kernels;
  }

  /** {@code count} overrides the case's record count (a quick sample). */
  public Measurement run(GoldenCase c, KernelPath path, Optional<Integer> count) {
    Graph graph = TfliteImporter.load(c.model().path());
    PreparedGraph prepared = Preparer.prepare(graph);
    CompiledModel compiled = compiler.compile(graph, c.codegenOptions(), path);
    List<IoBuffer> io = compiled.code().inputs();
    int recordBytes = (int) io.stream().mapToLong(IoBuffer::bytes).sum();
    InputSet inputs = InputLoader.load(c.inputs(), recordBytes, count);
    int outputBytes = (int) compiled.code().outputs().stream().mapToLong(IoBuffer::bytes).sum();
    byte[] outputs = new byte[inputs.size() * outputBytes];
    ReferenceCheck reference = new ReferenceCheck(prepared);
    int referenceRecords = Math.min(inputs.size(), c.referenceRecords().orElse(inputs.size()));
    int classes = inputs.labels().map(l -> Math.max(Arrays.stream(l).max().orElse(0) + 1,
        (int) compiled.code().outputs().get(0).bytes()
            / (graph.outputs().get(0).type() == DataType.FLOAT32 ? 4 : 1))).orElse(0);
    int shards = Math.max(1, Math.min(threads, inputs.size() / MIN_RECORDS_PER_SHARD));
    List<Shard> work = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      work.add(new Shard((int) ((long) i * inputs.size() / shards),
          (int) ((long) (i + 1) * inputs.size() / shards), classes));
    }
    long start = System.nanoTime();
    runShards(work, shard -> shard.run(c, path, graph, compiled, inputs, outputs, outputBytes,
        reference, referenceRecords));
    Shard head = work.get(0);
    InferenceResult first = head.first;
    InferenceResult last = work.stream().map(w -> w.last)
        .max(java.util.Comparator.comparingLong(InferenceResult::peakSramBytes)).orElseThrow();
    int correct = work.stream().mapToInt(w -> w.correct).sum();
    int[][] confusion = new int[classes][classes];
    for (Shard w : work) {
      for (int i = 0; i < classes; i++) {
        for (int j = 0; j < classes; j++) {
          confusion[i][j] += w.confusion[i][j];
        }
      }
    }
    Optional<String> mismatch = work.stream().map(w -> w.mismatch).flatMap(Optional::stream)
        .findFirst();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Long> sections = StaticSram.sections(ElfImage.load(compiled.elf()));
    long staticTotal = sections.values().stream().mapToLong(Long::longValue).sum();
    long arena = compiled.arenaBytes();
    Figures.Sram sram = new Figures.Sram(last.peakSramBytes(), arena,
        Math.max(0, staticTotal - arena), Math.max(0, last.peakSramBytes() - staticTotal));
    List<Figures.Layer> layers = new ArrayList<>();
    long[] layerCycles = first.layerCycles();
    for (int i = 0; i < layerCycles.length; i++) {
      layers.add(new Figures.Layer(i, compiled.ops().get(i), layerCycles[i]));
    }
    int right = correct;
    Optional<Figures.Accuracy> accuracy = inputs.labels().map(l ->
        new Figures.Accuracy(right, inputs.size()));
    Figures figures = new Figures(inputs.size(), !inputs.sampled(), outputBytes,
        sha256(outputs), sram, last.flashBytes(), first.cycles(), layers, accuracy);
    return new Measurement(path, figures, outputs, inputs, referenceRecords, mismatch, seconds,
        Optional.of(new Measurement.BoardRun(graph, compiled, first)),
        inputs.labels().map(l -> confusion));
  }

  /** Boots one board per shard; a shard of consecutive records runs on its own thread. */
  private static void runShards(List<Shard> work, java.util.function.Consumer<Shard> body) {
    if (work.size() == 1) {
      body.accept(work.get(0));
      return;
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(work.size());
    try {
      List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
      for (Shard w : work) {
        jobs.add(pool.submit(() -> body.accept(w)));
      }
      for (java.util.concurrent.Future<?> job : jobs) {
        job.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running records", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Records [from, to) on one booted board. */
  private final class Shard {
    final int from;
    final int to;
    final int[][] confusion;
    int correct;
    InferenceResult first;
    InferenceResult last;
    Optional<String> mismatch = Optional.empty();

    Shard(int from, int to, int classes) {
      this.from = from;
      this.to = to;
      this.confusion = new int[classes][classes];
    }

    void run(GoldenCase c, KernelPath path, Graph graph, CompiledModel compiled, InputSet inputs,
        byte[] outputs, int outputBytes, ReferenceCheck reference, int referenceRecords) {
      List<IoBuffer> io = compiled.code().inputs();
      try (ModelRunner runner = ModelRunner.start(compiled)) {
        for (int n = from; n < to; n++) {
          List<byte[]> record = split(inputs.records().get(n), io);
          InferenceResult r = runner.infer(record);
          first = first == null ? r : first;
          last = r;
          int at = n * outputBytes;
          for (byte[] out : r.outputs()) {
            System.arraycopy(out, 0, outputs, at, out.length);
            at += out.length;
          }
          if (inputs.labels().isPresent()) {
            int label = inputs.labels().get()[n];
            int predicted = argmax(graph, r.outputs().get(0));
            correct += predicted == label ? 1 : 0;
            if (label < confusion.length && predicted < confusion.length) {
              confusion[label][predicted]++;
            }
          }
          if (n < referenceRecords && mismatch.isEmpty()) {
            mismatch = checkReference(c, compiled, path, reference, record, r, n, inputs);
          }
        }
      }
    }
  }

  private Optional<String> checkReference(GoldenCase c, CompiledModel compiled, KernelPath path,
      ReferenceCheck reference, List<byte[]> record, InferenceResult r, int n, InputSet inputs) {
    InterpreterRun expected;
    synchronized (reference) {
      expected = reference.run(record);
    }
    Optional<LayerMismatch> bad = reference.compareOutputs(expected, r.outputs(),
        c.tolerances().floatTolerance());
    if (bad.isEmpty()) {
      return Optional.empty();
    }
    String where = "record " + n + " (input " + inputs.indexes()[n] + ")";
    Optional<LayerMismatch> layer = LayerProbe.firstBadLayer(compiled.code(), builder,
        compiled.sourceDir().resolveSibling(compiled.sourceDir().getFileName() + "-probe"),
        path, record, expected, c.tolerances().floatTolerance());
    return Optional.of(where + ": " + layer.map(l -> "first differing layer: " + l.describe())
        .orElse("graph output differs: " + bad.get().describe()));
  }

  static List<byte[]> split(byte[] record, List<IoBuffer> io) {
    List<byte[]> parts = new ArrayList<>();
    int at = 0;
    for (IoBuffer in : io) {
      parts.add(Arrays.copyOfRange(record, at, at + (int) in.bytes()));
      at += (int) in.bytes();
    }
    return parts;
  }

  /** Class of a classifier output: int8 compared signed, float32 as floats. */
  static int argmax(Graph graph, byte[] output) {
    if (graph.outputs().get(0).type() == DataType.FLOAT32) {
      float[] v = ReferenceCheck.floats(output);
      int best = 0;
      for (int i = 1; i < v.length; i++) {
        best = v[i] > v[best] ? i : best;
      }
      return best;
    }
    int best = 0;
    for (int i = 1; i < output.length; i++) {
      best = output[i] > output[best] ? i : best;
    }
    return best;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
