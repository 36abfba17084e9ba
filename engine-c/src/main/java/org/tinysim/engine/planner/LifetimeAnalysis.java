package org.tinysim.engine.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a linear schedule into {@link BufferRequest}s.
 *
 * <p>A buffer lives from the op that writes it (graph inputs: op 0, the application fills them
 * before inference) to the last op that reads it (graph outputs: the last op, so the application
 * can read them afterwards). A written-but-never-read buffer still occupies memory during its op.
 * Scratch lives only during its op.
 */
public final class LifetimeAnalysis {

  private final Map<String, Long> sizes;
  private final List<String> graphInputs;
  private final Set<String> graphOutputs;
  private final int alignment;

  /**
   * @param sizes bytes of every arena buffer mentioned by the schedule
   * @param graphInputs buffers valid before op 0
   * @param graphOutputs buffers that must survive the last op
   * @param alignment alignment given to every request
   */
  public LifetimeAnalysis(
      Map<String, Long> sizes, List<String> graphInputs, Set<String> graphOutputs, int alignment) {
    this.sizes = Map.copyOf(sizes);
    this.graphInputs = List.copyOf(graphInputs);
    this.graphOutputs = Set.copyOf(graphOutputs);
    this.alignment = alignment;
  }

  /**
   * @return graph inputs, then op outputs in schedule order, then scratch buffers in schedule order
   */
  public List<BufferRequest> requests(List<ScheduleStep> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("empty schedule");
    }
    int lastOp = steps.size() - 1;
    Map<String, int[]> span = new LinkedHashMap<>();
    Map<String, String> inPlaceOf = new LinkedHashMap<>();
    graphInputs.forEach(id -> span.put(id, new int[] {0, 0}));
    List<BufferRequest> scratch = new ArrayList<>();
    Set<String> names = new HashSet<>();

    for (int op = 0; op < steps.size(); op++) {
      ScheduleStep step = steps.get(op);
      if (!names.add(step.name())) {
        throw new IllegalArgumentException("duplicate op name '" + step.name() + "'");
      }
      for (String in : step.inputs()) {
        int[] s = span.get(in);
        if (s == null) {
          throw new IllegalArgumentException(
              "op "
                  + op
                  + " '"
                  + step.name()
                  + "' reads '"
                  + in
                  + "' before any op writes it and it is not a graph input");
        }
        s[1] = op;
      }
      for (String out : step.outputs()) {
        if (span.containsKey(out)) {
          throw new IllegalArgumentException(
              "op "
                  + op
                  + " '"
                  + step.name()
                  + "' writes '"
                  + out
                  + "' which already exists (written twice, a graph input, or read by the same op)");
        }
        span.put(out, new int[] {op, op});
      }
      if (step.outputInPlace()) {
        inPlaceOf.put(step.outputs().get(0), step.inputs().get(0));
      }
      if (step.scratchBytes() > 0) {
        scratch.add(request(step.scratchId(), step.scratchBytes(), op, op, Optional.empty()));
      }
    }
    for (String out : graphOutputs) {
      int[] s = span.get(out);
      if (s == null) {
        throw new IllegalArgumentException("graph output '" + out + "' is never written");
      }
      s[1] = lastOp;
    }

    List<BufferRequest> result = new ArrayList<>();
    span.forEach(
        (id, s) ->
            result.add(
                request(id, sizeOf(id), s[0], s[1], Optional.ofNullable(inPlaceOf.get(id)))));
    result.addAll(scratch);
    return result;
  }

  private long sizeOf(String id) {
    Long size = sizes.get(id);
    if (size == null) {
      throw new IllegalArgumentException(
          "no size for buffer '" + id + "' (weights must not be listed: they live in flash)");
    }
    return size;
  }

  private BufferRequest request(
      String id, long size, int first, int last, Optional<String> inPlace) {
    return new BufferRequest(id, size, first, last, alignment, inPlace);
  }
}
