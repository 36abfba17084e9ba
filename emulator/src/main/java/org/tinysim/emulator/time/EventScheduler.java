package org.tinysim.emulator.time;

import java.util.PriorityQueue;
import java.util.function.LongConsumer;

/**
 * Timed device events in emulated cycles. The earliest deadline is handed to the native hook, which
 * stops emulation when it passes; the host then runs what is due.
 */
public final class EventScheduler {
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final LongConsumer deadlineSink;
  private long sequence;

  /**
   * @param deadlineSink told the earliest pending deadline, or -1 when there is none
   */
  public EventScheduler(LongConsumer deadlineSink) {
    this.deadlineSink = deadlineSink;
    deadlineSink.accept(-1);
  }

  public Clock.ScheduledEvent schedule(long atCycle, Runnable action) {
    Event event = new Event(atCycle, sequence++, action);
    queue.add(event);
    publishDeadline();
    return event;
  }

  /** Runs every event due at or before {@code now}, in deadline order. */
  public void runDue(long now) {
    Event next;
    while ((next = queue.peek()) != null && next.atCycle <= now) {
      queue.poll();
      if (!next.cancelled) {
        next.action.run();
      }
    }
    publishDeadline();
  }

  /** Earliest live deadline, or -1. */
  public long nextDeadline() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll();
    }
    return queue.isEmpty() ? -1 : queue.peek().atCycle;
  }

  private void publishDeadline() {
    deadlineSink.accept(nextDeadline());
  }

  private final class Event implements Clock.ScheduledEvent, Comparable<Event> {
    final long atCycle;
    final long order;
    final Runnable action;
    boolean cancelled;

    Event(long atCycle, long order, Runnable action) {
      this.atCycle = atCycle;
      this.order = order;
      this.action = action;
    }

    @Override
    public void cancel() {
      cancelled = true;
      publishDeadline();
    }

    @Override
    public int compareTo(Event other) {
      int byCycle = Long.compare(atCycle, other.atCycle);
      return byCycle != 0 ? byCycle : Long.compare(order, other.order);
    }
  }
}
