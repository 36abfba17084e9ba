package org.tinysim.harness.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Op;

/** Per-layer cycles of one inference next to each layer's MACs. */
public record LayerTable(List<Op> ops, long[] cycles) {

  public String toText() {
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%5s  %-20s %14s %14s %9s%n", "layer", "op", "MACs", "cycles", "MAC/cyc"));
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      out.append(
          String.format(
              "%5d  %-20s %14s %14s %9s%n",
              i,
              op.opName(),
              Format.count(op.macs()),
              Format.count(cycles[i]),
              macPerCycle(op.macs(), cycles[i])));
    }
    return out.toString();
  }

  public List<Object> toJson() {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("op", ops.get(i).opName());
      row.put("macs", ops.get(i).macs());
      row.put("cycles", cycles[i]);
      row.put("macPerCycle", cycles[i] == 0 ? 0.0 : (double) ops.get(i).macs() / cycles[i]);
      rows.add(row);
    }
    return rows;
  }

  private static String macPerCycle(long macs, long cycles) {
    return macs == 0 || cycles == 0 ? "-" : String.format("%.3f", (double) macs / cycles);
  }
}
