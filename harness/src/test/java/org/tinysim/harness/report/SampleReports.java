package org.tinysim.harness.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tinysim.harness.report.MemoryTimeline.LiveBuffer;
import org.tinysim.harness.report.MemoryTimeline.OpColumn;

/** Hand-written report data with numbers chosen so each can be found in the page. */
final class SampleReports {

  static final String[] FASHION = {
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot"
  };

  private SampleReports() {}

  /**
   * Three layers over a 2,000-byte arena. Buffer a [0,800) is live at ops 0..1, b [1000,2000) at
   * ops 0..2 (op 1 reaches the top: the peak), c [0,600) at op 2, scratch s [800,1000) at op 1.
   */
  static ReportData threeLayers(String name) {
    LiveBuffer a = new LiveBuffer("t1", "conv_out 1x10x10x8", 0, 800, 0, 1, false);
    LiveBuffer b = new LiveBuffer("t2", "skip 1x10x10x10", 1000, 1000, 0, 2, false);
    LiveBuffer c = new LiveBuffer("t3", "logits 1x600", 0, 600, 2, 2, false);
    LiveBuffer s = new LiveBuffer("op1/scratch", "scratch of op 1 CONV_2D", 800, 200, 1, 1, true);
    MemoryTimeline timeline =
        new MemoryTimeline(
            2000,
            1,
            List.of(
                new OpColumn(0, List.of(a, b), 1800),
                new OpColumn(1, List.of(a, s, b), 2000),
                new OpColumn(2, List.of(c, b), 1600)),
            plans());
    List<LayerRow> layers =
        List.of(
            new LayerRow(
                0,
                "CONV_2D",
                "1x10x10x8",
                43_200,
                172_800,
                List.of(new ArenaSlot("conv_out", 0, 800)),
                List.of(new ArenaSlot("input", 1000, 300)),
                false),
            new LayerRow(
                1,
                "DEPTHWISE_CONV_2D",
                "1x10x10x8",
                7_200,
                1_234_567,
                List.of(new ArenaSlot("dw_out", 0, 800)),
                List.of(new ArenaSlot("conv_out", 0, 800)),
                true),
            new LayerRow(
                2,
                "FULLY_CONNECTED",
                "1x600",
                480_000,
                1_920_000,
                List.of(new ArenaSlot("logits", 0, 600)),
                List.of(new ArenaSlot("dw_out", 0, 800)),
                false));
    ModelSummary summary =
        new ModelSummary(
            name, "DSP", "greedy", 530_400, 3_327_367, 14_500, 2000, 2600, 98_765, 60_000);
    return new ReportData(summary, layers, timeline, Optional.empty());
  }

  private static java.util.Map<String, Long> plans() {
    java.util.Map<String, Long> plans = new java.util.LinkedHashMap<>();
    plans.put("linear", 3000L);
    plans.put("greedy", 2000L);
    return plans;
  }

  /** 1,000 images over the ten Fashion-MNIST classes: 100 per true class, 88 % correct. */
  static AccuracySummary fashionAccuracy() {
    int[][] m = new int[10][10];
    for (int i = 0; i < 10; i++) {
      m[i][i] = 88;
      m[i][(i + 1) % 10] = 7;
      m[i][(i + 3) % 10] = 5;
    }
    return new AccuracySummary(
        880,
        1000,
        0.8584,
        0.8993,
        "Clopper-Pearson 95 % on a sample of " + "1,000",
        412.5,
        m,
        List.of(FASHION));
  }

  static List<String> classNames() {
    return new ArrayList<>(List.of(FASHION));
  }
}
