package org.tinysim.harness.golden;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.engine.codegen.IoBuffer;
import org.tinysim.engine.floatnet.Trainer;
import org.tinysim.engine.ir.DataType;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.engine.models.Accuracy;
import org.tinysim.engine.oracle.interpreter.InterpreterRun;
import org.tinysim.engine.oracle.interpreter.LayerMismatch;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.report.StaticSram;
import org.tinysim.harness.toolchain.FirmwareBuilder;
import org.tinysim.harness.toolchain.KernelPath;
import org.tinysim.harness.toolchain.Toolchain;

/**
 * Runs a golden case on one kernel path: compile, boot once, feed every record through the host
 * ABI, check the first records against the Java reference (naming the first bad layer with a {@link
 * LayerProbe}), and collect the figures a baseline pins.
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
    this(
        buildRoot,
        kernels,
        Integer.getInteger("tinysim.golden.threads", Runtime.getRuntime().availableProcessors()));
  }

  /** {@code threads}: boards run in parallel for a case with many records. */
  public CaseRunner(Path buildRoot, KernelSource kernels, int threads) {
    // Modified kernels get their own tree: the model's objects and ELF live under the root.
    this.buildRoot =
        kernels.isBlessed()
            ? buildRoot.toAbsolutePath()
            : buildRoot.toAbsolutePath().resolve("custom-kernels");
    this.kernels = kernels;
    this.threads = Math.max(1, threads);
    this.builder =
        new FirmwareBuilder(Toolchain.locate(), this.buildRoot, kernels.dir().orElse(null));
    this.compiler = new ModelCompiler(builder, this.buildRoot);
  }

  public KernelSource kernels() {
    return kernels;
  }

  /** Told after every record, from the boards' threads: the case, records done, records in all. */
  public interface Progress {
    void records(String task, int done, int total);
  }

  private Progress progress = (task, done, total) -> {};

  /** Reports each record run to {@code listener} (the CLI's progress lines). */
  public CaseRunner withProgress(Progress listener) {
    this.progress = listener;
    return this;
  }

  private int probeRecords;

  /**
   * Compares every layer's output (not only the graph outputs) with the reference on the first
   * {@code records} records: a wrong kernel whose error a later op hides is still caught. One extra
   * firmware build, one boot per record.
   */
  public CaseRunner withLayerProbe(int records) {
    this.probeRecords = Math.max(0, records);
    return this;
  }

  /** {@code count} overrides the case's record count (a quick sample). */
  public Measurement run(GoldenCase c, KernelPath path, Optional<Integer> count) {
    Slice whole = measure(c, path, count, 0, 1);
    return MeasuredRecords.merge(
        c.id() + " [" + path + "]",
        path,
        Map.of("this run", whole.records()),
        Optional.of(whole.inputs()),
        Optional.of(whole.run()));
  }

  /**
   * One slice of a case's records, what a {@code golden --shard} run measures.
   *
   * @param inputs every record of the case (the slice ran some of them)
   * @param run the board run of record 0
   */
  public record Slice(MeasuredRecords records, InputSet inputs, Measurement.BoardRun run) {}

  /**
   * Runs the {@code slice}-th of {@code slices} equal ranges of the case's records (record 0 first
   * on every slice's board, see {@link MeasuredRecords}).
   */
  public Slice measure(
      GoldenCase c, KernelPath path, Optional<Integer> count, int slice, int slices) {
    Graph graph = TfliteImporter.load(c.model().path());
    PreparedGraph prepared = Preparer.prepare(graph);
    CompiledModel compiled = compiler.compile(graph, c.codegenOptions(), path);
    List<IoBuffer> io = compiled.code().inputs();
    int recordBytes = (int) io.stream().mapToLong(IoBuffer::bytes).sum();
    InputSet inputs = InputLoader.load(c.inputs(), recordBytes, count);
    int from = (int) ((long) slice * inputs.size() / slices);
    int to = (int) ((long) (slice + 1) * inputs.size() / slices);
    int outputBytes = (int) compiled.code().outputs().stream().mapToLong(IoBuffer::bytes).sum();
    byte[] outputs = new byte[(to - from) * outputBytes];
    ReferenceCheck reference = new ReferenceCheck(prepared);
    int referenceRecords = Math.min(inputs.size(), c.referenceRecords().orElse(inputs.size()));
    int classes =
        inputs
            .labels()
            .map(
                l ->
                    Math.max(
                        Arrays.stream(l).max().orElse(0) + 1,
                        (int) compiled.code().outputs().get(0).bytes()
                            / (graph.outputs().get(0).type() == DataType.FLOAT32 ? 4 : 1)))
            .orElse(0);
    int shards = Math.max(1, Math.min(threads, (to - from) / MIN_RECORDS_PER_SHARD));
    // One probe is enough: after the first mismatch, later records skip the reference.
    AtomicBoolean found = new AtomicBoolean();
    AtomicInteger recordsDone = new AtomicInteger();
    String task =
        "golden "
            + c.id()
            + " ["
            + path
            + "]"
            + (slices == 1 ? "" : " records " + from + "-" + (to - 1));
    RecordShards.Result done =
        RecordShards.run(
            compiled,
            inputs,
            from,
            to,
            shards,
            classes,
            (n, record, r) -> {
              int at = (n - from) * outputBytes;
              for (byte[] out : r.outputs()) {
                System.arraycopy(out, 0, outputs, at, out.length);
                at += out.length;
              }
              progress.records(task, recordsDone.incrementAndGet(), to - from);
              if (n >= referenceRecords || found.get()) {
                return Optional.<MeasuredRecords.Mismatch>empty();
              }
              Optional<String> bad =
                  checkReference(c, compiled, path, reference, record, r, n, inputs);
              found.compareAndSet(false, bad.isPresent());
              return bad.map(text -> new MeasuredRecords.Mismatch(n, text));
            },
            out -> argmax(graph, out));
    Optional<MeasuredRecords.Mismatch> wrongOutput = done.mismatch();
    int probed = wrongOutput.isPresent() ? 0 : Math.max(0, Math.min(probeRecords, to) - from);
    Optional<MeasuredRecords.Mismatch> wrongLayer =
        probed > 0
            ? probeLayers(c, compiled, path, reference, inputs, from, from + probed)
            : Optional.empty();
    InferenceResult first = done.first();
    InferenceResult last = done.last();
    Map<String, Long> sections = StaticSram.sections(ElfImage.load(compiled.elf()));
    long staticTotal = sections.values().stream().mapToLong(Long::longValue).sum();
    long arena = compiled.arenaBytes();
    Figures.Sram sram =
        new Figures.Sram(
            last.peakSramBytes(),
            arena,
            Math.max(0, staticTotal - arena),
            Math.max(0, last.peakSramBytes() - staticTotal));
    List<Figures.Layer> layers = new ArrayList<>();
    long[] layerCycles = first.layerCycles();
    for (int i = 0; i < layerCycles.length; i++) {
      layers.add(new Figures.Layer(i, compiled.ops().get(i), layerCycles[i]));
    }
    MeasuredRecords measured =
        new MeasuredRecords(
            from,
            to,
            inputs.size(),
            inputs.available(),
            inputs.source(),
            referenceRecords,
            outputBytes,
            first.cycles(),
            layers,
            sram,
            last.flashBytes(),
            outputs,
            Arrays.copyOfRange(inputs.indexes(), from, to),
            inputs.labels().isPresent() ? done.correct() : null,
            inputs.labels().isPresent() ? done.confusion() : null,
            wrongOutput.orElse(null),
            wrongLayer.orElse(null),
            probed,
            done.seconds());
    return new Slice(measured, inputs, new Measurement.BoardRun(graph, compiled, first));
  }

  /** The first of records [from, to) with a layer that differs, naming it. */
  private Optional<MeasuredRecords.Mismatch> probeLayers(
      GoldenCase c,
      CompiledModel compiled,
      KernelPath path,
      ReferenceCheck reference,
      InputSet inputs,
      int from,
      int to) {
    Path elf =
        LayerProbe.build(
            compiled.code(),
            builder,
            compiled.sourceDir().resolveSibling(compiled.sourceDir().getFileName() + "-probe"),
            path);
    for (int n = from; n < to; n++) {
      List<byte[]> record = split(inputs.records().get(n), compiled.code().inputs());
      Optional<LayerMismatch> bad =
          LayerProbe.firstBadLayer(
              compiled.code(), elf, record, reference.run(record), c.tolerances().floatTolerance());
      if (bad.isPresent()) {
        return Optional.of(
            new MeasuredRecords.Mismatch(
                n,
                "record "
                    + n
                    + " (input "
                    + inputs.indexes()[n]
                    + "): graph "
                    + "outputs equal, but first differing layer: "
                    + bad.get().describe()));
      }
    }
    return Optional.empty();
  }

  private Optional<String> checkReference(
      GoldenCase c,
      CompiledModel compiled,
      KernelPath path,
      ReferenceCheck reference,
      List<byte[]> record,
      InferenceResult r,
      int n,
      InputSet inputs) {
    InterpreterRun expected;
    synchronized (reference) {
      expected = reference.run(record);
    }
    Optional<LayerMismatch> bad =
        reference.compareOutputs(expected, r.outputs(), c.tolerances().floatTolerance());
    if (bad.isEmpty()) {
      return Optional.empty();
    }
    String where = "record " + n + " (input " + inputs.indexes()[n] + ")";
    Optional<LayerMismatch> layer =
        LayerProbe.firstBadLayer(
            compiled.code(),
            builder,
            compiled.sourceDir().resolveSibling(compiled.sourceDir().getFileName() + "-probe"),
            path,
            record,
            expected,
            c.tolerances().floatTolerance());
    return Optional.of(
        where
            + ": "
            + layer
                .map(l -> "first differing layer: " + l.describe())
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
    return graph.outputs().get(0).type() == DataType.FLOAT32
        ? Trainer.argmax(ReferenceCheck.floats(output))
        : Accuracy.argmax(output);
  }
}
