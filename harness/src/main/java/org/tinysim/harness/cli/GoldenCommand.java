package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.golden.CaseFormatException;
import org.tinysim.harness.golden.CaseLoader;
import org.tinysim.harness.golden.CaseRunner;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.GoldenPaths;
import org.tinysim.harness.golden.GoldenSuite;
import org.tinysim.harness.golden.KernelSource;
import org.tinysim.harness.golden.MeasuredRecords;
import org.tinysim.harness.golden.NewCase;
import org.tinysim.harness.golden.Verdict;
import org.tinysim.harness.report.DeltaTable;
import org.tinysim.harness.report.GoldenHtml;
import org.tinysim.harness.report.JunitXml;
import org.tinysim.harness.toolchain.CSourceTree;
import org.tinysim.harness.toolchain.KernelPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim golden}: runs golden cases against their blessed baselines (delta table, exit 1 on
 * a regression, JUnit XML), blesses new baselines, or checks modified kernels.
 */
@Command(
    name = "golden",
    mixinStandardHelpOptions = true,
    subcommands = GoldenMergeCommand.class,
    description =
        "Run golden suites: outputs, peak SRAM, flash, cycles and accuracy against "
            + "blessed baselines. Exit 0 all within their rules, 1 on a regression, 2 bad input.")
