package org.tinysim.emulator.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tinysim.emulator.cpu.CoreRegister;
import org.tinysim.emulator.cpu.CpuBackend;
import org.tinysim.emulator.cpu.HostMemory;
import org.tinysim.emulator.cpu.UnicornBackend;

/**
 * Exception entry and return on the real engine, one architectural step at a time (ARMv7-M
 * B1.5.6-B1.5.8): which stack, which frame, which EXC_RETURN, what CONTROL and SP look like after.
 */
class ExceptionUnitTest {
  private static final long VECTORS = 0x0800_0000L;
  private static final long RAM = 0x2000_0000L;
  private static final int MSP_TOP = 0x2000_8000;
  private static final int PSP_TOP = 0x2000_4000;
  private static final int RETURN_ADDRESS = 0x0800_0400;

  private final UnicornBackend cpu = new UnicornBackend();
  private final FakeController controller = new FakeController();
  private final FpContextControl fp = FpContextControl.detached();
  private final ExceptionUnit unit;

  ExceptionUnitTest() {
    HostMemory flash = new HostMemory(4096);
    for (int exception = 1; exception < 64; exception++) {
      flash.write(4L * exception, le(0x0800_0800 + 0x10 * exception | 1));
    }
    cpu.mapMemory(VECTORS, flash, EnumSet.of(CpuBackend.Access.READ, CpuBackend.Access.EXECUTE));
    cpu.mapMemory(RAM, new HostMemory(0x10000), EnumSet.allOf(CpuBackend.Access.class));
    cpu.writeRegister(CoreRegister.SP, MSP_TOP);
    cpu.writeRegister(CoreRegister.PSP, PSP_TOP);
    cpu.writeRegister(CoreRegister.PC, RETURN_ADDRESS | 1); // Thumb state, as the M7 always is
    unit = new ExceptionUnit(cpu, controller, fp);
  }

  @AfterEach
  void close() {
    cpu.close();
  }

  @Test
  void unicornBanksSpOnIpsrWritesAndIgnoresSpselWritesInHandlerMode() {
    cpu.writeRegister(CoreRegister.CONTROL, ExceptionUnit.CONTROL_SPSEL);
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(PSP_TOP);
    cpu.writeRegister(CoreRegister.IPSR, 14);
    assertThat(cpu.readRegister(CoreRegister.SP))
        .as("handler mode runs on the MSP")
        .isEqualTo(MSP_TOP);
    cpu.writeRegister(CoreRegister.CONTROL, 0);
    cpu.writeRegister(CoreRegister.IPSR, 0);
    assertThat(cpu.readRegister(CoreRegister.SP))
        .as("the SPSEL write in handler mode was ignored")
        .isEqualTo(PSP_TOP);
  }

  @Test
  void entryFromThreadOnThePspStacksThereAndTheHandlerRunsOnTheMsp() {
    threadOnPsp(0);
    cpu.writeRegister(CoreRegister.R0, 0x1111);
    cpu.writeRegister(CoreRegister.R12, 0xCCCC);
    unit.enter(14, RETURN_ADDRESS);

    assertThat(cpu.readRegister(CoreRegister.LR)).isEqualTo(0xFFFFFFFD);
    assertThat(cpu.readRegister(CoreRegister.IPSR) & 0x1FF).isEqualTo(14);
    assertThat(cpu.readRegister(CoreRegister.CONTROL) & ExceptionUnit.CONTROL_SPSEL).isZero();
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(MSP_TOP);
    assertThat(cpu.readRegister(CoreRegister.PSP)).isEqualTo(PSP_TOP - 32);
    assertThat(cpu.readRegister(CoreRegister.PC) & ~1).isEqualTo(0x0800_0800 + 0xE0);
    assertThat(word(PSP_TOP - 32)).isEqualTo(0x1111);
    assertThat(word(PSP_TOP - 32 + 16)).isEqualTo(0xCCCC);
    assertThat(word(PSP_TOP - 32 + 24)).isEqualTo(RETURN_ADDRESS);

    cpu.writeRegister(CoreRegister.R0, 0);
    assertThat(unit.exceptionReturn(0xFFFFFFFD)).isEqualTo(ExceptionUnit.ReturnOutcome.RETURNED);
    assertThat(cpu.readRegister(CoreRegister.CONTROL)).isEqualTo(ExceptionUnit.CONTROL_SPSEL);
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(PSP_TOP);
    assertThat(cpu.readRegister(CoreRegister.MSP)).isEqualTo(MSP_TOP);
    assertThat(cpu.readRegister(CoreRegister.R0)).isEqualTo(0x1111);
    assertThat(cpu.readRegister(CoreRegister.PC) & ~1).isEqualTo(RETURN_ADDRESS);
  }

