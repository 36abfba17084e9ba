package org.tinysim.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * {@code --shard I/N}: the I-th of N deterministic parts of a golden run. The run's (case, kernel
 * path) units, in order, are each cut into record ranges ("slices"): as many as the unit has {@link
 * #MIN_RECORDS_PER_SLICE}-record runs, at most N, so a 10,000-image case spreads over every worker
 * while a 2-record case is built on one. The slices are numbered in order from 0 and shard I takes
 * those whose number is I-1 modulo N: shards are disjoint, cover the run, and a unit's slices land
 * on different shards. {@code golden merge} joins the slices of each unit.
 */
record GoldenShard(int index, int count) {

  /**
   * Below this many records a slice saves less host time than its extra compile and boot cost (tens
   * of milliseconds per record on the bundled models vs about a second of build).
   */
  static final int MIN_RECORDS_PER_SLICE = 16;

  private static final Pattern FORM = Pattern.compile("(\\d+)/(\\d+)");

  /** One (case, kernel path) pair and its number in the unsharded run. */
  record Unit(int number, GoldenCase goldenCase, KernelPath path) {}

  /** The {@code slice}-th of the {@code slices} record ranges of a unit; numbered run-wide. */
  record Item(int number, Unit unit, int slice, int slices) {}

  static GoldenShard parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new UserError("--shard '" + text + "' is not I/N, e.g. 2/4");
    }
    int i = Integer.parseInt(m.group(1));
    int n = Integer.parseInt(m.group(2));
    if (n < 1 || i < 1 || i > n) {
      throw new UserError("--shard " + text + ": I must be between 1 and N (N >= 1)");
    }
    return new GoldenShard(i, n);
  }

  /** Every unit of {@code cases}, numbered; {@code paths} gives the kernel paths run per case. */
  static List<Unit> units(List<GoldenCase> cases, Function<GoldenCase, List<KernelPath>> paths) {
    List<Unit> units = new ArrayList<>();
    for (GoldenCase c : cases) {
      for (KernelPath p : paths.apply(c)) {
        units.add(new Unit(units.size(), c, p));
      }
    }
    return units;
  }

  /** Every unit cut into slices; {@code records} is a unit's record count (0 when unknown). */
  List<Item> items(List<Unit> units, ToIntFunction<Unit> records) {
    List<Item> items = new ArrayList<>();
    for (Unit u : units) {
      int slices = Math.max(1, Math.min(count, records.applyAsInt(u) / MIN_RECORDS_PER_SLICE));
      for (int s = 0; s < slices; s++) {
        items.add(new Item(items.size(), u, s, slices));
      }
    }
    return items;
  }

  List<Item> select(List<Item> items) {
    return items.stream().filter(it -> it.number() % count == index - 1).toList();
  }

  String text() {
    return index + "/" + count;
  }
}
