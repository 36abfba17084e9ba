package org.tinysim.emulator;

import org.tinysim.emulator.cycles.BlockCost;
import org.tinysim.emulator.cycles.BlockCostModel;
import org.tinysim.emulator.cycles.CodeRegion;
import org.tinysim.emulator.cycles.InstructionClass;

/** Test double: one cycle per instruction, so tests of the machine do not depend on timings. */
final class FlatCostModel implements BlockCostModel {
    @Override
    public BlockCost cost(byte[] code, long address, CodeRegion region, int flashWaitStates) {
        int[] offsets = new int[code.length / 2];
        int n = 0;
        for (int off = 0; off + 1 < code.length; ) {
            offsets[n++] = off;
            int hw = (code[off] & 0xff) | ((code[off + 1] & 0xff) << 8);
            off += (hw & 0xF800) >= 0xE800 ? 4 : 2;
        }
        int[] before = new int[n];
        int[] exact = new int[n];
        for (int i = 0; i < n; i++) {
            before[i] = i;
            exact[i] = offsets[i];
        }
        int[] classes = new int[InstructionClass.values().length];
        classes[InstructionClass.ALU.ordinal()] = n;
        return new BlockCost(n, n, 0, exact, before, classes);
    }
}
