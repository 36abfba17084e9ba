package org.tinysim.engine.codegen;

import java.util.List;
import java.util.Map;
import org.tinysim.engine.ir.Tensor;
import org.tinysim.engine.planner.MemoryPlan;
import org.tinysim.engine.planner.ScheduleStep;
import org.tinysim.engine.prepare.OpParams;
import org.tinysim.engine.prepare.PreparedGraph;

/**
 * Where every activation lives: the planner's {@link MemoryPlan} plus the mapping from IR tensors
 * to planned buffers (aliasing ops such as RESHAPE map two tensors to one buffer), and the ops as
 * planned and to be emitted ({@code prepared}: fused PADs folded into their convolutions).
 */
public record ArenaPlan(
    MemoryPlan plan,
    Map<Integer, String> bufferOfTensor,
    List<ScheduleStep> steps,
    PreparedGraph prepared) {

  public ArenaPlan {
    bufferOfTensor = Map.copyOf(bufferOfTensor);
    steps = List.copyOf(steps);
  }

  public long arenaBytes() {
    return plan.arenaSize();
  }

  public String bufferOf(Tensor t) {
    String id = bufferOfTensor.get(t.id());
    if (id == null) {
      throw new IllegalArgumentException(
          "tensor "
              + t.id()
              + " '"
              + t.name()
              + "' has no arena buffer (constant, or never produced)");
    }
    return id;
  }

  public long offsetOf(Tensor t) {
    return plan.offsetOf(bufferOf(t));
  }

  /** Arena offset of op {@code index}'s scratch, or -1 when it has none. */
  public long scratchOffset(int index) {
    ScheduleStep step = steps.get(index);
    return step.scratchBytes() == 0 ? -1 : plan.offsetOf(step.scratchId());
  }

  public long scratchBytes(int index) {
    return steps.get(index).scratchBytes();
  }

  /**
   * Whether op {@code index}'s output exists in the arena after it runs (false for a PAD folded
   * into its convolution: its bytes there are the unpadded input).
   */
  public boolean materialises(int index) {
    return !(prepared.op(index).params() instanceof OpParams.FusedPad);
  }

  /** Whether the planner granted op {@code index}'s in-place request. */
  public boolean inPlace(int index) {
    ScheduleStep step = steps.get(index);
    return step.outputInPlace() && plan.inPlaceApplied().containsKey(step.outputs().get(0));
  }
}
