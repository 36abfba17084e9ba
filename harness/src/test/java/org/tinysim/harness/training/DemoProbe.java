package org.tinysim.harness.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Manual exploration of the demo settings (not part of the suite). */
class DemoProbe {
  @Test
  @EnabledIfSystemProperty(named = "probe", matches = ".+")
  void probe() {
    String[] p = System.getProperty("probe").split(",");
    long t0 = System.currentTimeMillis();
    TrainingReport r = TrainingDemo.run(BoardTrainingMatchesReferenceTest.buildRoot(),
        line -> { }, new TrainingDemo.Settings(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
            Double.parseDouble(p[2]), Integer.parseInt(p[3]), Boolean.parseBoolean(p[4]), Boolean.parseBoolean(p[5])));
    System.out.println("PROBE " + r.toText() + " wall ms " + (System.currentTimeMillis() - t0));
  }

  @Test
  @EnabledIfSystemProperty(named = "memprobe", matches = ".+")
  void memory() {
    var g = TrainingDemo.graph();
    var s = TrainingDemo.samples(org.tinysim.engine.dataset.FashionMnist.train(), g, 1).get(0);
    for (var r : TrainingDemo.memoryByMode(g, BoardTrainingMatchesReferenceTest.buildRoot(), s)) {
      System.out.println("MEMPROBE " + r);
    }
  }
}
