package org.tinysim.engine.planner;

import java.util.List;

/**
 * Buffers that share one offset: a single buffer, or an in-place chain input -> output -> ... Sizes
 * never grow along a chain, so the head is the largest member.
 */
record SlotGroup(List<BufferRequest> members) {

  SlotGroup {
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("empty slot group");
    }
  }

  BufferRequest head() {
    return members.get(0);
  }

  long sizeBytes() {
    return members.stream().mapToLong(BufferRequest::sizeBytes).max().orElseThrow();
  }

  /** The strictest member alignment; alignments are powers of two so the max satisfies all. */
  int alignment() {
    return members.stream().mapToInt(BufferRequest::alignment).max().orElseThrow();
  }

  int firstUse() {
    return head().firstUse();
  }
}
