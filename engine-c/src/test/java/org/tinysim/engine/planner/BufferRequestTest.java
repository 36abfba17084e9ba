package org.tinysim.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BufferRequestTest {

  @Test
  void defaultsToWordAlignmentWithoutInPlace() {
    BufferRequest r = BufferRequest.of("t", 10, 1, 3);

    assertThat(r.alignment()).isEqualTo(4);
    assertThat(r.inPlaceOf()).isEmpty();
    assertThat(r.liveAt(1)).isTrue();
    assertThat(r.liveAt(3)).isTrue();
    assertThat(r.liveAt(4)).isFalse();
  }

  @Test
  void timeOverlapIsInclusiveAtBothEnds() {
    BufferRequest r = BufferRequest.of("r", 1, 2, 4);

    assertThat(r.overlapsInTime(BufferRequest.of("s", 1, 4, 6))).isTrue();
    assertThat(r.overlapsInTime(BufferRequest.of("s", 1, 0, 2))).isTrue();
    assertThat(r.overlapsInTime(BufferRequest.of("s", 1, 5, 6))).isFalse();
  }

  @Test
  void invalidRequestsAreRejected() {
    assertThatThrownBy(() -> BufferRequest.of("t", 0, 0, 0))
        .hasMessageContaining("non-positive size");
    assertThatThrownBy(() -> BufferRequest.of("t", 4, 3, 2)).hasMessageContaining("ops 3..2");
    assertThatThrownBy(() -> BufferRequest.of("t", 4, 0, 0).withAlignment(12))
        .hasMessageContaining("power of two");
    assertThatThrownBy(() -> BufferRequest.of("t", 4, 0, 0).inPlaceOf("t"))
        .hasMessageContaining("itself");
    assertThatThrownBy(() -> BufferRequest.of(" ", 4, 0, 0)).hasMessageContaining("blank");
  }

  @Test
  void plannersRejectDuplicateIdsAndDanglingInPlaceTargets() {
    List<BufferRequest> duplicate =
        List.of(BufferRequest.of("t", 4, 0, 0), BufferRequest.of("t", 8, 1, 1));
    List<BufferRequest> dangling = List.of(BufferRequest.of("t", 4, 0, 0).inPlaceOf("ghost"));

    for (MemoryPlanner planner : List.of(new GreedyPlanner(), new LinearPlanner())) {
      assertThatThrownBy(() -> planner.plan(duplicate))
          .hasMessageContaining("duplicate buffer id 't'");
      assertThatThrownBy(() -> planner.plan(dangling))
          .hasMessageContaining("unknown buffer 'ghost'");
    }
  }

  @Test
  void inPlaceRuleExplainsEachViolation() {
    BufferRequest in = BufferRequest.of("in", 64, 0, 2);

    assertThat(InPlaceRule.isLegal(in, BufferRequest.of("o", 64, 2, 3).inPlaceOf("in"))).isTrue();
    assertThat(InPlaceRule.whyIllegal(in, BufferRequest.of("o", 64, 2, 3)))
        .get()
        .asString()
        .contains("does not ask");
    assertThat(InPlaceRule.whyIllegal(in, BufferRequest.of("o", 64, 1, 3).inPlaceOf("in")))
        .get()
        .asString()
        .contains("last used at op 2");
    assertThat(InPlaceRule.whyIllegal(in, BufferRequest.of("o", 65, 2, 3).inPlaceOf("in")))
        .get()
        .asString()
        .contains("larger");
  }
}
