package org.tinysim.engine.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifetimeAnalysisTest {

  private static final Map<String, Long> SIZES =
      Map.of("in", 10L, "t1", 20L, "t2", 30L, "out", 40L, "dead", 5L);

  private static LifetimeAnalysis analysis() {
    return new LifetimeAnalysis(SIZES, List.of("in"), Set.of("out"), 8);
  }

  @Test
  void lifetimesSpanFromWriterToLastReader() {
    List<BufferRequest> requests =
        analysis()
            .requests(
                List.of(
                    ScheduleStep.of("op0", List.of("in"), List.of("t1")),
                    ScheduleStep.of("op1", List.of("t1"), List.of("t2")),
                    ScheduleStep.of("op2", List.of("t1", "t2"), List.of("out")),
                    ScheduleStep.of("op3", List.of("t2"), List.of("dead"))));

    assertThat(requests)
        .extracting(
            BufferRequest::id,
            BufferRequest::firstUse,
            BufferRequest::lastUse,
            BufferRequest::alignment)
        .containsExactly(
            tuple("in", 0, 0, 8),
            tuple("t1", 0, 2, 8),
            tuple("t2", 1, 3, 8),
            tuple("out", 2, 3, 8), // graph output survives to the last op
            tuple("dead", 3, 3, 8)); // never read: occupies memory only while written
  }

  @Test
  void graphInputsLiveFromOpZeroEvenIfFirstReadLater() {
    LifetimeAnalysis twoInputs = new LifetimeAnalysis(SIZES, List.of("in", "t2"), Set.of("out"), 4);

    List<BufferRequest> requests =
        twoInputs.requests(
            List.of(
                ScheduleStep.of("op0", List.of("in"), List.of("t1")),
                ScheduleStep.of("op1", List.of("t1", "t2"), List.of("out"))));

    assertThat(requests)
        .filteredOn(r -> r.id().equals("t2"))
        .singleElement()
        .extracting(BufferRequest::firstUse, BufferRequest::lastUse)
        .containsExactly(0, 1);
  }

  @Test
  void scratchLivesOnlyDuringItsOpAndInPlaceIsForwarded() {
    List<BufferRequest> requests =
        analysis()
            .requests(
                List.of(
                    ScheduleStep.of("conv", List.of("in"), List.of("t1")).withScratch(64),
                    ScheduleStep.of("dw", List.of("t1"), List.of("out"))
                        .withScratch(12)
                        .inPlace()));

    assertThat(requests)
        .extracting(BufferRequest::id)
        .containsExactly("in", "t1", "out", "conv/scratch", "dw/scratch");
    BufferRequest dwScratch = requests.get(4);
    assertThat(dwScratch.sizeBytes()).isEqualTo(12);
    assertThat(dwScratch.firstUse()).isEqualTo(1);
    assertThat(dwScratch.lastUse()).isEqualTo(1);
    assertThat(requests.get(2).inPlaceOf()).isEqualTo(Optional.of("t1"));
    assertThat(requests.get(1).inPlaceOf()).isEmpty();
  }

  @Test
  void readBeforeWriteIsRejected() {
    assertThatThrownBy(
            () ->
                analysis()
                    .requests(
                        List.of(
                            ScheduleStep.of("op0", List.of("t1"), List.of("t2")),
                            ScheduleStep.of("op1", List.of("in"), List.of("t1")))))
        .hasMessageContaining("op 0 'op0' reads 't1' before any op writes it");
  }

  @Test
  void doubleWriteAndGraphInputOverwriteAreRejected() {
    assertThatThrownBy(
            () ->
                analysis()
                    .requests(
                        List.of(
                            ScheduleStep.of("op0", List.of("in"), List.of("t1")),
                            ScheduleStep.of("op1", List.of("in"), List.of("t1")))))
        .hasMessageContaining("writes 't1' which already exists");
    assertThatThrownBy(
            () ->
                analysis().requests(List.of(ScheduleStep.of("op0", List.of("t1"), List.of("in")))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void missingSizeAndUnwrittenOutputAreRejected() {
    assertThatThrownBy(
            () ->
                analysis()
                    .requests(
                        List.of(
                            ScheduleStep.of("op0", List.of("in"), List.of("mystery")),
                            ScheduleStep.of("op1", List.of("mystery"), List.of("out")))))
        .hasMessageContaining("no size for buffer 'mystery'");
    assertThatThrownBy(
            () ->
                analysis().requests(List.of(ScheduleStep.of("op0", List.of("in"), List.of("t1")))))
        .hasMessageContaining("graph output 'out' is never written");
  }

  @Test
  void duplicateOpNamesAreRejectedBecauseTheyNameScratch() {
    assertThatThrownBy(
            () ->
                analysis()
                    .requests(
                        List.of(
                            ScheduleStep.of("op", List.of("in"), List.of("t1")),
                            ScheduleStep.of("op", List.of("t1"), List.of("out")))))
        .hasMessageContaining("duplicate op name 'op'");
  }
}
