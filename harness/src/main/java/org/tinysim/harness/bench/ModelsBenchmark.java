package org.tinysim.harness.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.tinysim.engine.ir.Op;
import org.tinysim.harness.golden.BaselineFile;
import org.tinysim.harness.golden.CaseRunner;
import org.tinysim.harness.golden.Figures;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.Measurement;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * Runs one record of each golden case (DSP kernels, checked against the Java reference) and renders
 * a markdown report: per model peak SRAM, arena, cycles and MAC/cycle now against the committed
 * baseline ("before"), cycles per layer class, then every layer's cycles, MAC/cycle and live arena
 * bytes.
 */
public final class ModelsBenchmark {

  /** Golden suites holding the ../shared and the bundled models. */
  public static final List<String> SUITES = List.of("shared", "bundled");

  /** One model's figures now and in its committed baseline (empty when none is blessed). */
  public record Row(GoldenCase c, Measurement now, Optional<Figures> before) {}

  private final CaseRunner runner;
  private final Consumer<String> progress;

  public ModelsBenchmark(CaseRunner runner, Consumer<String> progress) {
    this.runner = runner;
    this.progress = progress;
  }

  public List<Row> run(List<GoldenCase> cases) {
    List<Row> rows = new ArrayList<>();
    for (GoldenCase c : cases) {
      progress.accept("bench: " + c.id());
      Measurement m = runner.run(c, KernelPath.DSP, Optional.of(1));
      if (m.referenceMismatch().isPresent()) {
        throw new IllegalStateException(
            c.id() + ": board output differs from the reference: " + m.referenceMismatch().get());
      }
      Path baseline = c.baselineFile(KernelPath.DSP);
      rows.add(new Row(c, m, BaselineFile.read(baseline, baseline.toString())));
    }
    return rows;
  }

  public static String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder("# Models benchmark (DSP kernels, first record)\n\n");
    b.append(
        "Before = the committed golden baseline (`golden-tests/suites/*/*/baseline-dsp.json`)"
            + "; after = this build. Every run is checked bit-exact against the Java reference.\n\n");
    b.append(
        "| model | MACs | peak SRAM before | peak SRAM after | arena before | arena after "
            + "| cycles before | cycles after | after/before | MAC/cycle |\n");
    b.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Row r : rows) {
      Figures now = r.now().figures();
      long macs = macs(r).stream().mapToLong(Long::longValue).sum();
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %,d | %s | %,d | %s | %,d | %s | %.3f |%n",
              r.c().id(),
              macs,
              before(r, f -> f.sram().peak()),
              now.sram().peak(),
              before(r, f -> f.sram().arena()),
              now.sram().arena(),
              before(r, Figures::cycles),
              now.cycles(),
              ratio(r.before().map(Figures::cycles), now.cycles()),
              (double) macs / Math.max(1, now.cycles())));
    }
    b.append("\n## Cycles per layer class\n\n");
    b.append(
        "| model | class | layers | MACs | cycles before | cycles after | after/before "
            + "| MAC/cycle |\n|---|---|--:|--:|--:|--:|--:|--:|\n");
    for (Row r : rows) {
      Map<String, long[]> classes = new LinkedHashMap<>();
      List<Op> ops = ops(r);
      List<Long> macs = macs(r);
      for (int i = 0; i < ops.size(); i++) {
        long[] sums = classes.computeIfAbsent(layerClass(ops.get(i)), k -> new long[4]);
        sums[0]++;
        sums[1] += macs.get(i);
        sums[2] += beforeLayer(r, i).orElse(0L);
        sums[3] += r.now().figures().layers().get(i).cycles();
      }
      classes.forEach(
          (k, s) ->
              b.append(
                  String.format(
                      Locale.ROOT,
                      "| %s | %s | %d | %,d | %s | %,d | %s | %s |%n",
                      r.c().id(),
                      k,
                      s[0],
                      s[1],
                      r.before().isPresent() ? String.format(Locale.ROOT, "%,d", s[2]) : "-",
                      s[3],
                      ratio(r.before().map(f -> s[2]), s[3]),
                      s[1] == 0
                          ? "-"
                          : String.format(
                              Locale.ROOT, "%.3f", (double) s[1] / Math.max(1, s[3])))));
    }
    for (Row r : rows) {
      b.append("\n## ").append(r.c().id()).append("\n\n");
      b.append(
          "| # | op | class | MACs | cycles before | cycles after | after/before | MAC/cycle "
              + "| arena live B |\n|--:|---|---|--:|--:|--:|--:|--:|--:|\n");
      List<Op> ops = ops(r);
      List<Long> macs = macs(r);
      var arena = r.now().run().orElseThrow().compiled().code().arena();
      var perOp = arena.plan().perOpReport();
      for (int i = 0; i < ops.size(); i++) {
        long cycles = r.now().figures().layers().get(i).cycles();
        Optional<Long> was = beforeLayer(r, i);
        b.append(
            String.format(
                Locale.ROOT,
                "| %d | %s | %s | %,d | %s | %,d | %s | %s | %,d |%n",
                i,
                ops.get(i).opName(),
                layerClass(ops.get(i)),
                macs.get(i),
                was.map(v -> String.format(Locale.ROOT, "%,d", v)).orElse("-"),
                cycles,
                ratio(was, cycles),
                macs.get(i) == 0
                    ? "-"
                    : String.format(
                        Locale.ROOT, "%.3f", (double) macs.get(i) / Math.max(1, cycles)),
                i < perOp.size() ? perOp.get(i).bytesInUse() : 0));
      }
    }
    return b.toString();
  }

  /** Layer class for the report: convolutions by kernel size, the rest by kind. */
  static String layerClass(Op op) {
    if (op instanceof Op.Conv2D c) {
      int kh = c.filter().shape().dim(1);
      int kw = c.filter().shape().dim(2);
      return kh == 1 && kw == 1 ? "1x1 conv" : kh + "x" + kw + " conv";
    }
    if (op instanceof Op.DepthwiseConv2D d) {
      return d.filter().shape().dim(1) + "x" + d.filter().shape().dim(2) + " depthwise";
    }
    return op.opName();
  }

  private static List<Op> ops(Row r) {
    return r.now().run().orElseThrow().graph().ops();
  }

  private static List<Long> macs(Row r) {
    return ops(r).stream().map(Op::macs).toList();
  }

  private static Optional<Long> beforeLayer(Row r, int i) {
    return r.before()
        .flatMap(
            f ->
                f.layers().stream()
                    .filter(l -> l.index() == i)
                    .findFirst()
                    .map(Figures.Layer::cycles));
  }

  private static String before(Row r, java.util.function.ToLongFunction<Figures> f) {
    return r.before().map(x -> String.format(Locale.ROOT, "%,d", f.applyAsLong(x))).orElse("-");
  }

  private static String ratio(Optional<Long> before, long after) {
    return before
        .filter(v -> v > 0)
        .map(v -> String.format(Locale.ROOT, "%.3f", (double) after / v))
        .orElse("-");
  }
}
