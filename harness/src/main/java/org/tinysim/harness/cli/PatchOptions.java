package org.tinysim.harness.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.engine.codegen.CodegenOptions;
import org.tinysim.engine.ir.Graph;
import org.tinysim.engine.patch.PatchConfig;
import org.tinysim.engine.patch.PatchNotApplicableException;
import org.tinysim.engine.patch.search.NoScheduleFitsException;
import org.tinysim.engine.patch.search.PatchCandidate;
import org.tinysim.engine.patch.search.PatchSearch;
import org.tinysim.engine.patch.search.PatchSearchResult;
import org.tinysim.engine.prepare.PreparedGraph;
import org.tinysim.engine.prepare.Preparer;
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

  /** The schedule chosen for {@code graph}: base options plus the patch stage, if any. */
  Schedule choose(Graph graph, CodegenOptions base) {
    if (budget != null && patch != null) {
      throw new UserError("give --arena-budget or --patch, not both");
    }
    try {
      PreparedGraph prepared = Preparer.prepare(graph);
      if (patch != null) {
        PatchConfig config = PatchConfig.parse(patch);
        PatchSearch search = new PatchSearch();
        return new Schedule(
            base.withPatch(config),
            search.evaluate(prepared, base, config),
            search.evaluate(prepared, base, null),
            null);
      }
      if (budget != null) {
        PatchSearchResult r = new PatchSearch().search(prepared, base, parseSize(budget));
        PatchCandidate c = r.chosenOrThrow(graph.source() == null ? graph.name() : graph.source());
        return new Schedule(base.withPatch(c.config()), c, r.plain(), r);
      }
      return new Schedule(base, null, null, null);
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
   * @param options what to compile with
   * @param candidate the schedule's planned peak and estimates (null when no option was given)
   * @param plain the plain schedule's, for comparison (null when no option was given)
   * @param search the budgeted search (null unless --arena-budget)
   */
  /** {@code patch} is null for the plain schedule; the rest appear when known. */
  @JsonPropertyOrder({
    "patch",
    "plannedArena",
    "macs",
    "extraMacs",
    "estimatedCycles",
    "budget",
    "frontier"
  })
  record ScheduleJson(
      PatchJson patch,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long plannedArena,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long macs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long extraMacs,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long estimatedCycles,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long budget,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<FrontierRow> frontier) {}

  @JsonPropertyOrder({"split", "grid"})
  record PatchJson(int split, int grid) {}

  @JsonPropertyOrder({"schedule", "plannedArena", "extraMacs", "estimatedCycles"})
  record FrontierRow(String schedule, long plannedArena, long extraMacs, long estimatedCycles) {}

  record Schedule(
      CodegenOptions options,
      PatchCandidate candidate,
      PatchCandidate plain,
      PatchSearchResult search) {

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
              patch, null, null, null, null, search == null ? null : search.budgetBytes(), front)
          : new ScheduleJson(
              patch,
              candidate.peakArenaBytes(),
              candidate.macs(),
              candidate.extraMacs(),
              candidate.estimatedCycles(),
              search == null ? null : search.budgetBytes(),
              front);
    }
  }
}
