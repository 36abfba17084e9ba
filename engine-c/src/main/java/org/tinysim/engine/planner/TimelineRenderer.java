package org.tinysim.engine.planner;

import java.util.List;

/**
 * ASCII picture of a plan for the memory-plan report: one row per op, arena addresses left to
 * right, one letter per buffer. A column covering several buffers shows the one covering most of
 * its bytes (ties go to the later-born buffer, so an in-place hand-over row shows the output being
 * written).
 */
final class TimelineRenderer {

  private static final String LETTERS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final char OVERFLOW_LETTER = '#';
  private static final char FREE = '.';

  private TimelineRenderer() {}

  static String render(MemoryPlan plan, int maxColumns) {
    if (maxColumns < 1) {
      throw new IllegalArgumentException("need at least one column");
    }
    long arena = plan.arenaSize();
    long bytesPerColumn = Math.max(1, (arena + maxColumns - 1) / maxColumns);
    int columns = (int) ((arena + bytesPerColumn - 1) / bytesPerColumn);
    StringBuilder out = new StringBuilder();
    out.append("memory plan (")
        .append(plan.planner())
        .append("): arena ")
        .append(arena)
        .append(" B, ")
        .append(bytesPerColumn)
        .append(" B per column\n");
    out.append(String.format(" op |%-" + Math.max(columns, 1) + "s| in use%n", "0.." + arena));
    for (OpOccupancy row : plan.perOpReport()) {
      out.append(String.format("%3d |", row.op()));
      for (int c = 0; c < columns; c++) {
        out.append(
            cell(plan.placements(), row.live(), c * bytesPerColumn, (c + 1) * bytesPerColumn));
      }
      out.append(String.format("| %d B%n", row.bytesInUse()));
    }
    out.append("legend:\n");
    List<Placement> all = plan.placements();
    for (int i = 0; i < all.size(); i++) {
      Placement p = all.get(i);
      String shared =
          plan.inPlaceApplied().containsKey(p.id())
              ? ", in place of " + plan.inPlaceApplied().get(p.id())
              : "";
      out.append(
          String.format(
              "  %c %s @%d +%d B, ops %d..%d%s%n",
              letter(i),
              p.id(),
              p.offset(),
              p.size(),
              p.request().firstUse(),
              p.request().lastUse(),
              shared));
    }
    return out.toString();
  }

  private static char cell(List<Placement> all, List<Placement> live, long from, long to) {
    Placement best = null;
    long bestCover = 0;
    for (Placement p : live) {
      long cover = Math.min(to, p.end()) - Math.max(from, p.offset());
      boolean better =
          cover > bestCover
              || (cover == bestCover
                  && cover > 0
                  && p.request().firstUse() > best.request().firstUse());
      if (better) {
        best = p;
        bestCover = cover;
      }
    }
    return best == null ? FREE : letter(all.indexOf(best));
  }

  static char letter(int index) {
    return index < LETTERS.length() ? LETTERS.charAt(index) : OVERFLOW_LETTER;
  }
}
