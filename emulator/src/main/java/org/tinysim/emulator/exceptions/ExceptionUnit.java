package org.tinysim.emulator.exceptions;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cpu.CoreRegister;

/**
 * Cortex-M exception entry and return, done by the host because Unicorn 2.0.1 performs neither
 * for M-profile cores: it stacks the (basic or FP-extended) frame, sets IPSR, LR = EXC_RETURN and
 * the handler's PC; on return (which Unicorn surfaces as a prefetch abort at 0xFFFFFFF8) it
 * unstacks. Timings: 12 cycles entry, 10 cycles return (Cortex-M7 TRM interrupt latency).
 */
public final class ExceptionUnit {
    public static final int ENTRY_CYCLES = 12;
    public static final int RETURN_CYCLES = 10;

    private static final int CONTROL_SPSEL = 1 << 1;
    private static final int CONTROL_FPCA = 1 << 2;
    private static final int XPSR_SP_REALIGNED = 1 << 9;
    private static final int BASIC_FRAME = 32;
    private static final int FP_FRAME = 104;

    private final CpuBackend cpu;
    private final InterruptController controller;
    private final Deque<Active> active = new ArrayDeque<>();
    private long deepestFrameAddress = Long.MAX_VALUE;

    private record Active(int exception, int excReturn) {
    }

    public ExceptionUnit(CpuBackend cpu, InterruptController controller) {
        this.cpu = cpu;
        this.controller = controller;
    }

    /** Current execution priority: the most urgent active exception, or masks (PRIMASK/BASEPRI). */
    public int executionPriority() {
        int priority = 256;
        for (Active a : active) {
            priority = Math.min(priority, controller.priorityOf(a.exception()));
        }
        int basepri = cpu.readRegister(CoreRegister.BASEPRI) & 0xff;
        if (basepri != 0) {
            priority = Math.min(priority, basepri);
        }
        if ((cpu.readRegister(CoreRegister.PRIMASK) & 1) != 0) {
            priority = Math.min(priority, 0);
        }
        return priority;
    }

    public boolean inHandler() {
        return !active.isEmpty();
    }

    /** Takes the most urgent pending exception that may preempt now; returns its number or -1. */
    public int takePending(int returnAddress) {
        int exception = controller.highestPendingPreempting(executionPriority());
        if (exception < 0) {
            return -1;
        }
        enter(exception, returnAddress);
        return exception;
    }

    /** Synchronous exception entry (SVC), with {@code returnAddress} the next instruction. */
    public void enter(int exception, int returnAddress) {
        int control = cpu.readRegister(CoreRegister.CONTROL);
        boolean threadMode = active.isEmpty();
        boolean onProcessStack = threadMode && (control & CONTROL_SPSEL) != 0;
        boolean fpFrame = (control & CONTROL_FPCA) != 0;
        int sp = cpu.readRegister(onProcessStack ? CoreRegister.PSP : CoreRegister.SP);

        int frameSize = fpFrame ? FP_FRAME : BASIC_FRAME;
        int xpsr = cpu.readRegister(CoreRegister.XPSR);
        int frame = sp - frameSize;
        if ((frame & 4) != 0) {
            frame -= 4;
            xpsr |= XPSR_SP_REALIGNED;
        } else {
            xpsr &= ~XPSR_SP_REALIGNED;
        }
        ByteBuffer bytes = ByteBuffer.allocate(frameSize).order(ByteOrder.LITTLE_ENDIAN);
        for (CoreRegister r : new CoreRegister[] {CoreRegister.R0, CoreRegister.R1, CoreRegister.R2, CoreRegister.R3, CoreRegister.R12, CoreRegister.LR}) {
            bytes.putInt(cpu.readRegister(r));
        }
        bytes.putInt(returnAddress & ~1);
        bytes.putInt(xpsr);
        if (fpFrame) {
            for (int i = 0; i < 16; i++) {
                bytes.putInt(cpu.readRegister(CoreRegister.fpCallerSaved(i)));
            }
            bytes.putInt(cpu.readRegister(CoreRegister.FPSCR));
            bytes.putInt(0);
        }
        cpu.writeMemory(Integer.toUnsignedLong(frame), bytes.array());
        deepestFrameAddress = Math.min(deepestFrameAddress, Integer.toUnsignedLong(frame));

        int excReturn = 0xFFFFFFE1 | (fpFrame ? 0 : 0x10) | (threadMode ? 0x8 : 0) | (onProcessStack ? 0x4 : 0);
        if (onProcessStack) {
            cpu.writeRegister(CoreRegister.PSP, frame);
            cpu.writeRegister(CoreRegister.CONTROL, control & ~(CONTROL_SPSEL | CONTROL_FPCA));
        } else {
            cpu.writeRegister(CoreRegister.SP, frame);
            cpu.writeRegister(CoreRegister.CONTROL, control & ~CONTROL_FPCA);
        }
        active.push(new Active(exception, excReturn));
        controller.activate(exception);
        cpu.writeRegister(CoreRegister.IPSR, exception);
        cpu.writeRegister(CoreRegister.LR, excReturn);
        long vector = controller.vectorTableBase() + 4L * exception;
        int handler = readWord(vector);
        cpu.writeRegister(CoreRegister.PC, handler | 1);
    }

