package org.tinysim.harness.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.tinysim.engine.files.TextFiles;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.golden.CaseFormatException;
import org.tinysim.harness.golden.CaseLoader;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.GoldenPaths;
import org.tinysim.harness.golden.GoldenSuite;
import org.tinysim.harness.golden.MeasuredRecords;
import org.tinysim.harness.golden.Measurement;
import org.tinysim.harness.golden.Verdict;
import org.tinysim.harness.report.DeltaTable;
import org.tinysim.harness.report.JunitXml;
import org.tinysim.harness.toolchain.KernelPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim golden merge}: the {@code --json} outputs of the N {@code golden --shard I/N} runs
 * as one report and one verdict. The slices of each (case, kernel path) are joined into one
 * measurement ({@link MeasuredRecords#merge}: outputs, accuracy counts, confusion; the figures
 * every slice pins must agree) and compared with the baseline by the same code as a single run, so
 * the report, the JSON and the JUnit XML are those of {@code golden} without {@code --shard}.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description =
        "Merge the --json outputs of 'golden --shard I/N' runs into one report and verdict "
            + "(the same as one unsharded run). Exit 0 all within their rules, 1 on a regression, "
            + "2 when a shard is missing, repeated, from another split, or disagrees with another "
            + "on a figure every shard measures (flash, SRAM, record 0's cycles).")
