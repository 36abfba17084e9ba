package org.tinysim.engine.planner;

import java.util.Objects;
import java.util.Optional;

/**
 * One buffer the arena must hold.
 *
 * @param id unique name, used in plans, reports and error messages
 * @param sizeBytes bytes the kernel reads or writes, without padding
 * @param firstUse schedule index of the op that first writes (or, for graph inputs, reads) it
 * @param lastUse schedule index of the last op that reads it; inclusive
 * @param alignment required offset alignment in bytes, a power of two
 * @param inPlaceOf id of a buffer whose slot this one would like to take over, see {@link
 *     InPlaceRule}
 */
public record BufferRequest(
    String id,
    long sizeBytes,
    int firstUse,
    int lastUse,
    int alignment,
    Optional<String> inPlaceOf) {

  /** Word alignment: the minimum the SIMD (SMLAD / LDR-pair) kernels accept. */
  public static final int DEFAULT_ALIGNMENT = 4;

  public BufferRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(inPlaceOf, "inPlaceOf");
    if (id.isBlank()) {
      throw new IllegalArgumentException("buffer id must not be blank");
    }
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("buffer '" + id + "' has non-positive size " + sizeBytes);
    }
    if (firstUse < 0 || lastUse < firstUse) {
      throw new IllegalArgumentException(
          "buffer '" + id + "' has invalid lifetime ops " + firstUse + ".." + lastUse);
    }
    if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
      throw new IllegalArgumentException(
          "buffer '" + id + "' alignment " + alignment + " is not a power of two");
    }
    if (inPlaceOf.filter(id::equals).isPresent()) {
      throw new IllegalArgumentException("buffer '" + id + "' cannot be in place of itself");
    }
  }

  public static BufferRequest of(String id, long sizeBytes, int firstUse, int lastUse) {
    return new BufferRequest(id, sizeBytes, firstUse, lastUse, DEFAULT_ALIGNMENT, Optional.empty());
  }

  public BufferRequest withAlignment(int newAlignment) {
    return new BufferRequest(id, sizeBytes, firstUse, lastUse, newAlignment, inPlaceOf);
  }

  /** Asks to reuse {@code inputId}'s slot; the planner decides whether the rule allows it. */
  public BufferRequest inPlaceOf(String inputId) {
    return new BufferRequest(id, sizeBytes, firstUse, lastUse, alignment, Optional.of(inputId));
  }

  public boolean liveAt(int op) {
    return firstUse <= op && op <= lastUse;
  }

  public boolean overlapsInTime(BufferRequest other) {
    return firstUse <= other.lastUse && other.firstUse <= lastUse;
  }

  String lifetime() {
    return "ops " + firstUse + ".." + lastUse;
  }
}
