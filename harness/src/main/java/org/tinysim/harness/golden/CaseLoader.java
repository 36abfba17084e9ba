package org.tinysim.harness.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tinysim.engine.json.Json;
import org.tinysim.harness.golden.GoldenPaths.FileRef;
import org.tinysim.harness.golden.InputSpec.Preprocess;
import org.tinysim.harness.toolchain.KernelPath;

/** Finds case directories and reads their case.json, with errors naming the file and field. */
public final class CaseLoader {

  public static final String CASE_FILE = "case.json";

  private static final Set<String> CASE_KEYS =
      Set.of(
          "description",
          "model",
          "inputs",
          "kernelPaths",
          "options",
          "tolerances",
          "referenceRecords",
          "countPerPath");
  private static final Set<String> TOLERANCE_KEYS =
      Set.of("cyclesPercent", "sramLimit", "flashLimit", "accuracyConfidence", "floatTolerance");

  private final GoldenPaths paths;

  public CaseLoader(GoldenPaths paths) {
    this.paths = paths;
  }

  public GoldenPaths paths() {
    return paths;
  }

  /** Every case of every suite, sorted by suite then case; {@code suite}/{@code name} filter. */
  public List<GoldenCase> discover(Optional<String> suite, Optional<String> name) {
    List<GoldenCase> cases = new ArrayList<>();
    for (Path suiteDir : subdirectories(paths.suites())) {
      String suiteName = suiteDir.getFileName().toString();
      if (suite.isPresent() && !suite.get().equals(suiteName)) {
        continue;
      }
      for (Path caseDir : subdirectories(suiteDir)) {
        if (Files.isRegularFile(caseDir.resolve(CASE_FILE))
            && (name.isEmpty() || name.get().equals(caseDir.getFileName().toString()))) {
          cases.add(load(caseDir));
        }
      }
    }
    return cases;
  }

