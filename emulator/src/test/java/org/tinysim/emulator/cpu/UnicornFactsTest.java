package org.tinysim.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.unicorn.internal.UnicornLib;

/**
 * The Unicorn 2.0.1 behaviours the emulator is built around, checked on the installed library so
 * that a different Unicorn build fails here first rather than deep inside a firmware run.
 */
class UnicornFactsTest {
  private static final int UC_MODE_MCLASS = 32;
  private static final long CODE = 0x0800_0000L;
  private static final long RAM = 0x2000_0000L;

  @Test
  void thumbModeWithTheM7ModelSelectedReallyIsACortexM7() {
    try (UnicornBackend cpu = new UnicornBackend()) {
      assertThat(cpu.cpuModel()).isEqualTo("cortex-m7");
    }
  }

  @Test
  void mclassModeSilentlyPicksAnotherCore() {
    PointerByReference ref = new PointerByReference();
    assertThat(
            UnicornLib.INSTANCE.uc_open(
                UnicornLib.UC_ARCH_ARM, UnicornLib.UC_MODE_THUMB | UC_MODE_MCLASS, ref))
        .isZero();
    Pointer uc = ref.getValue();
    try {
      IntByReference model = new IntByReference(-1);
      assertThat(UnicornLib.INSTANCE.uc_ctl(uc, UnicornLib.UC_CTL_CPU_MODEL_READ, model)).isZero();
      assertThat(model.getValue()).isNotEqualTo(UnicornLib.UC_CPU_ARM_CORTEX_M7);
    } finally {
      UnicornLib.INSTANCE.uc_close(uc);
    }
  }

  @Test
  void excReturnInThreadModeSurfacesAsPrefetchAbortAtFFFFFFF8() {
    // mvn.w r1, #6 (r1 = 0xFFFFFFF9); bx r1
    List<long[]> seen = runCapturingInterrupts(new int[] {0xF06F, 0x0106, 0x4708, 0xBF00});
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(0)).containsExactly(3, 0xFFFFFFF8L);
  }

  @Test
  void svcAndSemihostingBreakpointReachTheInterruptHookWithoutExceptionEntry() {
    // svc #5; bkpt 0xab; nop; nop
    List<long[]> seen = runCapturingInterrupts(new int[] {0xDF05, 0xBEAB, 0xBF00, 0xBF00});
    assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
    assertThat(seen.get(0)).containsExactly(2, CODE + 2); // SVC: PC already past the instruction
    assertThat(seen.get(1)).containsExactly(7, CODE + 2); // BKPT: PC at the breakpoint
  }

  @Test
  void dspInstructionsExecuteOnTheM7Model() {
    // smlad r3, r0, r1, r2; nop
    try (UnicornBackend cpu = backendWithCode(new int[] {0xFB20, 0x2301, 0xBF00, 0xBF00})) {
      cpu.writeRegister(CoreRegister.R0, 0x0003_0002);
      cpu.writeRegister(CoreRegister.R1, 0x0005_0004);
      cpu.writeRegister(CoreRegister.R2, 100);
      runUntil(cpu, CODE + 4);
      assertThat(cpu.readRegister(CoreRegister.R3)).isEqualTo(100 + 2 * 4 + 3 * 5);
    }
  }

  private static List<long[]> runCapturingInterrupts(int[] halfwords) {
    List<long[]> seen = new ArrayList<>();
    try (UnicornBackend cpu = backendWithCode(halfwords)) {
      cpu.setEventHandlers(
          new CpuBackend.CpuEvents() {
            @Override
            public void onInterrupt(int intno) {
              long pc = Integer.toUnsignedLong(cpu.readRegister(CoreRegister.PC));
              seen.add(new long[] {intno, pc});
              if (intno == 7) {
                cpu.writeRegister(CoreRegister.PC, (int) (pc + 2) | 1);
              }
              if (intno == 3 || seen.size() > 4) {
                cpu.stop();
              }
            }

            @Override
            public boolean onInvalidAccess(
                CpuBackend.MemoryAccessKind kind, long address, int size, long value) {
              return false;
            }
          });
      runUntil(cpu, CODE + 2L * halfwords.length);
    }
    return seen;
  }

  private static UnicornBackend backendWithCode(int[] halfwords) {
    UnicornBackend cpu = new UnicornBackend();
    HostMemory code = new HostMemory(4096);
    byte[] bytes = new byte[halfwords.length * 2];
    for (int i = 0; i < halfwords.length; i++) {
      bytes[2 * i] = (byte) halfwords[i];
      bytes[2 * i + 1] = (byte) (halfwords[i] >> 8);
    }
    code.write(0, bytes);
    cpu.mapMemory(CODE, code, EnumSet.of(CpuBackend.Access.READ, CpuBackend.Access.EXECUTE));
    cpu.mapMemory(RAM, new HostMemory(4096), EnumSet.allOf(CpuBackend.Access.class));
    cpu.writeRegister(CoreRegister.SP, (int) (RAM + 2048));
    return cpu;
  }

  private static void runUntil(UnicornBackend cpu, long end) {
    UnicornLib.INSTANCE.uc_emu_start(enginePointer(cpu), CODE | 1, end, 0, 0);
  }

  private static Pointer enginePointer(UnicornBackend cpu) {
    return cpu.enginePointerForTests();
  }
}
