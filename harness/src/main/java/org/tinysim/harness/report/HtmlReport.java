package org.tinysim.harness.report;

/**
 * Renders a {@link ReportData} as one self-contained page: inline CSS and SVG, no scripts, no
 * network. The markup is also well-formed XML, so tests (and tools) can parse it.
 */
public final class HtmlReport {

  private static final String CSS =
      """
      body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d2330;
        margin: 0; background: #ffffff; font-size: 14px; }
      main { max-width: 1320px; margin: 0 auto; padding: 18px 10px 40px; }
      h1 { font-size: 26px; margin: 4px 0 2px; }
      h2 { font-size: 19px; margin: 30px 0 6px; padding-bottom: 4px; border-bottom: 2px solid #dfe3e8; }
      h3 { font-size: 15px; margin: 14px 0 4px; color: #3d4655; }
      .sub, .note { color: #5b6575; margin: 2px 0 10px; }
      .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
      .card { border: 1px solid #dfe3e8; border-radius: 6px; padding: 8px 14px; min-width: 170px;
        background: #f8f9fb; }
      .card-title { font-size: 12px; text-transform: uppercase; color: #5b6575; letter-spacing: 0.04em; }
      .card-value { font-size: 22px; font-weight: bold; margin: 2px 0; }
      .card-note { font-size: 12px; color: #5b6575; }
      .limit { display: flex; flex-wrap: wrap; align-items: center; margin: 6px 0; }
      .limit-name { width: 60px; font-weight: bold; }
      .legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: #3d4655;
        width: 100%; padding-left: 60px; }
      .legend.buffers { padding-left: 0; margin-top: 6px; }
      .legend.buffers .key { display: inline-block; max-width: 100%; overflow: hidden;
        text-overflow: ellipsis; }
      .key { white-space: nowrap; }
      .swatch { display: inline-block; width: 11px; height: 11px; margin-right: 4px;
        vertical-align: -1px; border-radius: 2px; }
      .swatch.hatch { background: repeating-linear-gradient(45deg, #8d939b 0 2px, #c7cbd1 2px 4px); }
      table.layers { border-collapse: collapse; width: 100%; font-size: 13px; }
      table.layers th { text-align: left; background: #eef1f5; padding: 5px 6px;
        border-bottom: 2px solid #cfd5dd; }
      table.layers td { padding: 3px 6px; border-bottom: 1px solid #e8ebef; vertical-align: top; }
      table.layers tbody tr:nth-child(even) { background: #fafbfc; }
      table.layers tfoot td { font-weight: bold; border-top: 2px solid #cfd5dd; }
      .num { text-align: right; font-variant-numeric: tabular-nums; }
      .slot { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
      .tag { font-size: 11px; background: #fff1d6; border: 1px solid #f0c36d; border-radius: 3px;
        padding: 0 3px; }
      td.share, th.share { width: 150px; position: relative; }
      .share-bar { position: absolute; left: 6px; top: 5px; bottom: 5px; background: #c9d9ee;
        max-width: 90px; }
      td.share span { position: relative; padding-left: 96px; }
      svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
      .axis { font-size: 11px; fill: #4a5361; }
      .axis-title { font-size: 12px; fill: #2c3440; font-weight: bold; }
      .axis-line { stroke: #6b7482; stroke-width: 1; }
      .grid { stroke: #e3e6ea; stroke-width: 1; }
      .limit-line { stroke: #1d2330; stroke-width: 2; }
      .peak-line { stroke: #d62728; stroke-width: 1.5; stroke-dasharray: 6 4; }
      .peak-label { font-size: 13px; font-weight: bold; fill: #d62728; }
      .band-label { font-size: 10px; fill: #111111; }
      .bar-label { font-size: 11px; fill: #2c3440; }
      .bar-value { font-size: 11px; fill: #2c3440; }
      .cell { font-size: 12px; fill: #1d2330; }
      table.checks { border-collapse: collapse; font-size: 13px; min-width: 900px; }
      table.checks th { text-align: left; background: #eef1f5; padding: 5px 8px; }
      table.checks td { padding: 4px 8px; border-bottom: 1px solid #e8ebef; }
      table.checks tr.fail td { background: #fde3e3; }
      table.checks tr.fail td:last-child { color: #b3161b; font-weight: bold; }
      table.checks tr.pass td:last-child { color: #1e7b34; }
      .verdict { font-size: 16px; font-weight: bold; }
      .verdict.pass { color: #1e7b34; }
      .verdict.fail { color: #b3161b; }
      .cell-dark { font-size: 12px; fill: #ffffff; font-weight: bold; }
      """;

  private HtmlReport() {}

  public static String render(ReportData data) {
    StringBuilder out =
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
            .append("<meta charset=\"utf-8\"/>\n<title>tinysim report: ")
            .append(Xml.escape(data.model().name()))
            .append("</title>\n<style>\n")
            .append(CSS)
            .append("</style>\n</head>\n<body>\n<main>\n");
    out.append(HeaderSection.render(data.model()));
    if (!data.checks().isEmpty()) {
      out.append(ChecksSection.render(data.checks()));
    }
    data.accuracy().ifPresent(a -> out.append(AccuracySection.render(a)));
    out.append(MemoryTimelineSvg.render(data.memory()));
    out.append(CycleChartSvg.render(data.layers()));
    out.append(LayerTableSection.render(data.layers()));
    return out.append("</main>\n</body>\n</html>\n").toString();
  }
}
