package org.tinysim.engine.planner;

import java.util.Optional;

/**
 * When an op's output may take over its input's slot (TinyEngine's in-place depthwise).
 *
 * <p>The exact rule: output {@code O} with {@code inPlaceOf = I} shares {@code I}'s offset iff
 *
 * <ol>
 *   <li>{@code I.lastUse == O.firstUse}: the input dies at exactly the op that produces the output,
 *       so nobody reads the input's bytes after that op overwrites them;
 *   <li>{@code O.sizeBytes <= I.sizeBytes}: the output fits in the input's own bytes (not in
 *       whatever bigger slot {@code I} itself may have inherited, those bytes may be reused);
 *   <li>no other output already took over {@code I}'s slot (two outputs of the same op would both
 *       be live after it);
 *   <li>chaining does not make two non-adjacent buffers of the chain live at the same op (only
 *       happens with zero-length lifetimes; checked by the planner, see {@link SlotGroups}).
 * </ol>
 *
 * Rules 1 and 2 depend only on the two requests and are checked here.
 *
 * <p>Sharing is only correct because the kernel cooperates: it must process the tensor channel by
 * channel, computing one channel into a small per-channel temporary row and copying it back over
 * the input channel it has just consumed. That temporary row is a separate scratch {@link
 * BufferRequest} live only during the op. A kernel that streams the whole output while still
 * reading input must not request in-place; the code generator must consult {@link
 * MemoryPlan#inPlaceApplied()} to pick the in-place kernel variant.
 */
public final class InPlaceRule {

  private InPlaceRule() {}

  /**
   * @return why the pair is illegal under rules 1 and 2, or empty if it is legal
   */
  public static Optional<String> whyIllegal(BufferRequest input, BufferRequest output) {
    if (!output.inPlaceOf().equals(Optional.of(input.id()))) {
      return Optional.of("'" + output.id() + "' does not ask for the slot of '" + input.id() + "'");
    }
    if (input.lastUse() != output.firstUse()) {
      return Optional.of(
          "input '"
              + input.id()
              + "' is last used at op "
              + input.lastUse()
              + " but output '"
              + output.id()
              + "' is first written at op "
              + output.firstUse());
    }
    if (output.sizeBytes() > input.sizeBytes()) {
      return Optional.of(
          "output '"
              + output.id()
              + "' ("
              + output.sizeBytes()
              + " B) is larger than input '"
              + input.id()
              + "' ("
              + input.sizeBytes()
              + " B)");
    }
    return Optional.empty();
  }

  public static boolean isLegal(BufferRequest input, BufferRequest output) {
    return whyIllegal(input, output).isEmpty();
  }
}
