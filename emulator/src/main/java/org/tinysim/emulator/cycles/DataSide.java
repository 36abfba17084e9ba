package org.tinysim.emulator.cycles;

import java.util.function.IntUnaryOperator;

/**
 * What the data side of a block's cost depends on besides its code: the memory configuration when
 * the block is costed and the core registers at its first execution, from which each load/store's
 * region is classified once (see {@link DataMemoryModel}).
 *
 * @param flashWaitStates FLASH_ACR.LATENCY (0..15)
 * @param dataCacheOn SCB CCR.DC: the L1 D-cache serves AXIM data accesses
 * @param artOn FLASH_ACR.ARTEN: ST's ART serves the flash's ITCM path
 * @param perAccess the native hook charges every data access itself (exact D-cache mode), so the
 *     block's static cost carries no data-side estimate
 * @param registers core register n at the block's entry (0..15); null when unknown, which makes
 *     every access cost like DTCM (model v2)
 * @param resident the hook saw the block's probe register stay within the D-cache's size, so its
 *     stepped accesses re-read cached lines instead of streaming
 */
public record DataSide(
    int flashWaitStates,
    boolean dataCacheOn,
    boolean artOn,
    boolean perAccess,
    IntUnaryOperator registers,
    boolean resident) {
  /** No data-side costs: every access costs like DTCM (cycle model v2). */
  public static final DataSide FREE = new DataSide(0, false, false, false, null, false);

  public boolean modelled() {
    return registers != null && !perAccess;
  }
}
