package org.tinysim.emulator.run;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cycles.BlockCost;
import org.tinysim.emulator.cycles.BlockCostModel;
import org.tinysim.emulator.cycles.CodeRegion;
import org.tinysim.emulator.cycles.DataSide;
import org.tinysim.emulator.memory.Stm32f746MemoryMap;

/**
 * Asks the cost model once per new block (the native hook caches the packed result) and keeps the
 * full {@link BlockCost} for exact mid-block clock reads and profiles.
 */
public final class BlockCostCache implements CpuBackend.BlockCostSource {
  private final CpuBackend cpu;
  private final BlockCostModel model;
  private final IntSupplier flashWaitStates;
  private final Predicate<CodeRegion> flashCached;
  private final BooleanSupplier dataCacheOn;
  private final BooleanSupplier dataPerAccess;
  private final Map<Long, BlockCost> costs = new HashMap<>();

  /** The size of the block last costed at each address (split loops chain their blocks). */
  private final Map<Long, Integer> blockSizeAt = new HashMap<>();

  /** Split loops seen: the address a loop's backward branch lands on, to its block's address. */
  private final Map<Long, Long> loopTailOf = new HashMap<>();

  private BlockCost lastCost;
  private BooleanSupplier residentWorkingSet = () -> false;

  /**
   * @param flashCached whether code fetched from flash goes through a cache (see {@link #regionOf}:
   *     the I-cache on AXIM, the ART on the ITCM path); asked with the region, so one supplier
   *     serves both paths
   * @param dataCacheOn CCR.DC
   * @param dataPerAccess the native hook simulates the D-cache per access (exact mode), so block
   *     costs leave the data side out
   */
  public BlockCostCache(
      CpuBackend cpu,
      BlockCostModel model,
      IntSupplier flashWaitStates,
      Predicate<CodeRegion> flashCached,
      BooleanSupplier dataCacheOn,
      BooleanSupplier dataPerAccess) {
    this.cpu = cpu;
    this.model = model;
    this.flashWaitStates = flashWaitStates;
    this.flashCached = flashCached;
    this.dataCacheOn = dataCacheOn;
    this.dataPerAccess = dataPerAccess;
  }

  @Override
  public long packedCost(long address, int size) {
    CodeRegion region = regionOf(address);
    int waitStates = flashWaitStates.getAsInt();
    // called before the block's first execution: its address registers classify its accesses
    DataSide data =
        new DataSide(
            waitStates,
            dataCacheOn.getAsBoolean(),
            flashCached.test(CodeRegion.FLASH_ITCM),
            dataPerAccess.getAsBoolean(),
            r -> cpu.readRegister(CoreRegister.core(r)),
            residentWorkingSet.getAsBoolean());
    byte[] code = cpu.readMemory(address, size);
    BlockCost cost = model.cost(code, address, region, waitStates, flashCached.test(region), data);
    cost = asSplitLoopPart(code, address, region, waitStates, data, cost);
    costs.put(key(address, size), cost);
    blockSizeAt.put(address, size);
    lastCost = cost;
    boolean throughInstructionCache = region == CodeRegion.FLASH_AXIM && flashCached.test(region);
    return pack(cost) | (throughInstructionCache ? 1L << 63 : 0);
  }

  /**
   * A loop Unicorn split at a page costs, over its blocks, one iteration of the loop as one block
   * (BlockCostModel#splitLoopHead). The loop's block costed last, its last block (the backward
   * branch) or its first (where the branch lands, often costed after the last: the first pass
   * enters the loop inside a block that starts before it), gets the whole loop's cycles less those
   * of the others, once they tile the loop; anything else keeps its own cost.
   */
  private BlockCost asSplitLoopPart(
      byte[] code, long address, CodeRegion region, int waitStates, DataSide data, BlockCost own) {
    long head = model.splitLoopHead(code, address, t -> cpu.readMemory(t, (int) (address - t)));
    long tail = address;
    if (head >= 0) {
      loopTailOf.put(head, address);
    } else if (loopTailOf.containsKey(address)) {
      head = address;
      tail = loopTailOf.get(address);
    } else {
      return own;
    }
    if (regionOf(head) != region) {
      return own;
    }
    Integer tailSize = tail == address ? Integer.valueOf(code.length) : blockSizeAt.get(tail);
    if (tailSize == null) {
      return own;
    }
    double others = 0;
    for (long a = head; a <= tail; ) {
      Integer size = a == address ? Integer.valueOf(code.length) : blockSizeAt.get(a);
      if (size == null || (a < tail && a + size > tail)) {
        return own;
      }
      if (a != address) {
        BlockCost c = costs.get(key(a, size));
        others += c.cycles() + c.dataFraction() / 256.0;
      }
      a += size;
    }
    int loopSize = (int) (tail + tailSize - head);
    BlockCost whole =
        model.cost(
            cpu.readMemory(head, loopSize),
            head,
            region,
            waitStates,
            flashCached.test(region),
            data);
    return model.splitLoopPart(own, others, whole);
  }

  /**
   * Asked while a block is costed: does its probe's span so far fit the D-cache (the hook knows)?
   */
  public void setResidentWorkingSetSource(BooleanSupplier resident) {
    this.residentWorkingSet = resident;
  }

  @Override
  public BlockCost lastCost() {
    return lastCost;
  }

  /** The layout tinysim_hook.h documents for the native hook (bit 63 is set by the caller). */
  static long pack(BlockCost cost) {
    long cycles = Math.min(cost.cycles(), 0xFFFF_FFFFL);
    long instructions = Math.min(cost.instructions(), 0xFFFF);
    long penalty = Math.min(cost.takenBranchPenalty(), 0x3F);
    long mispredict = Math.min(cost.mispredictPenalty(), 0x1F);
    long flags =
        (cost.predictedBranch() ? 1L << 61 : 0)
            | (cost.backwardBranch() ? 1L << 62 : 0)
            | (cost.endsInCall() ? 1L << 54 : 0)
            | (cost.endsInReturn() ? 1L << 55 : 0);
    return cycles | (instructions << 32) | (penalty << 48) | (mispredict << 56) | flags;
  }

  public BlockCost costOf(long address, int size) {
    return costs.get(key(address, size));
  }

  public void clear() {
    costs.clear();
    blockSizeAt.clear();
    loopTailOf.clear();
  }

  static CodeRegion regionOf(long address) {
    if (address >= Stm32f746MemoryMap.FLASH_BASE
        && address < Stm32f746MemoryMap.FLASH_BASE + Stm32f746MemoryMap.FLASH_SIZE) {
      return CodeRegion.FLASH_AXIM;
    }
    if (address >= Stm32f746MemoryMap.FLASH_ITCM_BASE
        && address < Stm32f746MemoryMap.FLASH_ITCM_BASE + Stm32f746MemoryMap.FLASH_SIZE) {
      return CodeRegion.FLASH_ITCM;
    }
    if (address < 16 * 1024) {
      return CodeRegion.ITCM_RAM;
    }
    if (address >= Stm32f746MemoryMap.SRAM1_BASE && address < Stm32f746MemoryMap.SRAM_END) {
      return CodeRegion.SRAM_AXIM;
    }
    return CodeRegion.SRAM;
  }

  private static long key(long address, int size) {
    return (address << 32) | (size & 0xFFFFFFFFL);
  }
}