  /** Reads {@code caseDir/case.json}; the suite is the parent directory's name. */
  public GoldenCase load(Path caseDir) {
    Path file = caseDir.resolve(CASE_FILE);
    String shown = display(file);
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CaseFormatException("cannot read " + shown + ": " + e.getMessage(), e);
    }
    JsonFields json = JsonFields.root(Json.parse(text, shown, CaseFormatException::new), shown);
    json.onlyKeys(CASE_KEYS);
    FileRef model = paths.resolve(json.string("model"), paths.repoRoot());
    if (!model.shared() && !model.exists()) {
      throw json.error("model", "no file " + model.path());
    }
    InputSpec inputs = inputs(json.object("inputs"), caseDir);
    List<KernelPath> kernelPaths = kernelPaths(json);
    Map<String, Object> options = json.optObject("options").map(JsonFields::raw).orElse(Map.of());
    checkOptions(json);
    Tolerances tolerances = tolerances(json);
    Optional<Integer> reference =
        json.has("referenceRecords") ? json.count("referenceRecords") : Optional.of(100);
    return new GoldenCase(
        caseDir.getParent().getFileName().toString(),
        caseDir.getFileName().toString(),
        caseDir,
        json.optString("description").orElse(""),
        model,
        inputs,
        kernelPaths,
        options,
        tolerances,
        reference,
        countPerPath(json));
  }

  private InputSpec inputs(JsonFields in, Path caseDir) {
    in.onlyKeys(Set.of("file", "count", "labels", "preprocess", "generated", "dataset"));
    int kinds =
        (in.has("file") ? 1 : 0) + (in.has("generated") ? 1 : 0) + (in.has("dataset") ? 1 : 0);
    if (kinds != 1) {
      throw new CaseFormatException(
          in.file()
              + ": field 'inputs': give exactly one of "
              + "\"file\", \"generated\" or \"dataset\"");
    }
    if (in.has("file")) {
      List<FileRef> files = new ArrayList<>();
      if (in.raw().get("file") instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof String s)) {
            throw in.error("file", "item " + i + " is not a path string");
          }
          files.add(existing(in, "file", s, caseDir));
        }
        if (files.isEmpty()) {
          throw in.error("file", "is an empty list");
        }
      } else {
        files.add(existing(in, "file", in.string("file"), caseDir));
      }
      return new InputSpec.RawFile(
          files, in.count("count"), labels(in, caseDir), preprocess(in, Preprocess.RAW));
    }
    if (in.has("generated")) {
      JsonFields g = in.object("generated");
      g.onlyKeys(Set.of("seed", "count", "preprocess"));
      long count = g.integer("count");
      if (count < 1 || count > 100_000) {
        throw g.error("count", "expected 1..100000, got " + count);
      }
      return new InputSpec.Generated(g.integer("seed"), (int) count, preprocess(g, Preprocess.RAW));
    }
    JsonFields d = in.object("dataset");
    d.onlyKeys(Set.of("images", "labels", "preprocess", "count"));
    return new InputSpec.DataSet(
        existing(d, "images", d.string("images"), caseDir),
        existing(d, "labels", d.string("labels"), caseDir),
        preprocess(d, null),
        d.count("count"));
  }

  private Optional<InputSpec.Labels> labels(JsonFields in, Path caseDir) {
    if (!in.has("labels")) {
      return Optional.empty();
    }
    if (in.raw().get("labels") instanceof List<?> list) {
      int[] values = new int[list.size()];
      for (int i = 0; i < values.length; i++) {
        if (!(list.get(i) instanceof Long l)) {
          throw in.error("labels", "item " + i + " is not an integer class index");
        }
        values[i] = (int) (long) l;
      }
      return Optional.of(new InputSpec.Labels(Optional.empty(), 0, values));
    }
    JsonFields l = in.object("labels");
    l.onlyKeys(Set.of("file", "column"));
    return Optional.of(
        new InputSpec.Labels(
            Optional.of(existing(l, "file", l.string("file"), caseDir)),
            (int) l.integer("column", 1),
            new int[0]));
  }

  private static Preprocess preprocess(JsonFields json, Preprocess fallback) {
    if (!json.has("preprocess") && fallback != null) {
      return fallback;
    }
    String rule = json.string("preprocess");
    return Preprocess.parse(rule)
        .orElseThrow(
            () ->
                json.error(
                    "preprocess",
                    "unknown rule '" + rule + "' (known: " + Preprocess.known() + ")"));
  }

  /** A referenced file; must exist unless it is under ../shared (then the case skips). */
  private FileRef existing(JsonFields json, String field, String text, Path base) {
    FileRef ref = paths.resolve(text, base);
    if (!ref.shared() && !ref.exists()) {
      throw json.error(field, "no file " + ref.path());
    }
    return ref;
  }

  private static List<KernelPath> kernelPaths(JsonFields json) {
    if (!json.has("kernelPaths")) {
      return List.of(KernelPath.DSP, KernelPath.PORTABLE);
    }
    List<KernelPath> out = new ArrayList<>();
    for (Object o : json.list("kernelPaths")) {
      try {
        out.add(KernelPath.valueOf(String.valueOf(o)));
      } catch (IllegalArgumentException e) {
        throw json.error(
            "kernelPaths", "unknown kernel path '" + o + "' (expected DSP or " + "PORTABLE)");
      }
    }
    if (out.isEmpty()) {
      throw json.error("kernelPaths", "is empty");
    }
    return out;
  }

  private static Map<KernelPath, Integer> countPerPath(JsonFields json) {
    if (!json.has("countPerPath")) {
      return Map.of();
    }
    JsonFields counts = json.object("countPerPath");
    Map<KernelPath, Integer> out = new java.util.EnumMap<>(KernelPath.class);
    for (String key : counts.raw().keySet()) {
      KernelPath path;
      try {
        path = KernelPath.valueOf(key);
      } catch (IllegalArgumentException e) {
        throw counts.error(key, "unknown kernel path (expected DSP or PORTABLE)");
      }
      counts.count(key).ifPresent(n -> out.put(path, n));
    }
    return out;
  }

  private static void checkOptions(JsonFields json) {
    if (!json.has("options")) {
      return;
    }
    JsonFields o = json.object("options");
    String planner = o.optString("planner").orElse("greedy");
    if (!planner.equals("greedy") && !planner.equals("linear")) {
      throw o.error("planner", "unknown planner '" + planner + "' (expected greedy or linear)");
    }
    o.bool("inPlace", false);
  }

  private static Tolerances tolerances(JsonFields json) {
    Tolerances d = Tolerances.defaults();
    if (!json.has("tolerances")) {
      return d;
    }
    JsonFields t = json.object("tolerances");
    t.onlyKeys(TOLERANCE_KEYS);
    double band = t.number("cyclesPercent", d.cyclesPercent());
    if (band < 0) {
      throw t.error("cyclesPercent", "must be >= 0, got " + band);
    }
    double confidence = t.number("accuracyConfidence", d.accuracyConfidence());
    if (confidence <= 0 || confidence >= 1) {
      throw t.error("accuracyConfidence", "must be between 0 and 1, got " + confidence);
    }
    return new Tolerances(
        band,
        t.integer("sramLimit", d.sramLimit()),
        t.integer("flashLimit", d.flashLimit()),
        confidence,
        t.number("floatTolerance", d.floatTolerance()));
  }

  /** A path relative to the repository when inside it: short and stable in messages. */
  String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(paths.repoRoot())
        ? paths.repoRoot().relativize(abs).toString()
        : abs.toString();
  }

  private static List<Path> subdirectories(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      // Names starting with a dot are staging areas (NewCase) or tool folders, not suites.
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
