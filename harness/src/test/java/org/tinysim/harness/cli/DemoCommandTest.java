package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  @SuppressWarnings("unchecked")
  void demoBuildsAndExitsWithTheExpectedChecksum() {
    CliRun r = CliRun.of("demo", "--json", "--build-dir", CliRun.buildRoot().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> json = (Map<String, Object>) r.json();
    assertThat(json.get("exitStatus")).isEqualTo(0L);
    assertThat(json.get("coreHz")).isEqualTo(216_000_000L);
    assertThat((String) json.get("uart"))
        .startsWith("tinysim demo: conv3x3+relu")
        .contains("checksum 0xB5F22CE8\n");
    assertThat(json.get("console")).isEqualTo("demo checksum 0xB5F22CE8\n");
  }
}
