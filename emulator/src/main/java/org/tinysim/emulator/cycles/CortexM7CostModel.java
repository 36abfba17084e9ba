package org.tinysim.emulator.cycles;

/**
 * Cortex-M7 block cost: decode the block, schedule it with an {@link IssueModel} (in-order dual
 * issue by default), prepend fetch cycles from a {@link FetchModel}, add the data side's cycles
 * ({@link DataMemoryModel}, model v3) and describe the last instruction's control transfer ({@link
 * BranchPenalties}). Numbers and sources are in {@link CortexM7Timings}, {@link DualIssue} and
 * emulator/CYCLE_MODEL.md. Stateless and thread-safe.
 */
public final class CortexM7CostModel implements BlockCostModel {
  /** Model versions that can still be selected, so earlier figures can be reproduced. */
  public enum Version {
    /** Dual issue, fetch wait states; every data access costs like DTCM. */
    V2,
    /** v2 plus the data side: flash and AXI SRAM through the D-cache or uncached. */
    V3;

    /** "v2", "V3"...; a clear error names the accepted values. */
    public static Version parse(String text) {
      for (Version v : values()) {
        if (v.name().equalsIgnoreCase(text.trim())) {
          return v;
        }
      }
      throw new IllegalArgumentException(
          "unknown cycle model version '" + text + "' (expected v2 or v3)");
    }
  }

  /** System property that picks the default version (v3 when unset). */
  public static final String VERSION_PROPERTY = "tinysim.cycleModel";

  private static final CortexM7Timings TIMINGS = new CortexM7Timings();

  /** Every block costs at least this, so even an empty-looking spin loop advances time. */
  static final int MINIMUM_BLOCK_CYCLES = 1;

  private static final int CLASS_COUNT = InstructionClass.values().length;

  private final IssueModel issueModel;
  private final FetchModel fetchModel;
  private final Version version;

  /** The version named by {@value #VERSION_PROPERTY}, else v3. */
  public CortexM7CostModel() {
    this(Version.parse(System.getProperty(VERSION_PROPERTY, "v3")));
  }

  public CortexM7CostModel(Version version) {
    this(new DualIssue(new CortexM7Timings()), FetchModel.BY_CACHE_STATE, version);
  }

  public CortexM7CostModel(IssueModel issueModel, FetchModel fetchModel) {
    this(issueModel, fetchModel, Version.V3);
  }

  public CortexM7CostModel(IssueModel issueModel, FetchModel fetchModel, Version version) {
    this.issueModel = issueModel;
    this.fetchModel = fetchModel;
    this.version = version;
  }

  public Version version() {
    return version;
  }

  /**
   * Branch table entries in v3 [A], shared by conditional branches (2-bit counters) and indirect
   * branches (last target): the M7's table sizes are not public; 128 is the BTAC of the ARM1176
   * (DDI 0301), the nearest documented Arm design. CoreMark's size sweep (CYCLE_MODEL.md) shows it
   * is the smallest size that does not slow -Os by 5 % or more.
   */
  static final int BRANCH_TABLE_ENTRIES = 128;

  /**
   * System property that replaces {@link #BRANCH_TABLE_ENTRIES} in v3, to repeat the size sweep of
   * CYCLE_MODEL.md (a power of two up to 4096; 0 = one unlimited counter per branch, as v2).
   */
  public static final String BRANCH_TABLE_PROPERTY = "tinysim.branchTableEntries";