  @Test
  void theReturnFollowsTheValueTheHandlerBranchesToNotTheOneMadeAtEntry() {
    // FreeRTOS's first task start: SVC from thread/MSP, the handler points PSP at a task frame
    // and returns with 0xFFFFFFFD.
    unit.enter(11, RETURN_ADDRESS);
    assertThat(cpu.readRegister(CoreRegister.LR)).isEqualTo(0xFFFFFFF9);
    int task = PSP_TOP - 32;
    writeFrame(task, 0x0800_0600, 0x0100_0000);
    cpu.writeRegister(CoreRegister.PSP, task);

    unit.exceptionReturn(0xFFFFFFFD);
    assertThat(cpu.readRegister(CoreRegister.IPSR) & 0x1FF).isZero();
    assertThat(cpu.readRegister(CoreRegister.CONTROL)).isEqualTo(ExceptionUnit.CONTROL_SPSEL);
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(PSP_TOP);
    assertThat(cpu.readRegister(CoreRegister.PC) & ~1).isEqualTo(0x0800_0600);
    assertThat(cpu.readRegister(CoreRegister.MSP))
        .as("the SVC frame stays on the main stack")
        .isEqualTo(MSP_TOP - 32);
  }

  @ParameterizedTest
  @CsvSource({
    // nested, processStack, fpActive, EXC_RETURN
    "false, false, false, 0xFFFFFFF9",
    "false, true,  false, 0xFFFFFFFD",
    "false, false, true,  0xFFFFFFE9",
    "false, true,  true,  0xFFFFFFED",
    "true,  false, false, 0xFFFFFFF1",
    "true,  false, true,  0xFFFFFFE1",
  })
  void eachOfTheSixExcReturnValuesRoundTrips(
      boolean nested, boolean processStack, boolean fpActive, String expected) {
    if (processStack) {
      threadOnPsp(0);
    }
    if (nested) {
      unit.enter(11, RETURN_ADDRESS);
    }
    if (fpActive) {
      cpu.writeRegister(
          CoreRegister.CONTROL,
          cpu.readRegister(CoreRegister.CONTROL) | ExceptionUnit.CONTROL_FPCA);
      cpu.writeRegister(CoreRegister.S0, Float.floatToIntBits(1.5f));
    }
    int controlBefore = cpu.readRegister(CoreRegister.CONTROL);
    int spBefore = cpu.readRegister(CoreRegister.SP);
    int frameStack = processStack ? PSP_TOP : spBefore;
    controller.priorities[16] = 0;
    unit.enter(16, RETURN_ADDRESS + 8);
    int excReturn = Integer.parseUnsignedInt(expected.substring(2), 16);
    assertThat(cpu.readRegister(CoreRegister.LR)).isEqualTo(excReturn);
    int frame =
        (processStack ? cpu.readRegister(CoreRegister.PSP) : cpu.readRegister(CoreRegister.MSP));
    assertThat(frame).isEqualTo(frameStack - (fpActive ? 104 : 32));
    if (fpActive) {
      assertThat(fp.fpccr() & FpContextControl.LSPACT)
          .as("lazy save pending")
          .isEqualTo(FpContextControl.LSPACT);
      cpu.writeRegister(CoreRegister.S0, 0);
    }

    unit.exceptionReturn(excReturn);
    assertThat(cpu.readRegister(CoreRegister.CONTROL)).isEqualTo(controlBefore);
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(spBefore);
    assertThat(cpu.readRegister(CoreRegister.IPSR) & 0x1FF).isEqualTo(nested ? 11 : 0);
    if (fpActive) {
      assertThat(Float.intBitsToFloat(cpu.readRegister(CoreRegister.S0))).isEqualTo(1.5f);
      assertThat(fp.fpccr() & FpContextControl.LSPACT).isZero();
    }
  }

