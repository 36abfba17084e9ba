package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressReportTest {

  @Test
  void plainLinesComeAtTaskStartAndEndButNotForEveryStep() {
    StringWriter text = new StringWriter();
    try (ProgressReport p = ProgressReport.to(new PrintWriter(text))) {
      assertThat(p).isInstanceOf(ProgressReport.Lines.class);
      for (int i = 1; i <= 500; i++) {
        p.update("golden core/x [DSP] records", i, 500, "");
      }
      p.line("evaluate before  100/200  accuracy 12.5%");
      p.line("evaluate before  200/200  accuracy 13.0%");
    }
    String[] lines = text.toString().split("\\R");
    assertThat(lines).hasSize(4);
    assertThat(lines[0]).matches("golden core/x \\[DSP\\] records: 1/500 \\(0%\\), \\d+ s");
    assertThat(lines[1]).startsWith("golden core/x [DSP] records: 500/500 (100%), ");
    assertThat(lines[2]).startsWith("evaluate before: 100/200 (50%), accuracy 12.5%, ");
    assertThat(lines[3]).startsWith("evaluate before: 200/200 (100%), accuracy 13.0%, ");
    assertThat(text.toString()).doesNotContain("\r");
  }

  @Test
  void theLastCounterOfATrainingLineIsItsProgress() {
    StringWriter text = new StringWriter();
    try (ProgressReport p = new ProgressReport.Lines(new PrintWriter(text))) {
      p.line("pass 2 of 3, fp32 on the host: train epoch 1/1  50/600  running accuracy 9.0%");
    }
    assertThat(text.toString())
        .startsWith(
            "pass 2 of 3, fp32 on the host: train epoch 1/1: "
                + "50/600 (8%), running accuracy 9.0%, ");
  }
}