    /** Exception return through EXC_RETURN; throws if no exception is active. */
    public void exceptionReturn() {
        if (active.isEmpty()) {
            throw new IllegalStateException("EXC_RETURN branch while in thread mode");
        }
        Active done = active.pop();
        int excReturn = done.excReturn();
        boolean toProcessStack = (excReturn & 0x4) != 0;
        boolean fpFrame = (excReturn & 0x10) == 0;
        if (toProcessStack) {
            cpu.writeRegister(CoreRegister.CONTROL, cpu.readRegister(CoreRegister.CONTROL) | CONTROL_SPSEL);
        }
        int frame = cpu.readRegister(toProcessStack ? CoreRegister.PSP : CoreRegister.SP);
        ByteBuffer bytes = ByteBuffer.wrap(cpu.readMemory(Integer.toUnsignedLong(frame), fpFrame ? FP_FRAME : BASIC_FRAME))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (CoreRegister r : new CoreRegister[] {CoreRegister.R0, CoreRegister.R1, CoreRegister.R2, CoreRegister.R3, CoreRegister.R12, CoreRegister.LR}) {
            cpu.writeRegister(r, bytes.getInt());
        }
        int pc = bytes.getInt();
        int xpsr = bytes.getInt();
        int control = cpu.readRegister(CoreRegister.CONTROL);
        if (fpFrame) {
            for (int i = 0; i < 16; i++) {
                cpu.writeRegister(CoreRegister.fpCallerSaved(i), bytes.getInt());
            }
            cpu.writeRegister(CoreRegister.FPSCR, bytes.getInt());
            control |= CONTROL_FPCA;
        } else {
            control &= ~CONTROL_FPCA;
        }
        cpu.writeRegister(CoreRegister.CONTROL, control);
        int newSp = frame + (fpFrame ? FP_FRAME : BASIC_FRAME) + ((xpsr & XPSR_SP_REALIGNED) != 0 ? 4 : 0);
        cpu.writeRegister(toProcessStack ? CoreRegister.PSP : CoreRegister.SP, newSp);
        controller.deactivate(done.exception());
        int returnedTo = active.isEmpty() ? 0 : active.peek().exception();
        cpu.writeRegister(CoreRegister.XPSR, (xpsr & ~0x1ff & ~XPSR_SP_REALIGNED) | returnedTo);
        cpu.writeRegister(CoreRegister.PC, pc | 1);
    }

    /** Lowest address any host-stacked exception frame occupied (for the stack watermark). */
    public long deepestFrameAddress() {
        return deepestFrameAddress;
    }

    private int readWord(long address) {
        return ByteBuffer.wrap(cpu.readMemory(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