  @Test
  void lazyStackingReservesTheFpAreaAndPointsFpcarAtIt() {
    cpu.writeRegister(CoreRegister.CONTROL, ExceptionUnit.CONTROL_FPCA);
    unit.enter(15, RETURN_ADDRESS);
    assertThat(fp.fpccr() & (FpContextControl.LSPACT | FpContextControl.THREAD))
        .isEqualTo(FpContextControl.LSPACT | FpContextControl.THREAD);
    assertThat(cpu.readRegister(CoreRegister.CONTROL) & ExceptionUnit.CONTROL_FPCA)
        .as("cleared on entry")
        .isZero();
    assertThat(cpu.readRegister(CoreRegister.LR)).isEqualTo(0xFFFFFFE9);
  }

  @Test
  void entryFromUnprivilegedThreadModeKeepsNprivAndBanksTheStacks() {
    threadOnPsp(ExceptionUnit.CONTROL_NPRIV);
    unit.enter(11, RETURN_ADDRESS);
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(MSP_TOP);
    assertThat(cpu.readRegister(CoreRegister.CONTROL)).isEqualTo(ExceptionUnit.CONTROL_NPRIV);
    unit.exceptionReturn(0xFFFFFFFD);
    assertThat(cpu.readRegister(CoreRegister.CONTROL))
        .isEqualTo(ExceptionUnit.CONTROL_NPRIV | ExceptionUnit.CONTROL_SPSEL);
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(PSP_TOP);
  }

  @ParameterizedTest
  @ValueSource(ints = {0xFFFFFFF5, 0xFFFFFFF8, 0xFFFFFFE3, 0xFF00FFF9})
  void anIllegalExcReturnIsInvpcAndChangesNothing(int excReturn) {
    unit.enter(11, RETURN_ADDRESS);
    int sp = cpu.readRegister(CoreRegister.SP);
    assertThatThrownBy(() -> unit.exceptionReturn(excReturn))
        .isInstanceOfSatisfying(
            ExceptionUnit.InvalidReturn.class,
            e -> assertThat(e.usageFault()).isEqualTo(UsageFaultCause.INVPC));
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(sp);
    assertThat(cpu.readRegister(CoreRegister.IPSR) & 0x1FF).isEqualTo(11);
    assertThat(unit.inHandler()).isTrue();
  }

  @Test
  void returningToHandlerModeFromTheOnlyActiveExceptionIsInvpc() {
    unit.enter(11, RETURN_ADDRESS);
    assertThatThrownBy(() -> unit.exceptionReturn(0xFFFFFFF1)).hasMessageContaining("holds IPSR 0");
  }

  @Test
  void aPendingExceptionThatOutranksTheReturnTargetIsTailChainedOnTheSameFrame() {
    threadOnPsp(0);
    controller.priorities[14] = 0xF0;
    unit.enter(11, RETURN_ADDRESS);
    int frame = cpu.readRegister(CoreRegister.PSP);
    controller.pending.add(14);

    assertThat(unit.exceptionReturn(0xFFFFFFFD))
        .isEqualTo(ExceptionUnit.ReturnOutcome.TAIL_CHAINED);
    assertThat(cpu.readRegister(CoreRegister.IPSR) & 0x1FF).isEqualTo(14);
    assertThat(cpu.readRegister(CoreRegister.LR)).isEqualTo(0xFFFFFFFD);
    assertThat(cpu.readRegister(CoreRegister.PSP)).isEqualTo(frame);
    assertThat(controller.log).containsExactly("activate 11", "deactivate 11", "activate 14");
    unit.exceptionReturn(0xFFFFFFFD);
    assertThat(cpu.readRegister(CoreRegister.SP)).isEqualTo(PSP_TOP);
  }

