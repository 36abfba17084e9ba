package org.tinysim.emulator.cycles;

/**
 * Cortex-M7 block cost, v2: decode the block, schedule it with an {@link IssueModel} (in-order
 * dual issue by default), prepend fetch cycles from a {@link FetchModel}, and describe the last
 * instruction's control transfer ({@link BranchPenalties}). Numbers and sources are in
 * {@link CortexM7Timings}, {@link DualIssue} and emulator/CYCLE_MODEL.md. Stateless and thread-safe.
 */
public final class CortexM7CostModel implements BlockCostModel {
    /** Every block costs at least this, so even an empty-looking spin loop advances time. */
    static final int MINIMUM_BLOCK_CYCLES = 1;

    private static final int CLASS_COUNT = InstructionClass.values().length;

    private final IssueModel issueModel;
    private final FetchModel fetchModel;

    public CortexM7CostModel() {
        this(new DualIssue(new CortexM7Timings()), FetchModel.BY_CACHE_STATE);
    }

    public CortexM7CostModel(IssueModel issueModel, FetchModel fetchModel) {
        this.issueModel = issueModel;
        this.fetchModel = fetchModel;
    }

    /** Copies of a one-block loop scheduled back to back to find its steady state (at most this many). */
    static final int MAX_LOOP_COPIES = 8;
    /** ... and at most this many instructions in all. */
    static final int MAX_LOOP_INSTRUCTIONS = 256;

    /** The block ends in a direct branch back to its own first instruction. */
    private static boolean isSelfLoop(Instruction[] block, int[] offsets) {
        if (block.length < 2) {
            return false;
        }
        Instruction last = block[block.length - 1];
        return last.directBranch() && last.branchOffset() == -offsets[block.length - 1];
    }

    /**
     * Cycles of one iteration of a one-block loop once earlier iterations are in flight: the block
     * scheduled k times back to back, minus k-1 times. Loop-carried latencies (an FP accumulator, a
     * load feeding the next iteration) and the store buffer then count, which a lone block misses.
     */
    private int steadyStateIteration(Instruction[] block, StallCounts.Tally stalls) {
        int copies = Math.max(2, Math.min(MAX_LOOP_COPIES, MAX_LOOP_INSTRUCTIONS / block.length));
        StallCounts.Tally first = new StallCounts.Tally();
        int before = scheduleCopies(block, copies - 1, first);
        StallCounts.Tally all = new StallCounts.Tally();
        int after = scheduleCopies(block, copies, all);
        stalls.dualIssueLost = all.dualIssueLost - first.dualIssueLost;
        stalls.loadUse = all.loadUse - first.loadUse;
        stalls.dependency = all.dependency - first.dependency;
        stalls.storeBuffer = all.storeBuffer - first.storeBuffer;
        return Math.max(MINIMUM_BLOCK_CYCLES, after - before);
    }

    private int scheduleCopies(Instruction[] block, int copies, StallCounts.Tally stalls) {
        Instruction[] unrolled = new Instruction[block.length * copies];
        for (int c = 0; c < copies; c++) {
            System.arraycopy(block, 0, unrolled, c * block.length, block.length);
        }
        return issueModel.schedule(unrolled, 0, new int[unrolled.length], stalls);
    }

    @Override
    public BlockCost cost(byte[] code, long address, CodeRegion region, int flashWaitStates, boolean flashCached) {
        Instruction[] block = ThumbDecoder.decodeBlock(code);
        int[] offsets = new int[block.length];
        int[] classCounts = new int[CLASS_COUNT];
        int[] accessBases = new int[block.length];
        int offset = 0;
        for (int i = 0; i < block.length; i++) {
            offsets[i] = offset;
            boolean access = block[i].isLoad() || block[i].isStore();
            accessBases[i] = access ? block[i].addressBase() : -1;
            offset += block[i].length();
            classCounts[block[i].kind().ordinal()]++;
        }
        int[] issueCycle = new int[block.length];
        StallCounts.Tally stalls = new StallCounts.Tally();
        int fetch = fetchModel.fetchCycles(region, address, code.length, flashWaitStates, flashCached);
        stalls.fetch = fetch;
        int end = issueModel.schedule(block, fetch, issueCycle, stalls);
        if (isSelfLoop(block, offsets)) {
            StallCounts.Tally steadyStalls = new StallCounts.Tally();
            // never below the lone schedule's last issue, so a mid-block clock read never runs ahead
            end = Math.max(fetch + steadyStateIteration(block, steadyStalls), issueCycle[block.length - 1]);
            steadyStalls.fetch = fetch;
            stalls = steadyStalls;
        }
        int penalty = 0;
        boolean predicted = false;
        boolean backward = false;
        int mispredict = 0;
        if (block.length > 0) {
            Instruction last = block[block.length - 1];
            penalty = BranchPenalties.takenPenalty(last);
            predicted = BranchPenalties.predicted(last);
            if (predicted) {
                backward = last.branchOffset() <= 0;
                mispredict = BranchPenalties.mispredictPenalty(block, issueCycle, fetch);
            }
        }
        return new BlockCost(Math.max(end, MINIMUM_BLOCK_CYCLES), block.length, penalty, offsets, issueCycle,
                classCounts, predicted, backward, mispredict, stalls.toCounts(), accessBases);
    }
}
