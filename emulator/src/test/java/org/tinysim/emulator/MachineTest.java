package org.tinysim.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinysim.emulator.bus.MmioDevice;
import org.tinysim.emulator.cycles.ArmToolchain;
import org.tinysim.emulator.cycles.CortexM7CostModel;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.fault.FaultKind;
import org.tinysim.emulator.run.FirmwareLoader;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * The bare core: tiny Thumb firmwares, linked by the test, run on a Machine without board devices.
 */
class MachineTest {
  /** Vector table (initial SP, reset) and the semihosting exit the snippets end with. */
  private static final String PRELUDE =
      """
            .section .vectors, "a"
            .word 0x20010000
            .word reset + 1
            .text
            .thumb_func
            .global reset
            """;

  private static final String EXIT_WITH_R2 =
      """
            exit:
                ldr r1, =exit_block
                str r2, [r1, #4]
                movs r0, #0x20
                bkpt 0xAB
            1:  b 1b
            .bss
            .align 2
            exit_block: .space 8
            .text
            """;

  /** SYS_EXIT_EXTENDED wants {ADP_Stopped_ApplicationExit, status}; the reason is stored first. */
  private static final String STORE_EXIT_REASON =
      """
                ldr r1, =exit_block
                ldr r0, =0x20026
                str r0, [r1]
            """;

  @TempDir Path dir;

  @BeforeAll
  static void toolchain() {
    ArmToolchain.assumeInstalled();
  }

  @Test
  void semihostingExitEndsTheRunWithTheFirmwaresStatus() throws IOException {
    RunResult result =
        runToEnd(
            """
                reset:
                """
                + STORE_EXIT_REASON
                + """
                    movs r2, #7
                    b exit
                """);
    assertThat(result.stop()).isEqualTo(StopKind.EXITED);
    assertThat(result.exitStatus()).isEqualTo(7);
    assertThat(result.fault()).isNull();
    assertThat(result.instructions()).isPositive();
    assertThat(result.cycles()).isGreaterThanOrEqualTo(result.instructions() / 2);
  }

