package org.tinysim.emulator.cycles;

/**
 * Cortex-M7 block cost, v1: decode the block, schedule it with an {@link IssueModel} (single issue
 * by default), prepend fetch cycles from a {@link FetchModel}, and charge the last instruction's
 * expected taken-branch penalty ({@link BranchPenalties}). Numbers and sources are in
 * {@link CortexM7Timings} and emulator/CYCLE_MODEL.md. Stateless and thread-safe.
 */
public final class CortexM7CostModel implements BlockCostModel {
    /** Every block costs at least this, so even an empty-looking spin loop advances time. */
    static final int MINIMUM_BLOCK_CYCLES = 1;

    private static final int CLASS_COUNT = InstructionClass.values().length;

    private final IssueModel issueModel;
    private final FetchModel fetchModel;

    public CortexM7CostModel() {
        this(new SingleIssue(new CortexM7Timings()), FetchModel.CACHE_HIT);
    }

    public CortexM7CostModel(IssueModel issueModel, FetchModel fetchModel) {
        this.issueModel = issueModel;
        this.fetchModel = fetchModel;
    }

    @Override
    public BlockCost cost(byte[] code, long address, CodeRegion region, int flashWaitStates) {
        Instruction[] block = ThumbDecoder.decodeBlock(code);
        int[] offsets = new int[block.length];
        int[] classCounts = new int[CLASS_COUNT];
        int offset = 0;
        for (int i = 0; i < block.length; i++) {
            offsets[i] = offset;
            offset += block[i].length();
            classCounts[block[i].kind().ordinal()]++;
        }
        int[] issueCycle = new int[block.length];
        int fetch = fetchModel.fetchCycles(region, address, code.length, flashWaitStates);
        int end = issueModel.schedule(block, fetch, issueCycle);
        int penalty = block.length == 0 ? 0 : BranchPenalties.takenPenalty(block[block.length - 1]);
        return new BlockCost(Math.max(end, MINIMUM_BLOCK_CYCLES), block.length, penalty, offsets, issueCycle,
                classCounts);
    }
}
