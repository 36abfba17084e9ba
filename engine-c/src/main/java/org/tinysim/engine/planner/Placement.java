package org.tinysim.engine.planner;

import java.util.Objects;

/** A buffer together with the arena offset a planner gave it. */
public record Placement(BufferRequest request, long offset) {

  public Placement {
    Objects.requireNonNull(request, "request");
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset for '" + request.id() + "'");
    }
  }

  public String id() {
    return request.id();
  }

  public long size() {
    return request.sizeBytes();
  }

  /** First byte after the buffer. */
  public long end() {
    return offset + request.sizeBytes();
  }

  public boolean overlapsInAddress(Placement other) {
    return offset < other.end() && other.offset < end();
  }

  /** Two buffers clash only if they share bytes while both are live. */
  public boolean clashesWith(Placement other) {
    return request.overlapsInTime(other.request) && overlapsInAddress(other);
  }

  String describe() {
    return "'" + id() + "' (" + request.lifetime() + ", bytes [" + offset + ", " + end() + "))";
  }
}