  @Test
  void hostSyncBreakpointYieldsAndTheHostExchangesDataThroughSymbols() throws IOException {
    try (Machine machine =
        load(
            """
                reset:
                """
                + STORE_EXIT_REASON
                + """
                    bkpt 0x42
                    ldr r1, =input
                    ldr r2, [r1]
                    adds r2, r2, #1
                    ldr r1, =output
                    str r2, [r1]
                    bkpt 0x42
                    b exit
                .bss
                .align 2
                .global input
                .global output
                .type input, %object
                .type output, %object
                input: .space 4
                .size input, 4
                output: .space 4
                .size output, 4
                .text
                """)) {
      RunResult first = machine.run(RunOptions.defaults());
      assertThat(first.stop()).isEqualTo(StopKind.YIELDED);
      machine.writeSymbol("input", littleEndian(41));
      RunResult second = machine.run(RunOptions.defaults());
      assertThat(second.stop()).isEqualTo(StopKind.YIELDED);
      assertThat(
              ByteBuffer.wrap(machine.readSymbol("output")).order(ByteOrder.LITTLE_ENDIAN).getInt())
          .isEqualTo(42);
      assertThat(second.cycles()).isGreaterThan(first.cycles());
      assertThat(second.instructions()).isGreaterThan(first.instructions());
      RunResult last = machine.run(RunOptions.defaults());
      assertThat(last.stop()).isEqualTo(StopKind.EXITED);
      assertThat(last.exitStatus()).isEqualTo(42);
      assertThatThrownBy(() -> machine.run(RunOptions.defaults()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already stopped");
      assertThatThrownBy(() -> machine.writeSymbol("output", new byte[8]))
          .hasMessageContaining("8 bytes do not fit symbol output (4 bytes)");
      assertThatThrownBy(() -> machine.readSymbol("missing"))
          .hasMessageContaining("symbol 'missing' is not in");
    }
  }

  @Test
  void everyLoopIterationCostsTheSameInstructionsAndCycles() throws IOException {
    long[] instructions = new long[3];
    long[] cycles = new long[3];
    int[] iterations = {10, 1010, 2010};
    for (int i = 0; i < iterations.length; i++) {
      RunResult result =
          runToEnd(
              String.format(
                  """
                    reset:
                    """
                      + STORE_EXIT_REASON
                      + """
                        ldr r3, =%d
                    loop:
                        adds r2, r2, #1
                        subs r3, r3, #1
                        bne loop
                        movs r2, #0
                        b exit
                    """,
                  iterations[i]));
      assertThat(result.stop()).isEqualTo(StopKind.EXITED);
      instructions[i] = result.instructions();
      cycles[i] = result.cycles();
    }
    assertThat(instructions[1] - instructions[0]).isEqualTo(3 * 1000);
    assertThat(instructions[2] - instructions[1]).isEqualTo(3 * 1000);
    assertThat(cycles[1] - cycles[0]).isPositive().isEqualTo(cycles[2] - cycles[1]);
  }

  @Test
  void anIndirectBranchIsFreeWhenItsTargetRepeatsAndCostsAMispredictWhenItChanges()
      throws IOException {
    // Per iteration, two calls: to two functions (each return goes back to one site: the branch
    // table predicts it) or twice to one function (its return alternates between two sites). A
    // return through another register than LR (h, k) is an indirect jump the return stack ignores.
    String twoFunctions = "bl f\n    bl g\n";
    String oneFunctionTwice = "bl f\n    bl f\n";
    String twoJumpingBack = "bl h\n    bl k\n";
    String oneJumpingBackTwice = "bl h\n    bl h\n";
    CortexM7CostModel v3 = new CortexM7CostModel();
    assertThat(cyclesPerCallPair(oneFunctionTwice, v3) - cyclesPerCallPair(twoFunctions, v3))
        .as("two returns the table misses and the return stack predicts")
        .isEqualTo(2 * CortexM7CostModel.RETURN_STACK_PENALTY);
    assertThat(cyclesPerCallPair(oneJumpingBackTwice, v3) - cyclesPerCallPair(twoJumpingBack, v3))
        .as("two missed indirect jumps, 8 cycles each")
        .isEqualTo(2 * 8);
    CortexM7CostModel v2 = new CortexM7CostModel(CortexM7CostModel.Version.V2);
    assertThat(cyclesPerCallPair(oneFunctionTwice, v2))
        .as("v2: the same static penalty whatever the target")
        .isEqualTo(cyclesPerCallPair(twoFunctions, v2));
  }

  /** Cycles per loop iteration of {@code calls}, from runs of 10 and 1010 iterations. */
  private long cyclesPerCallPair(String calls, CortexM7CostModel model) throws IOException {
    String loop =
        """
                    ldr r3, =%d
                loop:
                """
            + calls
            + """
                    subs r3, r3, #1
                    bne loop
                    movs r2, #0
                    b exit
                f:  adds r4, r4, #1
                    bx lr
                g:  adds r4, r4, #1
                    bx lr
                h:  mov r1, lr
                    adds r4, r4, #1
                    bx r1
                k:  mov r1, lr
                    adds r4, r4, #1
                    bx r1
                """;
    return (long) cyclesPerIteration(loop, model);
  }

  /**
   * Cycles per iteration of a loop run 10 and 1010 times: {@code loop} is the code after the exit
   * reason is stored, with a %d for the iteration count, and ends by branching to exit.
   */
  private double cyclesPerIteration(String loop, CortexM7CostModel model) throws IOException {
    long[] cycles = new long[2];
    int[] iterations = {10, 1010};
    for (int i = 0; i < 2; i++) {
      String body = "reset:\n" + STORE_EXIT_REASON + String.format(loop, iterations[i]);
      Path elf = ArmToolchain.linkFirmware(dir, PRELUDE + body + EXIT_WITH_R2);
      try (Machine machine = new Machine(model)) {
        machine.load(ElfImage.load(elf));
        RunResult result = machine.run(RunOptions.defaults());
        assertThat(result.stop()).isEqualTo(StopKind.EXITED);
        cycles[i] = result.cycles();
      }
    }
    return (cycles[1] - cycles[0]) / 1000.0;
  }

  /**
   * Unicorn ends a block at every 1 KB page; a loop whose body straddles one runs as two blocks and
   * must still cost what it costs in one (CYCLE_MODEL.md): per iteration, over 1,000 iterations,
   * the same at a page start and across a page boundary (cut between instructions, or through one,
   * which Unicorn then runs as a block of its own).
   */
  @Test
  void aLoopCostsTheSameWhereAPageSplitsIt() throws IOException {
    double aligned = loopCyclesPerIteration(0);
    for (int before : new int[] {6, 12, 20}) {
      assertThat(loopCyclesPerIteration(1024 - before))
          .as("%d bytes of the loop before the page", before)
          .isEqualTo(aligned);
    }
  }

  /** Cycles per iteration of an 8-instruction loop placed pad bytes after a 1 KB boundary. */
  private double loopCyclesPerIteration(int pad) throws IOException {
    String loop =
        """
                    ldr r3, =%d
                    ldr r6, =0x20000100
                    ldr r0, =loop + 1
                    bx r0
                    .balign 1024
                """
            + "    .space "
            + pad
            + "\n"
            + """
                    .thumb_func
                loop:
                    ldr r5, [r6]
                    smlabb r4, r5, r5, r4
                    add r7, r7, #1
                    eor r8, r8, r7
                    ldr r5, [r6, #4]
                    smlabb r4, r5, r7, r4
                    subs r3, r3, #1
                    bne loop
                    movs r2, #0
                    ldr r0, =exit + 1
                    bx r0
                    .ltorg
                """;
    return cyclesPerIteration(loop, new CortexM7CostModel());
  }

  @Test
  void semihostingConsoleOutputIsCapturedInTheResult() throws IOException {
    RunResult result =
        runToEnd(
            """
                reset:
                """
                + STORE_EXIT_REASON
                + """
                    ldr r1, =message
                    movs r0, #0x04
                    bkpt 0xAB
                    movs r2, #0
                    b exit
                message: .asciz "hello from the core\\n"
                .align 2
                """);
    assertThat(result.console()).isEqualTo("hello from the core\n");
  }

  @Test
  void svcEntersTheHandlerFromTheVectorTableAndReturnsThroughTheStackedFrame() throws IOException {
    String vectors =
        """
                .section .vectors, "a"
                .word 0x20010000
                .word reset + 1
                .rept 9
                .word 0
                .endr
                .word svc_handler + 1
                .text
                .thumb_func
                .global reset
                reset:
                """
            + STORE_EXIT_REASON
            + """
                    movs r2, #1
                    svc 0
                    adds r2, r2, #10
                    b exit
                .thumb_func
                svc_handler:
                    movs r3, #5
                    str r3, [sp, #8]
                    bx lr
                """;
    Path elf = ArmToolchain.linkFirmware(dir, vectors + EXIT_WITH_R2);
    try (Machine machine = new Machine(new CortexM7CostModel())) {
      machine.load(ElfImage.load(elf));
      RunResult result = machine.run(RunOptions.defaults());
      assertThat(result.stop()).isEqualTo(StopKind.EXITED);
      // The handler rewrote the stacked r2; the exception return unstacked it.
      assertThat(result.exitStatus()).isEqualTo(15);
    }
  }

  @Test
  void budgetsStopARunawayLoop() throws IOException {
    String spin = "reset:\n    b reset\n";
    RunResult byCycles = run(spin, RunOptions.cycles(5_000));
    assertThat(byCycles.stop()).isEqualTo(StopKind.FAULTED);
    assertThat(byCycles.fault().kind()).isEqualTo(FaultKind.CYCLE_BUDGET_EXCEEDED);
    assertThat(byCycles.cycles()).isGreaterThanOrEqualTo(5_000);

    RunResult byInstructions = run(spin, new RunOptions(0, 700));
    assertThat(byInstructions.fault().kind()).isEqualTo(FaultKind.INSTRUCTION_BUDGET_EXCEEDED);
    assertThat(byInstructions.instructions()).isGreaterThanOrEqualTo(700);
  }

  @Test
  void writesToFlashAreFaultsNamingTheAddress() throws IOException {
    RunResult result =
        run(
            """
                reset:
                    ldr r1, =0x08000100
                    str r0, [r1]
                    b reset
                """,
            RunOptions.defaults());
    assertThat(result.stop()).isEqualTo(StopKind.FAULTED);
    assertThat(result.fault().kind()).isEqualTo(FaultKind.WRITE_TO_READ_ONLY);
    assertThat(result.fault().address()).isEqualTo(0x08000100L);
    assertThat(result.fault().detail()).contains("write of 4 bytes at 0x08000100");
  }

  @Test
  void readsOfUnmappedMemoryAreFaults() throws IOException {
    RunResult result =
        run(
            """
                reset:
                    ldr r1, =0x60000000
                    ldr r0, [r1]
                    b reset
                """,
            RunOptions.defaults());
    assertThat(result.fault().kind()).isEqualTo(FaultKind.READ_UNMAPPED);
    assertThat(result.fault().address()).isEqualTo(0x60000000L);
  }

  @Test
  void branchesIntoUnmappedMemoryAreFetchFaults() throws IOException {
    RunResult result =
        run(
            """
                reset:
                    ldr r1, =0x30000001
                    bx r1
                """,
            RunOptions.defaults());
    assertThat(result.fault().kind()).isEqualTo(FaultKind.FETCH_UNMAPPED);
    assertThat(result.fault().pc()).isEqualTo(0x30000000L);
  }

  @Test
  void attachedDevicesAnswerTheBusAndTheirPagesHolesAreFaults() throws IOException {
    String readDevice =
        """
                reset:
                """
            + STORE_EXIT_REASON
            + """
                    ldr r1, =%s
                    ldr r2, [r1]
                    b exit
                """;
    try (Machine machine = load(String.format(readDevice, "0x40000004"))) {
      machine.attachDevice(0x40000000L, new ConstantDevice());
      RunResult result = machine.run(RunOptions.defaults());
      assertThat(result.stop()).isEqualTo(StopKind.EXITED);
      assertThat(result.exitStatus()).isEqualTo(0x5A + 4);
    }
    try (Machine machine = load(String.format(readDevice, "0x40000800"))) {
      machine.attachDevice(0x40000000L, new ConstantDevice());
      RunResult result = machine.run(RunOptions.defaults());
      assertThat(result.fault().kind()).isEqualTo(FaultKind.DEVICE_HOLE);
      assertThat(result.fault().address()).isEqualTo(0x40000800L);
    }
  }

  @Test
  void anUnknownBreakpointIsAFaultNamingItsImmediate() throws IOException {
    RunResult result = run("reset:\n    bkpt 0x07\n", RunOptions.defaults());
    assertThat(result.fault().kind()).isEqualTo(FaultKind.BREAKPOINT);
    assertThat(result.fault().detail()).contains("bkpt 0x07");
  }

  @Test
  void waitingForAnInterruptNobodyCanRaiseIsADeadlock() throws IOException {
    RunResult result = run("reset:\n    wfi\n    b reset\n", RunOptions.defaults());
    assertThat(result.fault().kind()).isEqualTo(FaultKind.DEADLOCK);
  }

  @Test
  void stackGrowingPastTheStackLimitIsAFault() throws IOException {
    RunResult result =
        run(
            """
                .global __stack_limit
                .set __stack_limit, 0x2000F000
                reset:
                    sub sp, sp, #0x1000
                    sub sp, sp, #0x10
                    push {r0-r3}
                    b reset
                """,
            RunOptions.defaults());
    assertThat(result.fault().kind()).isEqualTo(FaultKind.STACK_OVERFLOW);
    assertThat(result.fault().detail())
        .contains("below the stack limit 0x2000F000 (__stack_limit)");
  }

  @Test
  void imagesTheCoreCannotBootAreRejectedAtLoad() throws IOException {
    Path badSp =
        ArmToolchain.linkFirmware(
            dir, PRELUDE.replace("0x20010000", "0x10000000") + "reset: b reset\n");
    try (Machine machine = new Machine(new CortexM7CostModel())) {
      assertThatThrownBy(() -> machine.load(ElfImage.load(badSp)))
          .isInstanceOf(FirmwareLoader.BadImageException.class)
          .hasMessageContaining("initial SP 0x10000000");
      assertThatThrownBy(() -> machine.run(RunOptions.defaults()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no firmware loaded");
    }
  }

  @Test
  void aMachineLoadsOneFirmwareOnly() throws IOException {
    try (Machine machine = load("reset: b reset\n")) {
      assertThatThrownBy(() -> machine.load(machine.image()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already loaded");
    }
  }

  private RunResult runToEnd(String body) throws IOException {
    return run(body, RunOptions.defaults());
  }

  private RunResult run(String body, RunOptions options) throws IOException {
    try (Machine machine = load(body)) {
      return machine.run(options);
    }
  }

  private Machine load(String body) throws IOException {
    Path elf = ArmToolchain.linkFirmware(dir, PRELUDE + body + EXIT_WITH_R2);
    Machine machine = new Machine(new CortexM7CostModel());
    machine.load(ElfImage.load(elf));
    return machine;
  }

  private static byte[] littleEndian(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  /** A 16-byte device whose word at offset n reads 0x5A + n. */
  private static final class ConstantDevice implements MmioDevice {
    @Override
    public String name() {
      return "CONST";
    }

    @Override
    public long size() {
      return 16;
    }

    @Override
    public long read(long offset, int width) {
      return 0x5A + offset;
    }

    @Override
    public void write(long offset, int width, long value) {}
  }
}
