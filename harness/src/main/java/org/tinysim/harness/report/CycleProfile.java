package org.tinysim.harness.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tinysim.emulator.cpu.CycleCounter.BlockExecution;
import org.tinysim.emulator.cycles.StallCounts;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.ElfSymbol;

/**
 * Cycles per function, and why: each translated block's executions x its static cost and static
 * stall breakdown, plus what the native hook charged it at run time (mispredicts of its final
 * conditional branch, indirect branches the branch table missed, I-cache misses in exact mode, data
 * cycles beyond the static cost, waits for a result its predecessor left in flight), grouped by the
 * ELF function that contains the block's start. Exception entry/return and WFI sleep are not in any
 * block, and blocks run before the firmware last changed the flash wait states, the I-cache or the
 * ART are dropped (their costs are recomputed, which resets the hook's counts): {@code
 * unattributedCycles}. Without exceptions or sleep, the function totals plus {@code
 * unattributedCycles} are the run's cycles; shares are of {@code totalCycles}.
 */
public record CycleProfile(List<Entry> entries, long totalCycles, long unattributedCycles) {

  /**
   * Stall cycles by cause (each already part of {@code cycles}).
   *
   * @param dualIssueLost cycles with one instruction where the next could not pair with it
   * @param loadUse waiting for a load result
   * @param latency waiting for a multiply, divide or FP result
   * @param storeBuffer byte/halfword stores clogging the store buffer
   * @param fetch flash wait states (code fetched with its cache off, or simulated I-cache misses in
   *     exact mode)
   * @param mispredict wrongly predicted conditional branches
   * @param takenBranch indirect branches (BX LR, POP {pc}...) the branch table missed (v2: all)
   * @param data data-side cycles (v3): loads from flash or AXI SRAM beyond DTCM timing, whole and
   *     carried fractions (at each execution's cost when a probe re-costed the block), or every
   *     access in exact D-cache mode
   * @param handOver waits for a result the previous block left in flight (v3)
   */
  public record Stalls(
      long dualIssueLost,
      long loadUse,
      long latency,
      long storeBuffer,
      long fetch,
      long mispredict,
      long takenBranch,
      long data,
      long handOver) {
    static final Stalls NONE = new Stalls(0, 0, 0, 0, 0, 0, 0, 0, 0);

    Stalls plus(Stalls o) {
      return new Stalls(
          dualIssueLost + o.dualIssueLost,
          loadUse + o.loadUse,
          latency + o.latency,
          storeBuffer + o.storeBuffer,
          fetch + o.fetch,
          mispredict + o.mispredict,
          takenBranch + o.takenBranch,
          data + o.data,
          handOver + o.handOver);
    }

    static Stalls of(BlockExecution b, StallCounts s) {
      long n = b.executions();
      StallCounts c = s == null ? StallCounts.NONE : s;
      long mispredict = b.mispredicts() * b.mispredictPenalty();
      long taken =
          (b.mispredictPenalty() > 0 ? 0 : b.mispredicts() * b.takenPenalty())
              + b.returnStackCycles();
      return new Stalls(
          n * c.dualIssueLost(),
          n * c.loadUse(),
          n * c.dependency(),
          n * c.storeBuffer(),
          n * c.fetch() + b.icacheMissCycles(),
          mispredict,
          taken,
          // a block is re-costed only when its data moved: the difference is the data side's
          n * c.memory() + b.extraDataCycles() + b.recostAdjustCycles(),
          b.handOverCycles());
    }
  }

  public record Entry(
      String function,
      long cycles,
      double percent,
      long instructions,
      long mispredicts,
      Stalls stalls) {
    public double ipc() {
      return cycles == 0 ? 0 : (double) instructions / cycles;
    }
  }

