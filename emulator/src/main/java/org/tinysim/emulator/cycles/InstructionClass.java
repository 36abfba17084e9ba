package org.tinysim.emulator.cycles;

/** Instruction classes the cycle model distinguishes (and reports as the instruction mix). */
public enum InstructionClass {
    ALU, SHIFT_EXTEND, MUL, MAC, DSP_MAC, SATURATE_SIMD, DIVIDE,
    LOAD, STORE, LOAD_MULTIPLE, STORE_MULTIPLE,
    BRANCH, BRANCH_CONDITIONAL, IT, NOP,
    VFP_ARITH, VFP_MUL_ACC, VFP_DIV_SQRT, VFP_LOAD_STORE, VFP_MOVE,
    SYSTEM, UNDEFINED
}