public final class GoldenCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--suite", paramLabel = "S", description = "only this suite")
  String suite;

  @Option(names = "--case", paramLabel = "C", description = "only this case")
  String caseName;

  @Option(names = "--bless", description = "rewrite the baselines and print what changed")
  boolean bless;

  @Option(
      names = "--bless-cycles",
      description =
          "rewrite only the cycles (total, per layer) of existing baselines from one "
              + "record each: fast re-bless after a cycle-model change")
  boolean blessCycles;

  @Option(
      names = "--kernels",
      paramLabel = "DIR",
      description = "build with this copy of kernels-cmsis/src/main/c instead of the blessed one")
  Path kernels;

  @Option(
      names = "--kernel-patch",
      paramLabel = "FILE",
      description = "build with the blessed kernels patched by this unified diff (patch -p1)")
  Path kernelPatch;

  @Option(
      names = "--probe-records",
      paramLabel = "N",
      description =
          "with --kernels/--kernel-patch: compare every layer's output with the "
              + "reference on the first N records (default: ${DEFAULT-VALUE}; 0 = graph outputs "
              + "only)",
      defaultValue = "2")
  int probeRecords;

  @Option(
      names = "--path",
      paramLabel = "DSP|PORTABLE",
      description = "only this kernel path (default: the case's paths)")
  KernelPath path;

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "write JUnit XML here")
  Path junitXml;

  @Option(
      names = "--suites-dir",
      paramLabel = "DIR",
      description =
          "suites directory (default: golden-tests/suites at or above the current " + "directory)")
  Path suitesDir;

  @Option(
      names = "--count",
      paramLabel = "N",
      description =
          "run only N records of each case (evenly spaced over a data set); accuracy "
              + "then uses the binomial rule")
  Integer count;

  @Option(
      names = "--html",
      paramLabel = "DIR",
      description =
          "write an HTML report (layers, memory timeline, checks) of every case that "
              + "did not pass into DIR")
  Path html;

  @Mixin JsonOutput json;

  @Option(
      names = "--model",
      paramLabel = "X.tflite",
      description = "with --inputs and --case: create a new case for any int8 model")
  Path model;

  @Option(
      names = "--inputs",
      paramLabel = "FILE",
      description =
          "input records for --model, read as 'infer --inputs' reads them: raw bytes "
              + "(every graph input concatenated per record), .npy (float32, uint8, int8), "
              + "PNG/JPEG or IDX, quantised per the model's input; stored as the case's inputs.bin")
  Path inputs;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "run only the I-th of N parts of the (case, kernel path, record range) "
              + "slices, for CI workers in parallel; 'golden merge' joins the shards' --json "
              + "outputs into one report and verdict")
  String shard;

  @Mixin BuildRoot buildDir;

  private ProgressReport progress;

  @Override
  public Integer call() {
    try (ProgressReport report = ProgressReport.to(spec.commandLine().getErr())) {
      progress = report;
      return execute();
    } catch (CaseFormatException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private int execute() {
    checkOptions();
    GoldenPaths paths =
        suitesDir != null ? GoldenPaths.forSuites(suitesDir) : GoldenPaths.discover(Path.of(""));
    CaseLoader loader = new CaseLoader(paths);
    // A new case's inputs are checked before anything is built or cached.
    byte[] newCaseRecords =
        model == null ? null : InputRecords.raw(inputs, ModelFiles.load(model).inputs());
    Path buildRoot = buildDir.resolve();
    KernelSource source = kernelSource(buildRoot);
    GoldenSuite golden =
        new GoldenSuite(
            loader,
            new CaseRunner(buildRoot, source)
                .withLayerProbe(source.isBlessed() ? 0 : probeRecords)
                .withProgress(
                    (task, done, total) -> progress.update(task + " records", done, total, "")));
    if (model != null) {
      return createCase(paths, loader, golden, newCaseRecords);
    }
    List<GoldenCase> cases =
        loader.discover(Optional.ofNullable(suite), Optional.ofNullable(caseName));
    if (cases.isEmpty()) {
      throw new UserError(
          "no golden cases under "
              + paths.suites()
              + (suite != null ? " in suite '" + suite + "'" : "")
              + (caseName != null ? " named '" + caseName + "'" : ""));
    }
    PrintWriter out = spec.commandLine().getOut();
    return bless || blessCycles ? bless(golden, cases, out) : check(golden, cases, source, out);
  }

  private void checkOptions() {
    if (bless && blessCycles) {
      throw new UserError("give --bless or --bless-cycles, not both");
    }
    if (blessCycles && count != null) {
      throw new UserError("--bless-cycles runs one record per case; drop --count");
    }
    if (kernels != null && kernelPatch != null) {
      throw new UserError("give --kernels DIR or --kernel-patch FILE, not both");
    }
    if (probeRecords < 0) {
      throw new UserError("--probe-records must be >= 0");
    }
    if (count != null && count < 1) {
      throw new UserError("--count must be >= 1");
    }
    if (shard != null) {
      GoldenShard.parse(shard);
      if (bless || blessCycles || model != null) {
        throw new UserError("--shard splits a check run; bless without it");
      }
      if (junitXml != null || html != null) {
        throw new UserError(
            "a shard measures part of the records, not a verdict: give --junit-xml/--html"
                + " to 'golden merge'");
      }
    }
    if ((model == null) != (inputs == null)) {
      throw new UserError("--model and --inputs go together (they create a new case)");
    }
    if (model != null && caseName == null) {
      throw new UserError("--model needs --case NAME for the new case's directory");
    }
    if (model != null && !bless) {
      throw new UserError(
          "--model creates a new case, which needs --bless to record its "
              + "baseline; nothing was written");
    }
  }

  /**
   * Stages the new case from its records (read as {@code infer} reads them), blesses it there and
   * moves it into the suite only if that worked.
   */
  private int createCase(GoldenPaths paths, CaseLoader loader, GoldenSuite golden, byte[] records) {
    PrintWriter out = spec.commandLine().getOut();
    try (NewCase staged =
        NewCase.stage(paths, suite == null ? "user" : suite, caseName, model, records)) {
      int code = bless(golden, List.of(loader.load(staged.caseDir())), out);
      out.println("created " + staged.publish());
      out.flush();
      return code;
    }
  }

  private KernelSource kernelSource(Path buildRoot) {
    if (kernels != null) {
      return KernelSource.directory(kernels);
    }
    if (kernelPatch != null) {
      return KernelSource.patched(
          kernelPatch,
          CSourceTree.locate(buildRoot.resolve("src")),
          buildRoot.resolve("patched-kernels"));
    }
    return KernelSource.blessed();
  }

  private List<KernelPath> paths(GoldenCase c) {
    return path == null
        ? c.kernelPaths()
        : c.kernelPaths().contains(path) ? List.of(path) : List.of();
  }

  private int check(
      GoldenSuite golden, List<GoldenCase> cases, KernelSource source, PrintWriter out) {
    long start = System.nanoTime();
    List<Verdict> verdicts = new ArrayList<>();
    if (!json.requested) {
      out.println(
          "golden: "
              + source.label()
              + (source.isBlessed()
                  ? "; cycles band per case, SRAM/flash exact, outputs exact"
                  : (probeRecords > 0
                          ? "; every layer vs the reference on the first "
                              + probeRecords
                              + " records"
                          : "; graph outputs only")
                      + "; flash, peak SRAM and cycles reported "
                      + "against the baseline (over a board limit or slower beyond the band fails)"));
      out.flush();
    }
    List<GoldenShard.Unit> units = GoldenShard.units(cases, this::paths);
    if (shard != null) {
      return shard(golden, GoldenShard.parse(shard), units, out, start);
    }
    for (GoldenShard.Unit u : units) {
      Verdict v = golden.check(u.goldenCase(), u.path(), Optional.ofNullable(count));
      verdicts.add(v);
      if (!json.requested) {
        out.print(DeltaTable.render(v));
      }
      if (html != null && v.failed()) {
        GoldenHtml.write(v, html)
            .ifPresent(
                f -> {
                  if (!json.requested) {
                    out.println("  report: " + f);
                  }
                });
      }
      out.flush();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (junitXml != null) {
      write(junitXml, JunitXml.write("golden", verdicts, seconds));
    }
    if (json.requested) {
      out.println(Json.compact(GoldenRunJson.of(verdicts, seconds)));
    } else {
      out.print(DeltaTable.summary(verdicts, seconds));
    }
    out.flush();
    return verdicts.stream().anyMatch(Verdict::failed) ? 1 : 0;
  }

  /**
   * Measures this shard's slices. Exit 1 when a slice could not run or differs from the reference
   * (the merge will fail it), else 0: the verdict is the merge's.
   */
  private int shard(
      GoldenSuite golden,
      GoldenShard part,
      List<GoldenShard.Unit> units,
      PrintWriter out,
      long start) {
    List<GoldenShard.Item> items =
        part.select(part.items(units, u -> plannedRecords(u.goldenCase(), u.path())));
    List<GoldenShardJson.Part> parts = new ArrayList<>();
    for (GoldenShard.Item it : items) {
      GoldenCase c = it.unit().goldenCase();
      KernelPath p = it.unit().path();
      GoldenShardJson.Part done;
      Optional<String> skip = c.skipReason();
      if (skip.isPresent()) {
        done = part(it, GoldenShardJson.SKIPPED, skip.get(), null);
      } else {
        try {
          MeasuredRecords m =
              golden.measure(c, p, Optional.ofNullable(count), it.slice(), it.slices()).records();
          done = part(it, GoldenShardJson.MEASURED, "", m);
        } catch (RuntimeException e) {
          done = part(it, GoldenShardJson.ERROR, GoldenSuite.failure(e), null);
        }
      }
      parts.add(done);
      if (!json.requested) {
        out.println(describe(c, p, done));
        out.flush();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json.requested) {
      out.println(
          Json.compact(new GoldenShardJson(part.text(), golden.kernelChange(), seconds, parts)));
    } else {
      out.printf(
          Locale.ROOT,
          "golden shard %s: %d slices in %.1f s; 'golden merge' of every shard's --json gives"
              + " the verdict%n",
          part.text(),
          parts.size(),
          seconds);
    }
    out.flush();
    return parts.stream()
            .anyMatch(
                d ->
                    d.status().equals(GoldenShardJson.ERROR)
                        || (d.measured() != null
                            && (d.measured().outputMismatch() != null
                                || d.measured().layerMismatch() != null)))
        ? 1
        : 0;
  }

  /** A unit's record count for slicing; 0 (one slice) when it cannot be known before running. */
  private int plannedRecords(GoldenCase c, KernelPath p) {
    if (c.skipReason().isPresent()) {
      return 0;
    }
    try {
      return GoldenSuite.plannedRecords(c, p, Optional.ofNullable(count));
    } catch (RuntimeException e) {
      return 0; // the slice's run reports the cause
    }
  }

  private static GoldenShardJson.Part part(
      GoldenShard.Item it, String status, String message, MeasuredRecords m) {
    return new GoldenShardJson.Part(
        it.unit().goldenCase().id(),
        it.unit().path().name(),
        it.unit().number(),
        it.slice(),
        it.slices(),
        status,
        message,
        m);
  }

  private static String describe(GoldenCase c, KernelPath p, GoldenShardJson.Part d) {
    String head = c.id() + " [" + p + "]";
    MeasuredRecords m = d.measured();
    if (m == null) {
      return head + "  " + d.status() + "  " + d.message();
    }
    String reference =
        m.outputMismatch() != null
            ? "differs from the reference: " + m.outputMismatch().text()
            : m.layerMismatch() != null
                ? "a layer differs from the reference: " + m.layerMismatch().text()
                : "reference equal";
    return String.format(
        Locale.ROOT,
        "%s  records %d-%d of %d measured (%s%s)",
        head,
        m.from(),
        m.to() - 1,
        m.records(),
        m.correct() == null ? "" : m.correct() + "/" + (m.to() - m.from()) + " correct, ",
        reference);
  }

  private int bless(GoldenSuite golden, List<GoldenCase> cases, PrintWriter out) {
    for (GoldenCase c : cases) {
      for (KernelPath p : paths(c)) {
        GoldenSuite.Blessing b =
            blessCycles ? golden.blessCycles(c, p) : golden.bless(c, p, Optional.ofNullable(count));
        out.println(
            (blessCycles ? "blessed cycles of " : "blessed ")
                + c.id()
                + " ["
                + p
                + "]"
                + (b.changes().isEmpty() ? ": unchanged" : ":"));
        for (String change : b.changes()) {
          out.println("  " + change);
        }
        out.flush();
      }
    }
    return 0;
  }

  private static void write(Path file, String text) {
    try {
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
