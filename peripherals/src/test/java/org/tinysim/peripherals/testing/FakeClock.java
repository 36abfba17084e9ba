package org.tinysim.peripherals.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.tinysim.emulator.time.Clock;

/** A clock the test advances by hand; due events run in cycle order, each at its own cycle. */
public final class FakeClock implements Clock {
  private final PriorityQueue<Event> events =
      new PriorityQueue<>(Comparator.comparingLong(Event::at).thenComparingLong(Event::sequence));
  private final List<Long> firedAt = new ArrayList<>();
  private long now;
  private long nextSequence;

  @Override
  public long cycles() {
    return now;
  }

  @Override
  public long coreFrequencyHz() {
    return 16_000_000L;
  }

  @Override
  public ScheduledEvent scheduleAt(long atCycle, Runnable action) {
    Event event = new Event(atCycle, nextSequence++, action);
    events.add(event);
    return () -> events.remove(event);
  }

  /** Moves time forward to {@code cycle}, running every event due on the way at its cycle. */
  public void advanceTo(long cycle) {
    while (!events.isEmpty() && events.peek().at() <= cycle) {
      Event event = events.poll();
      now = Math.max(now, event.at());
      firedAt.add(now);
      event.action().run();
    }
    now = cycle;
  }

  /** Moves time without running due events, as during a block before its boundary. */
  public void jumpWithinBlockTo(long cycle) {
    now = cycle;
  }

  public void advanceBy(long cycles) {
    advanceTo(now + cycles);
  }

  /** Cycles at which scheduled events ran so far. */
  public List<Long> firedAt() {
    return List.copyOf(firedAt);
  }

  public int pendingEvents() {
    return events.size();
  }

  private record Event(long at, long sequence, Runnable action) {}
}
