package org.tinysim.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSchedulerTest {

  @Test
  void runsDueEventsInDeadlineOrderAndPublishesTheNextDeadline() {
    List<Long> deadlines = new ArrayList<>();
    List<String> ran = new ArrayList<>();
    EventScheduler scheduler = new EventScheduler(deadlines::add);
    scheduler.schedule(300, () -> ran.add("c"));
    scheduler.schedule(100, () -> ran.add("a"));
    Clock.ScheduledEvent cancelled = scheduler.schedule(200, () -> ran.add("b"));
    cancelled.cancel();

    scheduler.runDue(250);
    assertThat(ran).containsExactly("a");
    assertThat(scheduler.nextDeadline()).isEqualTo(300);
    assertThat(deadlines.get(deadlines.size() - 1)).isEqualTo(300);

    scheduler.runDue(300);
    assertThat(ran).containsExactly("a", "c");
    assertThat(scheduler.nextDeadline()).isEqualTo(-1);
  }
}
