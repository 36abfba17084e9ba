package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.engine.patch.PatchNotApplicableException;
import org.tinysim.engine.patch.PatchStage;
import org.tinysim.engine.patch.search.CycleEstimate;
import org.tinysim.engine.patch.search.NoScheduleFitsException;
import org.tinysim.engine.patch.search.PatchCandidate;
import org.tinysim.engine.patch.search.PatchSearch;
import org.tinysim.engine.patch.search.PatchSearchResult;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
import org.tinysim.harness.inference.CompiledModel;
import org.tinysim.harness.inference.InferenceResult;
import org.tinysim.harness.inference.ModelCompiler;
import org.tinysim.harness.inference.ModelDoesNotFitException;
import org.tinysim.harness.inference.ModelRunner;
import org.tinysim.harness.report.Format;
import org.tinysim.harness.toolchain.KernelPath;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --arena-budget SIZE} (search a schedule) or {@code --patch split=K,grid=N} (force one).
 */
final class PatchOptions {

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([KM]?)(?:I?B)?", Pattern.CASE_INSENSITIVE);

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--arena-budget",
      paramLabel = "SIZE",
      description =
          "largest activation arena allowed, e.g. 64K or 65536: picks the fastest "
              + "schedule (plain, or the first ops patch by patch) that fits. It bounds the tensor "
              + "arena only, not static data, stack or heap (the measured peak SRAM is larger)")
  String budget;

  /** The old name, which suggested a bound on the whole SRAM; it still works, with a warning. */
  @Option(names = "--sram-budget", paramLabel = "SIZE", hidden = true)
  void deprecatedBudget(String size) {
    budget = size;
    command
        .commandLine()
        .getErr()
        .println(
            "tinysim: warning: --sram-budget is deprecated: it "
                + "bounds the tensor arena only; use --arena-budget");
    command.commandLine().getErr().flush();
  }

  @Option(
      names = "--patch",
      paramLabel = "split=K,grid=N",
      description = "run ops 0..K-1 patch by patch on an NxN grid of the stage output")
  String patch;

  /** Runs one schedule of the model once on the board, or says it cannot (over the SRAM). */
  interface Board {
    Optional<InferenceResult> run(CodegenOptions options);

    /**
     * Compiles {@code graph} with the given options under {@code buildRoot} and runs {@code record}
     * once; empty when the schedule does not fit the board.
     */
    static Board of(Path buildRoot, Graph graph, KernelPath path, List<byte[]> record) {
      return options -> {
        CompiledModel compiled;
        try {
          compiled = new ModelCompiler(buildRoot).compile(graph, options, path);
        } catch (ModelDoesNotFitException e) {
          return Optional.empty();
        }
        try (ModelRunner runner = ModelRunner.start(compiled)) {
          return Optional.of(runner.infer(record));
        }
      };
    }

    /** A record of zeros, for commands that have no input (the cycles barely depend on it). */
    static List<byte[]> zeros(Graph graph) {
      return graph.inputs().stream().map(t -> new byte[(int) t.sizeInBytes()]).toList();
    }
  }

  /**
   * The schedule chosen for {@code graph}: base options plus the patch stage, if any. With {@code
   * --arena-budget} or {@code --patch}, the plain schedule first runs once on {@code board} and the
   * search estimates every schedule from the per-op cycles it measured ({@link
   * CycleEstimate#measured}); when the plain schedule cannot run there, from the fitted constants.
   */
  Schedule choose(Graph graph, CodegenOptions base, Board board) {
    if (budget != null && patch != null) {
      throw new UserError("give --arena-budget or --patch, not both");
    }
    if (budget == null && patch == null) {
      return new Schedule(base, null, null, null, null, null);
    }
    long budgetBytes = budget == null ? 0 : parseSize(budget);
    PatchConfig forced;
    try {
      forced = patch == null ? null : PatchConfig.parse(patch);
    } catch (IllegalArgumentException e) {
      throw new UserError("--patch: " + e.getMessage());
    }
    // A forced patch that cannot run, or a budget nothing fits, fails before the board runs.
    check(graph, base, forced, budgetBytes);
    PreparedGraph prepared = Preparer.prepare(graph);
    Optional<InferenceResult> plainRun = board.run(base);
    Costs costs = calibrate(prepared, base, plainRun, board);
    PatchSearch search = new PatchSearch(costs.costs());
    Schedule chosen;
    if (forced != null) {
      chosen =
          new Schedule(
              base.withPatch(forced),
              search.evaluate(prepared, base, forced),
              search.evaluate(prepared, base, null),
              null,
              costs,
              null);
    } else {
      PatchSearchResult r = search.search(prepared, base, budgetBytes);
      PatchCandidate c = r.chosenOrThrow(graph.source() == null ? graph.name() : graph.source());
      chosen = new Schedule(base.withPatch(c.config()), c, r.plain(), r, costs, null);
    }
    // The plain schedule's own run is its measurement.
    return chosen.candidate().isPlain() && plainRun.isPresent()
        ? chosen.measured(plainRun.get().cycles())
        : chosen;
  }

  /** Per-op costs and what they were measured on, as the report says it. */
  record Costs(CycleEstimate.OpCosts costs, String basis) {}

  /**
   * Per-op costs from the plain run and two patched runs of the deepest stage ({@link
   * CycleEstimate#calibrated}), from as many of them as ran on the board, else fitted constants.
   */
  private static Costs calibrate(
      PreparedGraph prepared, CodegenOptions base, Optional<InferenceResult> plain, Board board) {
    Optional<Integer> split =
        new PatchSearch().calibrationSplit(prepared, base, ModelCompiler.ARENA_LIMIT_BYTES);
    if (split.isPresent()) {
      PatchConfig first = new PatchConfig(split.get(), PatchSearch.CALIBRATION_GRIDS[0]);
      PatchConfig second = new PatchConfig(split.get(), PatchSearch.CALIBRATION_GRIDS[1]);
      Optional<InferenceResult> a = board.run(base.withPatch(first));
      Optional<InferenceResult> b = board.run(base.withPatch(second));
      if (a.isPresent() && b.isPresent()) {
        PatchStage firstStage = PatchStage.of(prepared, first);
        PatchStage secondStage = PatchStage.of(prepared, second);
        String runs = "the " + first + " and " + second + " schedules";
        return plain.isPresent()
            ? new Costs(
                CycleEstimate.calibrated(
                    plain.get().layerCycles(),
                    firstStage,
                    a.get().layerCycles(),
                    secondStage,
                    b.get().layerCycles()),
                "per-op cycles measured on the board: the plain, " + runs)
            : new Costs(
                CycleEstimate.calibrated(
                    firstStage, a.get().layerCycles(), secondStage, b.get().layerCycles()),
                "per-op cycles measured on the board: "
                    + runs
                    + " (the plain schedule does not fit it)");
      }
    }
    return plain.isPresent()
        ? new Costs(
            CycleEstimate.measured(plain.get().layerCycles()),
            "per-op cycles of the plain schedule measured on the board, scaled by pixels")
        : new Costs(
            CycleEstimate.FITTED,
            "fitted per-op constants: no schedule of the search ran on the board");
  }

  private static void check(
      Graph graph, CodegenOptions base, PatchConfig forced, long budgetBytes) {
    try {
      PreparedGraph prepared = Preparer.prepare(graph);
      if (forced != null) {
        new PatchSearch().evaluate(prepared, base, forced);
      } else {
        new PatchSearch()
            .search(prepared, base, budgetBytes)
            .chosenOrThrow(graph.source() == null ? graph.name() : graph.source());
      }
    } catch (NoScheduleFitsException | PatchNotApplicableException e) {
      throw new UserError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError("--patch: " + e.getMessage());
    }
  }

  /** Bytes of {@code 64K}, {@code 64KB}, {@code 1M} or {@code 65536} (K = 1024). */
  static long parseSize(String text) {
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw new UserError(
          "--arena-budget '" + text + "' is not a size such as 64K, 320KB or " + "65536");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "K" -> n * 1024;
      case "M" -> n * 1024 * 1024;
      default -> n;
    };
  }

  /**
   * {@code patch} is null for the plain schedule; the rest appear when known. {@code estimateFrom}
   * is "board" (per-op cycles of the plain schedule measured on the board) or "fitted" (constants,
   * when the plain schedule does not fit the board); {@code measuredCycles} is the chosen
   * schedule's first inference on the board.
   */
  @JsonPropertyOrder({
    "patch",
    "plannedArena",
    "macs",
    "extraMacs",
    "estimatedCycles",
    "measuredCycles",
    "estimateFrom",
    "budget",
    "frontier"
  })
  record ScheduleJson(
      PatchJson patch,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long plannedArena,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long macs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long extraMacs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long estimatedCycles,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long measuredCycles,
      @JsonInclude(JsonInclude.Include.NON_NULL) String estimateFrom,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long budget,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<FrontierRow> frontier) {}

  @JsonPropertyOrder({"split", "grid"})
  record PatchJson(int split, int grid) {}

  @JsonPropertyOrder({"schedule", "plannedArena", "extraMacs", "estimatedCycles"})
  record FrontierRow(String schedule, long plannedArena, long extraMacs, long estimatedCycles) {}

  /**
   * @param options what to compile with
   * @param candidate the schedule's planned peak and estimates (null when no option was given)
   * @param plain the plain schedule's, for comparison (null when no option was given)
   * @param search the budgeted search (null unless --arena-budget)
   * @param costs the per-op costs behind the cycle estimates and what they were measured on
   * @param measuredCycles the schedule's cycles on the board, once it ran
   */
  record Schedule(
      CodegenOptions options,
      PatchCandidate candidate,
      PatchCandidate plain,
      PatchSearchResult search,
      Costs costs,
      Long measuredCycles) {

    /** This schedule, with the cycles its first inference took on the board. */
    Schedule measured(long cycles) {
      return new Schedule(options, candidate, plain, search, costs, cycles);
    }

    /** "cycles: estimated X (from ...), measured Y (estimate +d%)". */
    String cyclesLine() {
      String text =
          String.format(
              Locale.ROOT,
              "cycles: estimated %s (from %s)",
              Format.count(candidate.estimatedCycles()),
              costs.basis());
      return measuredCycles == null
          ? text
          : text
              + String.format(
                  Locale.ROOT,
                  ", measured %s (estimate %+.1f%%)",
                  Format.count(measuredCycles),
                  100.0 * (candidate.estimatedCycles() - measuredCycles) / measuredCycles);
    }

    String describe() {
      if (candidate == null) {
        return "schedule: plain (per layer)";
      }
      String text =
          String.format(
              "schedule: %s, planned arena %d B, %+.1f%% MACs, " + "estimated %+.1f%% cycles",
              candidate.label(),
              candidate.peakArenaBytes(),
              100.0 * candidate.extraMacs() / plain.macs(),
              100.0
                  * (candidate.estimatedCycles() - plain.estimatedCycles())
                  / plain.estimatedCycles());
      if (candidate.peakArenaBytes() >= plain.peakArenaBytes()) {
        text += String.format(" (not below the plain schedule's %d B)", plain.peakArenaBytes());
      }
      text += "\n" + cyclesLine();
      return search == null
          ? text
          : text
              + " (budget "
              + search.budgetBytes()
              + " B)\n"
              + "frontier (peak arena vs extra MACs vs estimated cycles):\n"
              + search.frontierTable();
    }

    ScheduleJson toJson() {
      PatchJson patch =
          candidate == null || candidate.isPlain()
              ? null
              : new PatchJson(candidate.config().split(), candidate.config().grid());
      List<FrontierRow> front =
          search == null
              ? null
              : search.frontier().stream()
                  .map(
                      c ->
                          new FrontierRow(
                              c.label(), c.peakArenaBytes(), c.extraMacs(), c.estimatedCycles()))
                  .toList();
      return candidate == null
          ? new ScheduleJson(
              patch,
              null,
              null,
              null,
              null,
              null,
              null,
              search == null ? null : search.budgetBytes(),
              front)
          : new ScheduleJson(
              patch,
              candidate.peakArenaBytes(),
              candidate.macs(),
              candidate.extraMacs(),
              candidate.estimatedCycles(),
              measuredCycles,
              costs.costs().source(),
              search == null ? null : search.budgetBytes(),
              front);
    }
  }
}
