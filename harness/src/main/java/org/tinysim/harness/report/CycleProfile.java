package org.tinysim.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.emulator.cpu.CycleCounter.BlockExecution;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.elf.ElfSymbol;

/**
 * Cycles per function: each translated block's executions x its static cost, grouped by the ELF
 * function that contains the block's start. Taken-branch penalties are charged between blocks,
 * so the total can be slightly below the run's cycle count; shares are of this total.
 */
public record CycleProfile(List<Entry> entries, long totalCycles) {

  public record Entry(String function, long cycles, double percent) {}

  public static CycleProfile of(List<BlockExecution> blocks, ElfImage image) {
    Map<String, Long> byFunction = new HashMap<>();
    long total = 0;
    for (BlockExecution b : blocks) {
      long cycles = b.executions() * Integer.toUnsignedLong(b.cyclesPerExecution());
      String name = image.functionAt(b.address()).map(ElfSymbol::name)
          .orElse(String.format("0x%08x", b.address()));
      byFunction.merge(name, cycles, Long::sum);
      total += cycles;
    }
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Long> e : byFunction.entrySet()) {
      entries.add(new Entry(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total));
    }
    entries.sort(Comparator.comparingLong(Entry::cycles).reversed()
        .thenComparing(Entry::function));
    return new CycleProfile(List.copyOf(entries), total);
  }

  public String toText() {
    StringBuilder out = new StringBuilder("cycles per function:\n");
    for (Entry e : entries) {
      out.append(String.format("  %14s  %5.1f %%  %s%n", Format.count(e.cycles()), e.percent(),
          e.function()));
    }
    return out.toString();
  }

  public List<Object> toJson() {
    List<Object> rows = new ArrayList<>();
    for (Entry e : entries) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("function", e.function());
      row.put("cycles", e.cycles());
      row.put("percent", Math.round(e.percent() * 100) / 100.0);
      rows.add(row);
    }
    return rows;
  }
}
