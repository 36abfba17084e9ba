package org.tinysim.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> select(Document doc, String xpath) throws Exception {
    NodeList nodes =
        (NodeList)
            XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static Element only(Document doc, String xpath) throws Exception {
    List<Element> found = select(doc, xpath);
    assertThat(found).as(xpath).hasSize(1);
    return found.get(0);
  }

  private static double num(Element e, String attribute) {
    return Double.parseDouble(e.getAttribute(attribute));
  }

  @Test
  void pageIsWellFormedAndSelfContained() throws Exception {
    String html =
        HtmlReport.render(
            SampleReports.threeLayers("tiny").withAccuracy(SampleReports.fashionAccuracy()));
    Document doc = parse(html);
    assertThat(select(doc, "//svg")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(html).doesNotContain("<script", "<link", " src=", "http:", "https:", "@import");
    Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(html);
    while (urls.find()) {
      assertThat(urls.group(1)).as("only in-page references").startsWith("#");
    }
  }

  @Test
  void headerShowsTotalsAndLimitBars() throws Exception {
    Document doc = parse(HtmlReport.render(SampleReports.threeLayers("tiny")));
    String header = only(doc, "//header").getTextContent();
    // 3,327,367 cycles at 216 MHz = 15.40 ms; 530,400 / 3,327,367 = 0.159 MAC/cycle.
    assertThat(header)
        .contains(
            "3,327,367",
            "15.40 ms",
            "530,400",
            "0.159",
            "14,500 B",
            "98,765 B",
            "tensor arena 2,000 B",
            "other static 600 B",
            "stack + heap 11,900 B",
            "weights 60,000 B",
            "code + constants 38,765 B");
    List<Element> bars = select(doc, "//svg[@class='limit-bar']");
    assertThat(bars).hasSize(2);
    // The SRAM bar: the free background spans the 320 KB limit; the arena part is 2,000 B of it.
    List<Element> sram = select(doc, "(//svg[@class='limit-bar'])[1]/rect");
    double limitWidth = num(sram.get(0), "width");
    double arenaWidth = num(sram.get(1), "width");
    assertThat(arenaWidth / limitWidth).isCloseTo(2000.0 / (320 * 1024), within(1e-4));
    assertThat(sram.get(1).getTextContent()).startsWith("tensor arena: 2,000 B");
  }

  @Test
  void timelineDrawsEachBufferAtItsArenaOffsetAndMarksThePeak() throws Exception {
    Document doc = parse(HtmlReport.render(SampleReports.threeLayers("tiny")));
    Element svg = only(doc, "//svg[@class='timeline']");
    List<Element> bands =
        select(
            doc,
            "//svg[@class='timeline']/rect[starts-with(title, 'op ')"
                + " and contains(title, ' · ')]");
    // One band per (op, live buffer): 2 + 3 + 2.
    assertThat(bands).hasSize(7);
    Element peakLine = only(doc, "//svg[@class='timeline']/line[@class='peak-line']");
    double top = num(peakLine, "y1");
    Element t1 = band(bands, "op 0 · t1 ");
    Element t2 = band(bands, "op 1 · t2 ");
    Element scratch = band(bands, "op 1 · op1/scratch ");
    double baseline = num(t1, "y") + num(t1, "height");
    // t2 spans [1000, 2000) of a 2,000-byte arena: from half-way up to the peak line.
    assertThat(num(t2, "y")).isCloseTo(top, within(0.01));
    assertThat(num(t2, "y") + num(t2, "height")).isCloseTo((baseline + top) / 2, within(0.01));
    // The scratch [800, 1000) sits right below t2 and is hatched, not a tensor colour.
    assertThat(num(scratch, "y") + num(scratch, "height"))
        .isCloseTo(baseline - (baseline - top) * 0.4, within(0.01));
    assertThat(scratch.getAttribute("fill")).isEqualTo("url(#scratch-hatch)");
    // A buffer keeps its colour in every column it is live in; different buffers differ.
    assertThat(band(bands, "op 2 · t2 ").getAttribute("fill")).isEqualTo(t2.getAttribute("fill"));
    assertThat(t1.getAttribute("fill")).isNotEqualTo(t2.getAttribute("fill"));
    assertThat(t2.getElementsByTagName("title").item(0).getTextContent())
        .contains("skip 1x10x10x10", "offset 1,000", "1,000 B", "live ops 0..2");
    // The peak column (op 1) is outlined, and the peak is labelled with its bytes and op.
    Element outline = only(doc, "//svg[@class='timeline']/rect[@fill='none']");
    assertThat(num(outline, "x") + 1.5).isCloseTo(num(t2, "x"), within(0.01));
    assertThat(only(doc, "//svg[@class='timeline']/text[@class='peak-label']").getTextContent())
        .isEqualTo("peak 2,000 B at op 1");
    assertThat(svg.getAttribute("aria-label")).contains("2000");
    assertThat(only(doc, "//section[@id='memory']").getTextContent())
        .contains("kernel scratch", "logits 1x600");
  }

  @Test
  void planComparisonScalesEachPlannersArena() throws Exception {
    Document doc = parse(HtmlReport.render(SampleReports.threeLayers("tiny")));
    List<Element> bars = select(doc, "//svg[@class='plans']/rect");
    assertThat(bars).hasSize(2);
    assertThat(num(bars.get(1), "width") / num(bars.get(0), "width"))
        .isCloseTo(2000.0 / 3000, within(1e-4));
    assertThat(select(doc, "//svg[@class='plans']/text").stream().map(Element::getTextContent))
        .contains("linear", "3,000 B (100.0 %)", "2,000 B (66.7 %)");
  }

  @Test
  void longConverterNamesAreShortenedForTheLegend() throws Exception {
    String fused =
        "model/activation_2/Relu;model/batch_normalization_2/FusedBatchNormV3;"
            + "model/conv2d_1/BiasAdd/ReadVariableOp/resource 1x48x48x16";
    assertThat(MemoryTimelineSvg.shortLabel(fused))
        .isEqualTo("model/activation_2/Relu;… 1x48x48x16");
    // A 78-character name keeps its last 55 characters: the 38 of the layer path and 17 a's.
    String deep = "a".repeat(40) + "/MobilenetV1/Conv2d_13_pointwise/Relu6 1x3x3x256";
    assertThat(MemoryTimelineSvg.shortLabel(deep))
        .isEqualTo("…" + "a".repeat(17) + "/MobilenetV1/Conv2d_13_pointwise/Relu6 1x3x3x256");
    assertThat(MemoryTimelineSvg.shortLabel("skip 1x10x10x10")).isEqualTo("skip 1x10x10x10");
  }

  private static Element band(List<Element> bands, String titlePrefix) {
    return bands.stream()
        .filter(
            b -> b.getElementsByTagName("title").item(0).getTextContent().startsWith(titlePrefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no band titled " + titlePrefix));
  }

  @Test
  void layerTableCarriesEachLayersNumbers() throws Exception {
    Document doc = parse(HtmlReport.render(SampleReports.threeLayers("tiny")));
    List<Element> rows = select(doc, "//table[@class='layers']/tbody/tr");
    assertThat(rows).hasSize(3);
    List<String> cells = cells(rows.get(1));
    // 7,200 MACs in 1,234,567 cycles = 0.006 MAC/cycle; 1,234,567 of 3,327,367 cycles = 37.1 %.
    assertThat(cells.get(0)).isEqualTo("1");
    assertThat(cells.get(1)).isEqualTo("DEPTHWISE_CONV_2D in place");
    assertThat(cells.subList(2, 6)).containsExactly("1x10x10x8", "7,200", "1,234,567", "0.006");
    assertThat(cells.get(6)).isEqualTo("@0 +800 B");
    assertThat(cells.get(7)).isEqualTo("@0 +800 B");
    assertThat(cells.get(8)).isEqualTo("37.1");
    assertThat(cells(rows.get(0)).get(7)).isEqualTo("@1,000 +300 B");
    List<String> total = cells(only(doc, "//table[@class='layers']/tfoot/tr"));
    assertThat(total.get(3)).isEqualTo("530,400");
    assertThat(total.get(4)).isEqualTo("3,327,367");
  }

  private static List<String> cells(Element row) {
    List<String> out = new ArrayList<>();
    NodeList tds = row.getElementsByTagName("td");
    for (int i = 0; i < tds.getLength(); i++) {
      out.add(tds.item(i).getTextContent().strip());
    }
    return out;
  }

  @Test
  void cycleChartBarsScaleWithCycles() throws Exception {
    Document doc = parse(HtmlReport.render(SampleReports.threeLayers("tiny")));
    List<Element> perLayer = select(doc, "(//svg[@class='cycle-chart'])[2]/rect");
    assertThat(perLayer).hasSize(3);
    // Bars are drawn to scale: layer 2 has the most cycles, so the others are fractions of it.
    double longest = num(perLayer.get(2), "width");
    assertThat(num(perLayer.get(1), "width") / longest)
        .isCloseTo(1_234_567 / 1_920_000.0, within(1e-3));
    assertThat(num(perLayer.get(0), "width") / longest)
        .isCloseTo(172_800 / 1_920_000.0, within(1e-3));
    String text = only(doc, "//section[@id='cycles']").getTextContent();
    assertThat(text).contains("1,920,000  (57.7 %)", "FULLY_CONNECTED ×1");
  }

  @Test
  void textIsEscaped() throws Exception {
    String evil = "<script>alert('x')</script> & \"quoted\"";
    ReportData data = SampleReports.threeLayers(evil);
    String html = HtmlReport.render(data);
    assertThat(html).doesNotContain("<script>");
    Document doc = parse(html);
    assertThat(only(doc, "//h1").getTextContent()).isEqualTo(evil);
    assertThat(only(doc, "/html/head/title").getTextContent()).isEqualTo("tinysim report: " + evil);
  }

  @Test
  void accuracySectionShowsIntervalRuleAndConfusionMatrix() throws Exception {
    Document doc =
        parse(
            HtmlReport.render(
                SampleReports.threeLayers("fashion")
                    .withAccuracy(SampleReports.fashionAccuracy())));
    String text = only(doc, "//section[@id='accuracy']").getTextContent();
    assertThat(text)
        .contains(
            "88.00 %",
            "880 of 1,000 correct",
            "85.84 % – 89.93 %",
            "Clopper-Pearson 95 % on a sample of 1,000",
            "412.5 images/s");
    List<Element> cells = select(doc, "//svg[@class='confusion']/rect");
    assertThat(cells).hasSize(100);
    // Row 4 (Coat): 88 right, 7 taken for Sandal (4+1), 5 for Sneaker (4+3).
    assertThat(cells.get(4 * 10 + 7).getTextContent())
        .isEqualTo("true Coat, predicted Sneaker: 5 (5.0 % of the row)");
    assertThat(cells.get(4 * 10 + 4).getTextContent()).startsWith("true Coat, predicted Coat: 88");
    String diagonal = cells.get(0).getAttribute("fill");
    for (int i = 1; i < 10; i++) {
      assertThat(cells.get(i * 10 + i).getAttribute("fill")).isEqualTo(diagonal);
    }
    assertThat(cells.get(4 * 10 + 0).getAttribute("fill")).isEqualTo("#ffffff");
    assertThat(cells.get(4 * 10 + 5).getAttribute("fill")).isNotIn("#ffffff", diagonal);
    List<String> labels =
        select(doc, "//svg[@class='confusion']/text").stream()
            .map(Element::getTextContent)
            .toList();
    assertThat(labels).contains(SampleReports.FASHION).contains("88.00 %");
  }

  @Test
  void checksListFailuresFirstWithTheirNumbers() throws Exception {
    ReportData data =
        SampleReports.threeLayers("golden")
            .withChecks(
                List.of(
                    new CheckRow("peak SRAM", "14,500 B", "14,500 B", "0 B", "exact", true),
                    new CheckRow(
                        "layer 1 DEPTHWISE_CONV_2D cycles",
                        "1,000,000",
                        "1,234,567",
                        "+23.5 %",
                        "±2 %",
                        false),
                    new CheckRow("output <0>", "", "bit-exact", "", "exact", true)));
    Document doc = parse(HtmlReport.render(data));
    assertThat(only(doc, "//section[@id='checks']/p").getTextContent())
        .isEqualTo("1 of 3 checks failed");
    List<Element> rows = select(doc, "//table[@class='checks']/tbody/tr");
    assertThat(rows)
        .extracting(r -> r.getAttribute("class"))
        .containsExactly("fail", "pass", "pass");
    assertThat(cells(rows.get(0)))
        .containsExactly(
            "layer 1 DEPTHWISE_CONV_2D cycles",
            "1,000,000",
            "1,234,567",
            "+23.5 %",
            "±2 %",
            "FAIL");
    assertThat(cells(rows.get(2)).get(0)).isEqualTo("output <0>");
  }

  @Test
  void noChecksSectionForAPlainReport() throws Exception {
    Document doc = parse(HtmlReport.render(SampleReports.threeLayers("tiny")));
    assertThat(select(doc, "//section[@id='checks']")).isEmpty();
  }

  @Test
  void noAccuracySectionWithoutResults() throws Exception {
    Document doc = parse(HtmlReport.render(SampleReports.threeLayers("tiny")));
    assertThat(select(doc, "//section[@id='accuracy']")).isEmpty();
  }

  @Test
  void inconsistentAccuracyIsRejectedWithTheCounts() {
    int[][] m = SampleReports.fashionAccuracy().confusion();
    m[2][5]--;
    assertThatThrownBy(
            () ->
                new AccuracySummary(
                    880, 1000, 0.85, 0.9, "full set", 1, m, SampleReports.classNames()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("999 images with 880 on the diagonal")
        .hasMessageContaining("880 of 1000");
    assertThatThrownBy(
            () ->
                new AccuracySummary(
                    880,
                    1000,
                    0.9,
                    0.85,
                    "full set",
                    1,
                    SampleReports.fashionAccuracy().confusion(),
                    SampleReports.classNames()))
        .hasMessageContaining("[0.9, 0.85]");
  }
}