  /**
   * @param stallsOf the static stall breakdown of a block (null when unknown, e.g. after the
   *     firmware switched the caches and block costs were recomputed)
   * @param unattributedCycles run cycles before the block counts last restarted
   */
  public static CycleProfile of(
      List<BlockExecution> blocks,
      Function<BlockExecution, StallCounts> stallsOf,
      ElfImage image,
      long unattributedCycles) {
    Map<String, Entry> byFunction = new LinkedHashMap<>();
    long total = 0;
    for (BlockExecution b : blocks) {
      long cycles = b.totalCycles();
      String name =
          image
              .functionAt(b.address())
              .map(ElfSymbol::name)
              .orElse(String.format("0x%08x", b.address()));
      Entry add =
          new Entry(
              name,
              cycles,
              0,
              b.executions() * b.instructionsPerExecution(),
              b.mispredicts(),
              Stalls.of(b, stallsOf.apply(b)));
      byFunction.merge(
          name,
          add,
          (x, y) ->
              new Entry(
                  name,
                  x.cycles() + y.cycles(),
                  0,
                  x.instructions() + y.instructions(),
                  x.mispredicts() + y.mispredicts(),
                  x.stalls().plus(y.stalls())));
      total += cycles;
    }
    List<Entry> entries = new ArrayList<>();
    for (Entry e : byFunction.values()) {
      entries.add(
          new Entry(
              e.function(),
              e.cycles(),
              total == 0 ? 0 : 100.0 * e.cycles() / total,
              e.instructions(),
              e.mispredicts(),
              e.stalls()));
    }
    entries.sort(Comparator.comparingLong(Entry::cycles).reversed().thenComparing(Entry::function));
    return new CycleProfile(List.copyOf(entries), total, unattributedCycles);
  }

  public String toText() {
    StringBuilder out =
        new StringBuilder(
            "cycles per function, with stall cycles by cause (see emulator/CYCLE_MODEL.md):\n");
    out.append(
        String.format(
            "  %14s  %7s  %5s  %10s  %10s  %10s  %10s  %10s  %10s  %10s  %10s  %10s  %s%n",
            "cycles",
            "share",
            "IPC",
            "dual-lost",
            "load-use",
            "latency",
            "store-buf",
            "wait-state",
            "mispredict",
            "indirect",
            "data",
            "hand-over",
            "function"));
    for (Entry e : entries) {
      Stalls s = e.stalls();
      out.append(
          String.format(
              "  %14s  %5.1f %%  %5.2f  %10s  %10s  %10s  %10s  %10s  %10s  %10s  %10s  %10s  %s%n",
              Format.count(e.cycles()),
              e.percent(),
              e.ipc(),
              Format.count(s.dualIssueLost()),
              Format.count(s.loadUse()),
              Format.count(s.latency()),
              Format.count(s.storeBuffer()),
              Format.count(s.fetch()),
              Format.count(s.mispredict()),
              Format.count(s.takenBranch()),
              Format.count(s.data()),
              Format.count(s.handOver()),
              e.function()));
    }
    if (unattributedCycles > 0) {
      out.append(
          String.format(
              "  %14s  cycles before the firmware last switched caches or wait states (not"
                  + " attributed)%n",
              Format.count(unattributedCycles)));
    }
    return out.toString();
  }

  /** One function's row in {@code --json}. */
  @JsonPropertyOrder({"function", "cycles", "percent", "instructions", "mispredicts", "stalls"})
  public record Row(
      String function,
      long cycles,
      double percent,
      long instructions,
      long mispredicts,
      StallsJson stalls) {}

  @JsonPropertyOrder({
    "dualIssueLost",
    "loadUse",
    "latency",
    "storeBuffer",
    "fetchWaitStates",
    "mispredict",
    "indirectBranch",
    "data",
    "handOver"
  })
  public record StallsJson(
      long dualIssueLost,
      long loadUse,
      long latency,
      long storeBuffer,
      long fetchWaitStates,
      long mispredict,
      long indirectBranch,
      long data,
      long handOver) {}

  public List<Row> toJson() {
    List<Row> rows = new ArrayList<>();
    for (Entry e : entries) {
      Stalls s = e.stalls();
      rows.add(
          new Row(
              e.function(),
              e.cycles(),
              Math.round(e.percent() * 100) / 100.0,
              e.instructions(),
              e.mispredicts(),
              new StallsJson(
                  s.dualIssueLost(),
                  s.loadUse(),
                  s.latency(),
                  s.storeBuffer(),
                  s.fetch(),
                  s.mispredict(),
                  s.takenBranch(),
                  s.data(),
                  s.handOver())));
    }
    return rows;
  }
}
