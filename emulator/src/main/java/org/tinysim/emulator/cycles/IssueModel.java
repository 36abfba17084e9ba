package org.tinysim.emulator.cycles;

/**
 * Decides when each instruction of a block issues. Kept separate from decoding and from the
 * block-level accounting so schedulers can be swapped ({@link DualIssue} by default, {@link
 * SingleIssue} for comparison).
 */
public interface IssueModel {
  /**
   * @param block the block's instructions in program order
   * @param startCycle cycle at which the first instruction may issue (after fetch costs)
   * @param issueCycle filled with the cycle each instruction issues (same length as block)
   * @param stalls receives the stall cycles by cause
   * @return the cycle at which the block's last instruction has left the issue stage
   */
  int schedule(Instruction[] block, int startCycle, int[] issueCycle, StallCounts.Tally stalls);
}
