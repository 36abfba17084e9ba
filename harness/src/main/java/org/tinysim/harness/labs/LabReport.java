package org.tinysim.harness.labs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The criteria of one graded lab directory, in the order they were checked. */
public record LabReport(int lab, String title, String directory, List<Criterion> criteria) {

  public LabReport {
    criteria = List.copyOf(criteria);
  }

  /** True when no criterion failed (one waiting for an emulator feature does not fail). */
  public boolean passed() {
    return criteria.stream().noneMatch(c -> c.status() == Criterion.Status.FAIL);
  }

  /** Names of the failed criteria. */
  public List<String> failedNames() {
    return criteria.stream()
        .filter(c -> c.status() == Criterion.Status.FAIL)
        .map(Criterion::name)
        .toList();
  }

  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("lab ").append(lab).append(": ").append(title).append('\n');
    sb.append("checked ").append(directory).append('\n');
    for (Criterion c : criteria) {
      String mark =
          switch (c.status()) {
            case PASS -> "PASS ";
            case FAIL -> "FAIL ";
            case NEEDS_EMULATOR_FEATURE -> "SKIP ";
          };
      sb.append(mark).append(c.name()).append(": ").append(c.measured()).append('\n');
      if (!c.hint().isEmpty()) {
        sb.append("      hint: ").append(c.hint()).append('\n');
      }
    }
    long passedCount = criteria.stream().filter(Criterion::passed).count();
    sb.append(passedCount)
        .append('/')
        .append(criteria.size())
        .append(" criteria passed")
        .append(passed() ? "" : "; fix the FAIL lines above")
        .append('\n');
    return sb.toString();
  }

  public Map<String, Object> toJson() {
    List<Object> rows = new ArrayList<>();
    for (Criterion c : criteria) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", c.name());
      row.put("status", c.status().name());
      row.put("measured", c.measured());
      row.put("hint", c.hint());
      rows.add(row);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lab", lab);
    m.put("title", title);
    m.put("directory", directory);
    m.put("passed", passed());
    m.put("criteria", rows);
    return m;
  }
}
