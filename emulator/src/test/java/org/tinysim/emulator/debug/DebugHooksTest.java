package org.tinysim.emulator.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.DebugHooks;
import org.tinysim.emulator.cpu.DebugHooks.StopCause;
import org.tinysim.emulator.cpu.DebugHooks.WatchKind;
import org.tinysim.emulator.cycles.ArmToolchain;
import org.tinysim.emulator.cycles.CortexM7CostModel;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * Breakpoints inside a block, single steps, watchpoints and pauses on the bare core: every stop
 * lands where it should, and the run ends with exactly the cycles and instructions of a run that
 * never stopped.
 */
class DebugHooksTest {
  /**
   * A 40-iteration loop whose block holds the breakpoint in its middle and stores to {@code var}.
   */
  private static final String FIRMWARE =
      """
            .section .vectors, "a"
            .word 0x20010000
            .word reset + 1
            .text
            .thumb_func
            .global reset
            reset:
                ldr r1, =exit_block
                ldr r0, =0x20026
                str r0, [r1]
                movs r2, #0
                ldr r3, =var
            .global loop
            loop:
                adds r2, r2, #1
            .global mid
            mid:
                adds r2, r2, #2
                str r2, [r3]
                cmp r2, #120
                blt loop
                ldr r4, [r3]
                movs r2, #9
                ldr r1, =exit_block
                str r2, [r1, #4]
                movs r0, #0x20
                bkpt 0xAB
            1:  b 1b
            .bss
            .align 2
            exit_block: .space 8
            .global var
            var: .space 4
            """;

  @TempDir static Path dir;
  private static ElfImage image;

  @BeforeAll
  static void build() throws IOException {
    ArmToolchain.assumeInstalled();
    image = ElfImage.load(ArmToolchain.linkFirmware(dir, FIRMWARE));
  }

  private static long symbol(String name) {
    return image.symbolAddress(name).orElseThrow() & ~1L;
  }

  private static long pc(Machine m) {
    return Integer.toUnsignedLong(m.cpu().readRegister(CoreRegister.PC));
  }

  private static RunResult resume(Machine m, boolean step) {
    m.debugHooks().prepareResume(pc(m), step);
    return m.run(RunOptions.defaults());
  }

  @Test
  void stopsAnywhereLeaveCyclesAndInstructionsExactlyAsAPlainRun() {
    RunResult plain;
    try (Machine m = new Machine(new CortexM7CostModel())) {
      m.load(image);
      plain = m.run(RunOptions.defaults());
    }
    assertThat(plain.stop()).isEqualTo(StopKind.EXITED);

    try (Machine m = new Machine(new CortexM7CostModel())) {
      m.load(image);
      DebugHooks hooks = m.debugHooks();
      long mid = symbol("mid");
      hooks.addBreakpoint(mid);
      long previous = -1;
      for (int hit = 1; hit <= 3; hit++) {
        RunResult r = resume(m, false);
        assertThat(r.stop()).isEqualTo(StopKind.PAUSED);
        assertThat(hooks.stopCause()).isEqualTo(StopCause.BREAKPOINT);
        assertThat(pc(m)).isEqualTo(mid);
        assertThat(m.cpu().readRegister(CoreRegister.R2))
            .as("adds before mid ran")
            .isEqualTo(3 * hit - 2);
        assertThat(m.cyclesNow()).isGreaterThan(previous).isLessThan(plain.cycles());
        previous = m.cyclesNow();
      }
      assertThat(hooks.removeBreakpoint(mid)).isTrue();
      for (int i = 0; i < 7; i++) {
        long before = pc(m);
        assertThat(resume(m, true).stop()).isEqualTo(StopKind.PAUSED);
        assertThat(hooks.stopCause()).isEqualTo(StopCause.STEP);
        assertThat(pc(m)).isNotEqualTo(before);
      }
      // A pause lands on the next block boundary (the loop's start), where nothing is charged yet.
      m.requestPause();
      assertThat(resume(m, false).stop()).isEqualTo(StopKind.PAUSED);
      assertThat(hooks.stopCause()).isEqualTo(StopCause.NONE);
      assertThat(pc(m)).isEqualTo(symbol("loop"));
      long var = symbol("var");
      hooks.addWatchpoint(var, 4, WatchKind.WRITE);
      assertThat(resume(m, false).stop()).isEqualTo(StopKind.PAUSED);
      assertThat(hooks.watchHit()).isEqualTo(new DebugHooks.WatchHit(var, WatchKind.WRITE));
      assertThat(hooks.removeWatchpoint(var, 4, WatchKind.WRITE)).isTrue();
      hooks.addWatchpoint(var, 4, WatchKind.READ);
      assertThat(resume(m, false).stop()).isEqualTo(StopKind.PAUSED);
      assertThat(hooks.watchHit().kind())
          .as("only the final ldr reads var")
          .isEqualTo(WatchKind.READ);
      assertThat(m.cpu().readRegister(CoreRegister.R4)).isEqualTo(120);
      hooks.removeWatchpoint(var, 4, WatchKind.READ);
      RunResult end = resume(m, false);
      assertThat(end.stop()).isEqualTo(StopKind.EXITED);
      assertThat(end.exitStatus()).isEqualTo(9);
      assertThat(end.cycles()).isEqualTo(plain.cycles());
      assertThat(end.instructions()).isEqualTo(plain.instructions());
    }
  }
}
