package org.tinysim.harness.report;

import java.util.List;
import java.util.Locale;

/** The per-layer table: work, cycles, efficiency and where each layer's tensors sit. */
final class LayerTableSection {

  private LayerTableSection() {}

  static String render(List<LayerRow> layers) {
    long total = layers.stream().mapToLong(LayerRow::cycles).sum();
    StringBuilder out =
        new StringBuilder("<section id=\"layers\">\n<h2>Layers</h2>\n")
            .append("<table class=\"layers\">\n<thead><tr><th>#</th><th>op</th>")
            .append("<th>output shape</th><th class=\"num\">MACs</th><th class=\"num\">cycles</th>")
            .append("<th class=\"num\">MAC/cycle</th>")
            .append("<th title=\"@offset +size of the tensor the op writes\">output in arena</th>")
            .append("<th title=\"@offset +size of each tensor the op reads\">inputs in arena</th>")
            .append("<th class=\"share\">% of cycles</th></tr></thead>\n<tbody>\n");
    for (LayerRow row : layers) {
      double share = total == 0 ? 0 : 100.0 * row.cycles() / total;
      out.append("<tr><td class=\"num\">")
          .append(row.index())
          .append("</td><td>")
          .append(Xml.escape(row.op()))
          .append(row.inPlace() ? " <span class=\"tag\">in place</span>" : "")
          .append("</td><td>")
          .append(Xml.escape(row.outputShape()))
          .append("</td><td class=\"num\">")
          .append(row.macs() == 0 ? "–" : Format.count(row.macs()))
          .append("</td><td class=\"num\">")
          .append(Format.count(row.cycles()))
          .append("</td><td class=\"num\">")
          .append(
              row.macs() == 0 || row.cycles() == 0
                  ? "–"
                  : String.format(Locale.ROOT, "%.3f", row.macsPerCycle()))
          .append("</td><td>")
          .append(slots(row.outputs()))
          .append("</td><td>")
          .append(slots(row.inputs()))
          .append("</td><td class=\"share\"><div class=\"share-bar\" ")
          .append("style=\"width:")
          .append(String.format(Locale.ROOT, "%.1f", share))
          .append("%\"></div><span>")
          .append(String.format(Locale.ROOT, "%.1f", share))
          .append("</span></td></tr>\n");
    }
    out.append("</tbody>\n<tfoot><tr><td></td><td>total</td><td></td><td class=\"num\">")
        .append(Format.count(layers.stream().mapToLong(LayerRow::macs).sum()))
        .append("</td><td class=\"num\">")
        .append(Format.count(total))
        .append("</td><td></td><td></td><td></td><td class=\"share\">100.0</td></tr></tfoot>\n")
        .append("</table>\n</section>\n");
    return out.toString();
  }

  /** "@0 +18,432 B" per slot: offset and size, the tensor name as tooltip. */
  private static String slots(List<ArenaSlot> slots) {
    if (slots.isEmpty()) {
      return "–";
    }
    StringBuilder out = new StringBuilder();
    for (ArenaSlot s : slots) {
      out.append(out.length() == 0 ? "" : "<br/>")
          .append("<span class=\"slot\" title=\"")
          .append(Xml.escape(s.tensor()))
          .append("\">@")
          .append(Format.count(s.offset()))
          .append(" +")
          .append(Format.count(s.bytes()))
          .append(" B</span>");
    }
    return out.toString();
  }
}