public final class GoldenMergeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHARD.json",
      arity = "1..*",
      description = "the shards' 'golden --shard I/N --json' outputs, in any order")
  List<Path> shards;

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "write JUnit XML here")
  Path junitXml;

  @Option(
      names = "--suites-dir",
      paramLabel = "DIR",
      description =
          "suites directory with the baselines (default: golden-tests/suites at or above the "
              + "current directory)")
  Path suitesDir;

  @Mixin JsonOutput json;

  /** One slice and the shard ("I/N") that measured it. */
  private record Slice(String shard, GoldenShardJson.Part part) {}

  @Override
  public Integer call() {
    if (junitXml != null) {
      OutputFiles.refuseOverInput("--junit-xml", junitXml, shards.toArray(Path[]::new));
    }
    Map<Integer, Path> seen = new TreeMap<>();
    Integer parts = null;
    Boolean kernelChange = null;
    double seconds = 0;
    Map<Integer, List<Slice>> units = new TreeMap<>();
    for (Path file : shards) {
      String shown = file.toString();
      String text = TextFiles.read(file, "shard", UserError::new);
      // A whole run's --json (or any other file) is named as such, not by its first bad field.
      if (!(Json.parse(text, shown, UserError::new) instanceof Map<?, ?> root)
          || !root.containsKey("shard")
          || !root.containsKey("parts")) {
        throw new UserError(
            shown
                + " is not the --json output of 'golden --shard I/N' (it has no \"shard\" and"
                + " \"parts\")");
      }
      GoldenShardJson run =
          Json.read(
              text,
              GoldenShardJson.class,
              shown + " (the --json output of 'golden --shard I/N')",
              UserError::new);
      GoldenShard s = GoldenShard.parse(run.shard());
      if (parts != null && parts != s.count()) {
        throw new UserError(
            shown + " is shard " + run.shard() + " but the others split into " + parts);
      }
      parts = s.count();
      if (kernelChange != null && kernelChange != run.kernelChange()) {
        throw new UserError(
            shown
                + " ran "
                + (run.kernelChange() ? "modified" : "the blessed")
                + " kernels, "
                + "the other shards did not");
      }
      kernelChange = run.kernelChange();
      Path before = seen.put(s.index(), file);
      if (before != null) {
        throw new UserError("shard " + run.shard() + " given twice: " + before + " and " + file);
      }
      seconds = Math.max(seconds, run.seconds());
      for (GoldenShardJson.Part p : run.parts()) {
        units.computeIfAbsent(p.unit(), u -> new ArrayList<>()).add(new Slice(run.shard(), p));
      }
    }
    if (seen.size() != parts) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 1; i <= parts; i++) {
        if (!seen.containsKey(i)) {
          missing.add(i);
        }
      }
      throw new UserError("missing shard(s) " + missing + " of " + parts);
    }
    GoldenPaths paths =
        suitesDir != null ? GoldenPaths.forSuites(suitesDir) : GoldenPaths.discover(Path.of(""));
    CaseLoader loader = new CaseLoader(paths);
    List<Verdict> verdicts = new ArrayList<>();
    try {
      for (List<Slice> unit : units.values()) {
        verdicts.add(verdict(loader, unit, kernelChange));
      }
    } catch (CaseFormatException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (junitXml != null) {
      OutputFiles.writeAtomically(
          junitXml, JunitXml.write("golden", verdicts, seconds).getBytes(StandardCharsets.UTF_8));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.requested) {
      out.println(Json.compact(GoldenRunJson.of(verdicts, seconds)));
    } else {
      verdicts.forEach(v -> out.print(DeltaTable.render(v)));
      out.print(DeltaTable.summary(verdicts, seconds));
    }
    out.flush();
    return verdicts.stream().anyMatch(Verdict::failed) ? 1 : 0;
  }

  /** One unit's slices as the verdict an unsharded run gives. */
  private static Verdict verdict(CaseLoader loader, List<Slice> slices, boolean kernelChange) {
    GoldenShardJson.Part head = slices.get(0).part();
    String title = head.id() + " [" + head.kernelPath() + "]";
    KernelPath path;
    try {
      path = KernelPath.valueOf(head.kernelPath());
    } catch (IllegalArgumentException e) {
      throw new UserError(title + ": unknown kernel path '" + head.kernelPath() + "'", e);
    }
    Map<Integer, Slice> bySlice = new TreeMap<>();
    for (Slice s : slices) {
      GoldenShardJson.Part p = s.part();
      if (!p.id().equals(head.id())
          || !p.kernelPath().equals(head.kernelPath())
          || p.slices() != head.slices()) {
        throw new UserError(
            "shards "
                + slices.get(0).shard()
                + " and "
                + s.shard()
                + " split the run differently (unit "
                + head.unit()
                + " is "
                + title
                + " in "
                + head.slices()
                + " slices vs "
                + p.id()
                + " ["
                + p.kernelPath()
                + "] in "
                + p.slices()
                + "): run every shard on the same suites and options");
      }
      Slice before = bySlice.put(p.slice(), s);
      if (before != null) {
        throw new UserError(
            title
                + ": slice "
                + (p.slice() + 1)
                + " measured by both shards "
                + before.shard()
                + " and "
                + s.shard());
      }
    }
    for (int i = 0; i < head.slices(); i++) {
      if (!bySlice.containsKey(i)) {
        throw new UserError(
            title + ": slice " + (i + 1) + " of " + head.slices() + " is in none of the shards");
      }
    }
    GoldenCase c = find(loader, head.id(), slices.get(0).shard());
    for (Slice s : bySlice.values()) {
      if (s.part().status().equals(GoldenShardJson.ERROR)) {
        return Verdict.error(c, path, s.part().message());
      }
    }
    for (Slice s : bySlice.values()) {
      if (s.part().status().equals(GoldenShardJson.SKIPPED)) {
        return Verdict.skipped(c, path, s.part().message());
      }
    }
    Map<String, MeasuredRecords> measured = new LinkedHashMap<>();
    for (Slice s : bySlice.values()) {
      if (s.part().measured() == null) {
        throw new UserError(
            "shard "
                + s.shard()
                + ": "
                + title
                + " has status "
                + s.part().status()
                + " but no measurement");
      }
      measured.put(s.shard(), s.part().measured());
    }
    Measurement m =
        MeasuredRecords.merge(title, path, measured, Optional.empty(), Optional.empty());
    return GoldenSuite.judge(loader, c, m, kernelChange);
  }

  private static GoldenCase find(CaseLoader loader, String id, String shard) {
    int cut = id.indexOf('/');
    List<GoldenCase> found =
        cut < 0
            ? List.of()
            : loader.discover(
                Optional.of(id.substring(0, cut)), Optional.of(id.substring(cut + 1)));
    return found.stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new UserError(
                    "case "
                        + id
                        + " (shard "
                        + shard
                        + ") is not under "
                        + loader.paths().suites()
                        + ": merge where the shards' suites are (--suites-dir)"));
  }
}