  @Test
  void aLateArrivalTakesTheJustEnteredHandlersPlaceAndRependsIt() {
    controller.priorities[15] = 0xF0;
    controller.priorities[16] = 0x10;
    unit.enter(15, RETURN_ADDRESS);
    controller.pending.add(16);
    assertThat(unit.takeLateArrival()).isEqualTo(16);
    assertThat(cpu.readRegister(CoreRegister.IPSR) & 0x1FF).isEqualTo(16);
    assertThat(cpu.readRegister(CoreRegister.PC) & ~1).isEqualTo(0x0800_0800 + 0x100);
    assertThat(controller.pending).containsExactly(15);
    assertThat(cpu.readRegister(CoreRegister.LR)).isEqualTo(0xFFFFFFF9);
  }

  @Test
  void basepriPrimaskAndFaultmaskRaiseTheExecutionPriority() {
    assertThat(unit.executionPriority()).isEqualTo(256);
    cpu.writeRegister(CoreRegister.BASEPRI, 0x50);
    assertThat(unit.executionPriority()).isEqualTo(0x50);
    cpu.writeRegister(CoreRegister.PRIMASK, 1);
    assertThat(unit.executionPriority()).isZero();
    cpu.writeRegister(CoreRegister.FAULTMASK, 1);
    assertThat(unit.executionPriority()).isEqualTo(-1);
    assertThat(unit.activePriority()).isEqualTo(256);
  }

  private void threadOnPsp(int extraControl) {
    cpu.writeRegister(CoreRegister.CONTROL, ExceptionUnit.CONTROL_SPSEL);
    cpu.writeRegister(CoreRegister.SP, PSP_TOP);
    cpu.writeRegister(CoreRegister.CONTROL, ExceptionUnit.CONTROL_SPSEL | extraControl);
  }

  private void writeFrame(int address, int pc, int xpsr) {
    ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    b.position(24);
    b.putInt(pc).putInt(xpsr);
    cpu.writeMemory(Integer.toUnsignedLong(address), b.array());
  }

  private int word(int address) {
    return ByteBuffer.wrap(cpu.readMemory(Integer.toUnsignedLong(address), 4))
        .order(ByteOrder.LITTLE_ENDIAN)
        .getInt();
  }

  private static byte[] le(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  /**
   * Priorities by exception number (0 by default), a pending set, and a log of what the core did.
   */
  private static final class FakeController implements InterruptController {
    final int[] priorities = new int[64];
    final TreeSet<Integer> pending = new TreeSet<>();
    final List<String> log = new ArrayList<>();

    @Override
    public int highestPendingPreempting(int executionPriority) {
      return pending.stream()
          .filter(e -> priorities[e] < executionPriority)
          .min((a, b) -> Integer.compare(priorities[a], priorities[b]))
          .orElse(-1);
    }

    @Override
    public int priorityOf(int exceptionNumber) {
      return priorities[exceptionNumber];
    }

    @Override
    public void activate(int exceptionNumber) {
      pending.remove(exceptionNumber);
      log.add("activate " + exceptionNumber);
    }

    @Override
    public void deactivate(int exceptionNumber) {
      log.add("deactivate " + exceptionNumber);
    }

    @Override
    public void setPending(int exceptionNumber) {
      pending.add(exceptionNumber);
    }

    @Override
    public long vectorTableBase() {
      return VECTORS;
    }
  }
}