  @Override
  public int branchTableEntries() {
    if (version == Version.V2) {
      return 0;
    }
    String text = System.getProperty(BRANCH_TABLE_PROPERTY);
    if (text == null) {
      return BRANCH_TABLE_ENTRIES;
    }
    try {
      int entries = Integer.parseInt(text.trim());
      if (entries >= 0 && entries <= 4096 && (entries & (entries - 1)) == 0) {
        return entries;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D"
            + BRANCH_TABLE_PROPERTY
            + "='"
            + text
            + "' is not a branch table size (a power of two up to 4096, or 0)");
  }

  /**
   * Return stack entries in v3 [A]: the M7's documentation names only a BTAC; 4 is the return stack
   * of the Cortex-R4/R5 (DDI 0363, DDI 0460), Arm's nearest documented design. CoreMark's sweep
   * (CYCLE_MODEL.md) finds 2 and more alike; 1 cannot follow a tail call.
   */
  public static final int RETURN_STACK_ENTRIES = 4;

  /**
   * Cycles a return costs when the branch table misses it and the return stack predicts it [A]: the
   * table redirects fetch at once, the stack only once the return is decoded. Chosen by CoreMark's
   * sweep (CYCLE_MODEL.md, 0 to 5): 2 to 4 keep every level within 2 %.
   */
  public static final int RETURN_STACK_PENALTY = 3;

  /**
   * System properties that replace {@link #RETURN_STACK_ENTRIES} / {@link #RETURN_STACK_PENALTY}.
   */
  public static final String RETURN_STACK_PROPERTY = "tinysim.returnStackEntries";

  public static final String RETURN_STACK_PENALTY_PROPERTY = "tinysim.returnStackPenalty";

  @Override
  public int returnStackEntries() {
    if (version == Version.V2) {
      return 0;
    }
    return intProperty(RETURN_STACK_PROPERTY, RETURN_STACK_ENTRIES, 16);
  }

  @Override
  public int returnStackPenalty() {
    return intProperty(RETURN_STACK_PENALTY_PROPERTY, RETURN_STACK_PENALTY, 63);
  }

  private static int intProperty(String name, int fallback, int max) {
    String text = System.getProperty(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "-D" + name + "='" + text + "' is not a number from 0 to " + max);
  }

  /**
   * Copies of a one-block loop scheduled back to back to find its steady state (at most this many).
   */
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
  public long splitLoopHead(
      byte[] code, long address, java.util.function.LongFunction<byte[]> body) {
    Instruction[] block = ThumbDecoder.decodeBlock(code);
    Instruction last = block[block.length - 1];
    long target = address + code.length - last.length() + last.branchOffset();
    boolean spansPage = target / UNICORN_PAGE != address / UNICORN_PAGE;
    if (!last.directBranch()
        || target >= address
        || !spansPage
        || address - target > 2 * UNICORN_PAGE) {
      return -1;
    }
    byte[] before = body.apply(target);
    int offset = 0;
    while (offset < before.length) {
      Instruction insn = ThumbDecoder.decode(before, offset);
      if (insn.writesPc() || insn.kind() == InstructionClass.IT) {
        return -1;
      }
      offset += insn.length();
    }
    return offset == before.length ? target : -1;
  }

  /**
   * {@inheritDoc} The whole loop's steady-state cycles (data-side fractions included) less the
   * other blocks', at least 0 (the others, costed alone, can already hold the iteration: their
   * stalls overlap the previous iteration in the whole loop); no result is charged as handed over
   * into this block (the whole loop's schedule holds it), and its mid-block clock reads stay within
   * its share.
   */
  @Override
  public BlockCost splitLoopPart(BlockCost part, double others, BlockCost whole) {
    double share = Math.max(0, whole.cycles() + whole.dataFraction() / 256.0 - others);
    int cycles = (int) share;
    int fraction = Math.min(255, (int) Math.round((share - cycles) * 256));
    int[] before = part.cyclesBefore().clone();
    for (int i = 0; i < before.length; i++) {
      before[i] = Math.min(before[i], cycles);
    }
    byte[] noWait = new byte[part.firstUses().length];
    java.util.Arrays.fill(noWait, (byte) BlockHandOver.MAX_CYCLES);
    return new BlockCost(
        cycles,
        part.instructions(),
        part.takenBranchPenalty(),
        part.instructionOffsets(),
        before,
        part.classCounts(),
        part.predictedBranch(),
        part.backwardBranch(),
        part.mispredictPenalty(),
        part.stalls(),
        part.accessBases(),
        part.dataProbe(),
        fraction,
        part.tail(),
        noWait,
        part.endsInCall(),
        part.endsInReturn());
  }

  /**
   * Data-side cycles stall the pipeline at their instruction [A]: each later instruction issues
   * that much later (whole cycles). Returns the block's total, fractions included.
   */
  private static double addDataSide(
      Instruction[] block,
      long address,
      DataSide data,
      int[] issueCycle,
      StallCounts.Tally stalls) {
    double[] extra = DataMemoryModel.extraCycles(block, address, data);
    double delay = 0;
    for (int i = 0; i < block.length; i++) {
      issueCycle[i] += (int) delay;
      delay += extra[i];
    }
    return delay;
  }

  @Override
  public BlockCost cost(
      byte[] code, long address, CodeRegion region, int flashWaitStates, boolean flashCached) {
    return cost(code, address, region, flashWaitStates, flashCached, DataSide.FREE);
  }

  @Override
  public BlockCost cost(
      byte[] code,
      long address,
      CodeRegion region,
      int flashWaitStates,
      boolean flashCached,
      DataSide data) {
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
      end =
          Math.max(fetch + steadyStateIteration(block, steadyStalls), issueCycle[block.length - 1]);
      steadyStalls.fetch = fetch;
      stalls = steadyStalls;
    }
    int dataFraction = 0;
    if (version != Version.V2) {
      double dataCycles = addDataSide(block, address, data, issueCycle, stalls);
      int whole = (int) dataCycles;
      dataFraction = (int) Math.round((dataCycles - whole) * 256);
      if (dataFraction == 256) {
        whole++;
        dataFraction = 0;
      }
      end += whole;
      stalls.memory = whole;
    }
    int penalty = 0;
    boolean predicted = false;
    boolean backward = false;
    int mispredict = 0;
    if (block.length > 0) {
      Instruction last = block[block.length - 1];
      penalty = BranchPenalties.takenPenalty(last, branchTableEntries() > 0);
      predicted = BranchPenalties.predicted(last);
      if (predicted) {
        backward = last.branchOffset() <= 0;
        mispredict = BranchPenalties.mispredictPenalty(block, issueCycle, fetch);
      }
    }
    int cycles = Math.max(end, MINIMUM_BLOCK_CYCLES);
    boolean handsOver = version != Version.V2;
    return new BlockCost(
        cycles,
        block.length,
        penalty,
        offsets,
        issueCycle,
        classCounts,
        predicted,
        backward,
        mispredict,
        stalls.toCounts(),
        accessBases,
        version == Version.V2 ? -1 : DataMemoryModel.probe(block, data),
        dataFraction,
        handsOver && !isSelfLoop(block, offsets)
            ? BlockHandOver.tail(block, issueCycle, cycles, TIMINGS)
            : 0,
        handsOver ? BlockHandOver.firstUses(block, issueCycle) : BlockHandOver.NO_USES,
        block.length > 0 && BranchPenalties.call(block[block.length - 1]),
        block.length > 0 && BranchPenalties.returns(block[block.length - 1]));
  }
}
