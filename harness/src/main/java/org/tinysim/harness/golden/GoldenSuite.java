package org.tinysim.harness.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.ir.TfliteImporter;
import org.tinysim.harness.toolchain.KernelPath;

/** Checks cases against their baselines, or blesses new baselines. */
public final class GoldenSuite {

  private final CaseLoader loader;
  private final CaseRunner runner;

  public GoldenSuite(CaseLoader loader, CaseRunner runner) {
    this.loader = loader;
    this.runner = runner;
  }

  /** Runs and compares; failures to run become ERROR verdicts naming the cause. */
  public Verdict check(GoldenCase c, KernelPath path, Optional<Integer> count) {
    Optional<String> skip = c.skipReason();
    if (skip.isPresent()) {
      return Verdict.skipped(c, path, skip.get());
    }
    Measurement m;
    try {
      m = runner.run(c, path, c.count(path, count));
    } catch (RuntimeException e) {
      return Verdict.error(c, path, failure(e));
    }
    return judge(loader, c, m, !runner.kernels().isBlessed());
  }

  /**
   * Compares a measurement (of one run, or merged from shards) with the case's baseline.
   *
   * @param kernelChange the measurement used modified kernels (see {@link Comparison})
   */
  public static Verdict judge(
      CaseLoader loader, GoldenCase c, Measurement m, boolean kernelChange) {
    KernelPath path = m.path();
    try {
      Optional<Figures> baseline =
          BaselineFile.read(c.baselineFile(path), loader.display(c.baselineFile(path)));
      Optional<byte[]> blessed =
          Files.isRegularFile(c.outputsFile(path))
              ? Optional.of(Files.readAllBytes(c.outputsFile(path)))
              : Optional.empty();
      return Comparison.compare(c, m, baseline, blessed, kernelChange);
    } catch (IOException e) {
      return Verdict.error(c, path, "cannot read " + c.outputsFile(path) + ": " + e.getMessage());
    } catch (RuntimeException e) {
      return Verdict.error(c, path, failure(e));
    }
  }

  /** Why a case could not run, as its ERROR verdict says it. */
  public static String failure(RuntimeException e) {
    return e instanceof CaseFormatException
        ? e.getMessage()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The {@code slice}-th of {@code slices} ranges of the case's records (a shard's part). */
  public CaseRunner.Slice measure(
      GoldenCase c, KernelPath path, Optional<Integer> count, int slice, int slices) {
    return runner.measure(c, path, c.count(path, count), slice, slices);
  }

  /** Whether this suite's runner uses modified kernels. */
  public boolean kernelChange() {
    return !runner.kernels().isBlessed();
  }

  /**
   * How many records the case runs on {@code path}, known before compiling (from the count, the
   * data set's header or the raw file's size and the model's input size): how a sharded run splits
   * the case.
   */
  public static int plannedRecords(GoldenCase c, KernelPath path, Optional<Integer> count) {
    return InputLoader.size(
        c.inputs(),
        () ->
            (int)
                TfliteImporter.load(c.model().path()).inputs().stream()
                    .mapToLong(Tensor::sizeInBytes)
                    .sum(),
        c.count(path, count));
  }

  /**
   * Runs with the blessed kernels and rewrites the baseline and outputs file.
   *
   * @return what changed, one line per changed baseline line ("new baseline" when none existed)
   */
  public Blessing bless(GoldenCase c, KernelPath path, Optional<Integer> count) {
    if (!runner.kernels().isBlessed()) {
      throw new CaseFormatException(
          "--bless records the blessed kernels; drop --kernels / "
              + "--kernel-patch (or bless from a tree where the change is committed)");
    }
    Optional<String> skip = c.skipReason();
    if (skip.isPresent()) {
      return new Blessing(c, path, true, List.of("skipped: " + skip.get()), Optional.empty());
    }
    Measurement m = runner.run(c, path, c.count(path, count));
    if (m.referenceMismatch().isPresent()) {
      throw new CaseFormatException(
          c.id()
              + " ["
              + path
              + "]: will not bless outputs that differ"
              + " from the Java int8 reference: "
              + m.referenceMismatch().get());
    }
    Path file = c.baselineFile(path);
    String text = BaselineFile.write(path, m.figures());
    try {
      List<String> changes =
          Files.isRegularFile(file)
              ? lineChanges(Files.readString(file), text)
              : List.of("new baseline");
      Files.writeString(file, text);
      Files.write(c.outputsFile(path), m.outputs());
      return new Blessing(c, path, false, changes, Optional.of(m));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Re-blesses only the cycles (total and per layer) from one record, keeping the rest of the
   * baseline: after a cycle-model change, without re-running thousands of records.
   */
  public Blessing blessCycles(GoldenCase c, KernelPath path) {
    if (!runner.kernels().isBlessed()) {
      throw new CaseFormatException(
          "--bless-cycles records the blessed kernels; drop --kernels " + "/ --kernel-patch");
    }
    Optional<String> skip = c.skipReason();
    if (skip.isPresent()) {
      return new Blessing(c, path, true, List.of("skipped: " + skip.get()), Optional.empty());
    }
    Path file = c.baselineFile(path);
    Figures old =
        BaselineFile.read(file, loader.display(file))
            .orElseThrow(
                () ->
                    new CaseFormatException(
                        c.id()
                            + " ["
                            + path
                            + "]: no baseline to update the cycles of;"
                            + " run --bless first"));
    Measurement m = runner.run(c, path, Optional.of(1));
    if (m.referenceMismatch().isPresent()) {
      throw new CaseFormatException(
          c.id()
              + " ["
              + path
              + "]: will not bless: the output "
              + "differs from the Java int8 reference: "
              + m.referenceMismatch().get());
    }
    Figures updated =
        new Figures(
            old.records(),
            old.fullSource(),
            old.recordBytes(),
            old.outputsSha256(),
            old.sram(),
            old.flash(),
            m.figures().cycles(),
            m.figures().layers(),
            old.accuracy());
    String before = BaselineFile.write(path, old);
    String after = BaselineFile.write(path, updated);
    try {
      Files.writeString(file, after);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new Blessing(c, path, false, lineChanges(before, after), Optional.of(m));
  }

  /**
   * The result of blessing one case on one path.
   *
   * @param changes changed baseline lines as "field: old -> new"
   */
  public record Blessing(
      GoldenCase goldenCase,
      KernelPath path,
      boolean skipped,
      List<String> changes,
      Optional<Measurement> measurement) {}

  /** Baselines have one number per line, so same-shaped files compare line by line. */
  static List<String> lineChanges(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    if (a.equals(b)) {
      return List.of();
    }
    if (a.size() != b.size()) {
      return List.of(
          "baseline rewritten (" + a.size() + " -> " + b.size() + " lines; see git " + "diff)");
    }
    List<String> out = new ArrayList<>();
    String section = "";
    for (int i = 0; i < a.size(); i++) {
      String line = b.get(i).strip();
      if (line.endsWith("{") && line.contains(":")) {
        section = line.substring(0, line.indexOf(':')).replace("\"", "") + ".";
      }
      if (!a.get(i).equals(b.get(i))) {
        out.add(
            section + a.get(i).strip().replaceAll(",$", "") + "  ->  " + line.replaceAll(",$", ""));
      }
    }
    return out;
  }
}
