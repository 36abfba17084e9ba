package org.tinysim.harness.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.toolchain.KernelPath;

/**
 * {@code --shard I/N}: the I-th of N deterministic parts of a golden run. The units are every
 * (case, kernel path) pair in the run's order, numbered from 0; shard I takes the units whose
 * number is I-1 modulo N, so shards are disjoint, cover the run, and each gets cases from every
 * suite. {@code golden merge} puts the units back in order.
 */
record GoldenShard(int index, int count) {

  private static final Pattern FORM = Pattern.compile("(\\d+)/(\\d+)");

  /** One (case, kernel path) pair and its number in the unsharded run. */
  record Unit(int number, GoldenCase goldenCase, KernelPath path) {}

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

  List<Unit> select(List<Unit> units) {
    return units.stream().filter(u -> u.number() % count == index - 1).toList();
  }

  String text() {
    return index + "/" + count;
  }
}
