package org.tinysim.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders a report in headless Chromium and checks the picture, not only the markup. */
class HtmlRenderingTest {

  private static final int WIDTH = 1400;
  private static final int HEIGHT = 2200;

  @TempDir Path tmp;

  @Test
  void chromiumPaintsTheChartsInTheirColours() throws Exception {
    assumeTrue(Chromium.installed(), "no " + Chromium.BINARY + " (scripts/setup.sh installs it)");
    String html =
        HtmlReport.render(
            SampleReports.threeLayers("render check")
                .withAccuracy(SampleReports.fashionAccuracy())
                .withChecks(
                    List.of(
                        new CheckRow("cycles", "3,000,000", "3,327,367", "+10.9 %", "±2 %", false),
                        new CheckRow("peak SRAM", "14,500 B", "14,500 B", "0 B", "exact", true))));
    Path page = Files.writeString(tmp.resolve("report.html"), html);
    // Kept under target/ so a person can look at it after the build.
    Path png =
        Files.createDirectories(Path.of("target", "report-screenshots"))
            .resolve("sample-report.png")
            .toAbsolutePath();
    Files.deleteIfExists(png);
    Chromium.screenshot(page, png, WIDTH, HEIGHT, tmp);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    Map<Integer, Integer> histogram = histogram(image, 0, HEIGHT);
    assertThat(histogram.size()).as("distinct colours").isGreaterThan(100);
    // The header (title, cards, limit bars) is ink, not an empty band.
    assertThat(nonWhiteShare(image, 0, 250)).isGreaterThan(0.03);

    // Colours the markup asks for cover areas of the expected size in the picture: the timeline
    // band of t2 (half the 380 px plot, 3 columns) and the 10 diagonal cells of the matrix.
    String t2 = fillOf(html, "op 0 · t2 ");
    assertThat(histogram.getOrDefault(rgb(t2), 0)).as("pixels of t2 %s", t2).isGreaterThan(50_000);
    String diagonal = fillOf(html, "true Coat, predicted Coat");
    assertThat(histogram.getOrDefault(rgb(diagonal), 0))
        .as("pixels of the diagonal %s", diagonal)
        .isGreaterThan(10 * 30 * 30);
    assertThat(histogram.getOrDefault(rgb(MemoryTimelineSvg.PEAK), 0))
        .as("peak marker pixels")
        .isGreaterThan(500);
    // The failed check's row is shaded across the table's width.
    assertThat(histogram.getOrDefault(0xfde3e3, 0)).as("failed-check shading").isGreaterThan(5000);
  }

  /** The fill of the first rect whose tooltip starts with {@code titlePrefix}. */
  private static String fillOf(String html, String titlePrefix) {
    Matcher m =
        Pattern.compile("fill=\"(#[0-9a-f]{6})\"[^>]*><title>" + Pattern.quote(titlePrefix))
            .matcher(html);
    assertThat(m.find()).as("a rect titled %s", titlePrefix).isTrue();
    return m.group(1);
  }

  private static int rgb(String hex) {
    return Integer.parseInt(hex.substring(1), 16);
  }

  private static Map<Integer, Integer> histogram(BufferedImage image, int fromRow, int toRow) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int y = fromRow; y < toRow; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        counts.merge(image.getRGB(x, y) & 0xffffff, 1, Integer::sum);
      }
    }
    return counts;
  }

  private static double nonWhiteShare(BufferedImage image, int fromRow, int toRow) {
    long ink = 0;
    for (int y = fromRow; y < toRow; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        ink += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
      }
    }
    return (double) ink / ((long) (toRow - fromRow) * image.getWidth());
  }
}
