package org.tinysim.engine.training;

import java.util.stream.Collectors;

/** Text listing of a training program: each step with the tensors it reads and writes. */
public final class ProgramListing {

  private ProgramListing() {}

  public static String render(TrainingProgram p) {
    StringBuilder b = new StringBuilder();
    b.append("program (")
        .append(p.mode())
        .append("): ")
        .append(p.steps().size())
        .append(" steps, ")
        .append(p.tensors().size())
        .append(" tensors\n");
    for (int i = 0; i < p.steps().size(); i++) {
      TrainStep s = p.steps().get(i);
      b.append("  ")
          .append(StepText.describe(p.forward().graph(), s, i))
          .append("  reads ")
          .append(names(p, s.reads()))
          .append(" writes ")
          .append(names(p, s.writes()))
          .append('\n');
    }
    b.append("tensors (name role bytes steps [offset]):\n");
    for (TrainTensor t : p.tensors()) {
      b.append("  ")
          .append(t.name())
          .append(' ')
          .append(t.role())
          .append(' ')
          .append(t.bytes())
          .append(" B ")
          .append(t.firstStep())
          .append("..")
          .append(t.lastStep());
      if (t.role().inArena()) {
        b.append(" @").append(p.arenaOffset(t.id()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String names(TrainingProgram p, java.util.List<Integer> ids) {
    return ids.stream().map(id -> p.tensor(id).name()).collect(Collectors.joining(", ", "[", "]"));
  }
}
