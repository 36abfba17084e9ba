package org.tinysim.peripherals.cortexm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.emulator.exceptions.ExceptionNumber;
import org.tinysim.peripherals.testing.CountingSignal;

class NvicAndExceptionTableTest {
  private static final int THREAD_MODE = 256;
  private final CountingSignal signal = new CountingSignal();
  private final ExceptionTable exceptions = new ExceptionTable(98, signal, 0);
  private final Nvic nvic = new Nvic(exceptions);
  private final SystemControlBlock scb = new SystemControlBlock(exceptions);
  private final CacheAndFpuControl scbExt = new CacheAndFpuControl(exceptions);

  @Test
  void enableBitsAreSetAndClearedThroughIserAndIcer() {
    nvic.write(0x004, 4, 1L << 5); // ISER1 bit 5 = IRQ 37
    assertThat(exceptions.isEnabled(16 + 37)).isTrue();
    assertThat(nvic.read(0x084, 4)).isEqualTo(1L << 5);
    nvic.write(0x084, 4, 1L << 5);
    assertThat(exceptions.isEnabled(16 + 37)).isFalse();
  }

  @Test
  void irqsBeyondTheNinetyEighthDoNotExist() {
    nvic.write(0x00C, 4, 0xFFFFFFFFL); // ISER3: IRQs 96..127
    assertThat(nvic.read(0x00C, 4)).isEqualTo(0b11);
  }

  @Test
  void pendingSetRequestsACheckAndClearWorks() {
    nvic.write(0x100, 4, 1L << 3); // ISPR0
    assertThat(exceptions.isPending(16 + 3)).isTrue();
    assertThat(signal.requests()).isPositive();
    nvic.write(0x180, 4, 1L << 3); // ICPR0
    assertThat(exceptions.isPending(16 + 3)).isFalse();
  }

  @Test
  void priorityBytesKeepOnlyTheUpperNibble() {
    nvic.write(0x300 + 37, 1, 0x5A); // IPR byte of IRQ 37
    assertThat(exceptions.priorityOf(16 + 37)).isEqualTo(0x50);
    assertThat(nvic.read(0x300 + 37, 1)).isEqualTo(0x50);
    assertThat(nvic.read(0x300 + 36, 4)).isEqualTo(0x5000);
  }

  @Test
  void higherPriorityPendingInterruptPreemptsLowerExecutionPriority() {
    enableAndPend(10, 0x40);
    assertThat(exceptions.highestPendingPreempting(THREAD_MODE)).isEqualTo(16 + 10);
    assertThat(exceptions.highestPendingPreempting(0x80)).isEqualTo(16 + 10);
    assertThat(exceptions.highestPendingPreempting(0x40)).isEqualTo(-1);
    assertThat(exceptions.highestPendingPreempting(0x20)).isEqualTo(-1);
  }

  @Test
  void disabledInterruptsAreNotTaken() {
    exceptions.setPending(16 + 4);
    assertThat(exceptions.highestPendingPreempting(THREAD_MODE)).isEqualTo(-1);
    assertThat(exceptions.highestPending()).isZero();
  }

  @Test
  void mostUrgentPendingWinsAndTiesGoToTheLowerNumber() {
    enableAndPend(20, 0x80);
    enableAndPend(21, 0x30);
    enableAndPend(5, 0x30);
    assertThat(exceptions.highestPendingPreempting(THREAD_MODE)).isEqualTo(16 + 5);
  }

  @Test
  void subpriorityDoesNotPreemptWithinTheSameGroup() {
    // PRIGROUP 5: bits [7:6] group, [5:0] subpriority -> 0x40 and 0x70 share group 0x40.
    scb.write(0x0C, 4, 0x05FA0500L);
    assertThat(exceptions.priorityGrouping()).isEqualTo(5);
    enableAndPend(1, 0x40);
    assertThat(exceptions.highestPendingPreempting(0x70)).isEqualTo(-1);
    assertThat(exceptions.highestPendingPreempting(0x80)).isEqualTo(16 + 1);
  }

  @Test
  void systemHandlerPrioritiesComeFromShpr() {
    scb.write(0x20, 4, 0xF0E00000L); // SHPR3: SysTick 0xF0, PendSV 0xE0
    assertThat(exceptions.priorityOf(ExceptionNumber.SYS_TICK)).isEqualTo(0xF0);
    assertThat(exceptions.priorityOf(ExceptionNumber.PEND_SV)).isEqualTo(0xE0);
    assertThat(exceptions.priorityOf(ExceptionNumber.HARD_FAULT)).isEqualTo(-1);
    scb.write(0x04, 4, 1L << 26); // ICSR.PENDSTSET
    assertThat(exceptions.highestPendingPreempting(0xF0)).isEqualTo(-1);
    assertThat(exceptions.highestPendingPreempting(THREAD_MODE))
        .isEqualTo(ExceptionNumber.SYS_TICK);
  }

  @Test
  void icsrShowsPendingAndActiveExceptions() {
    scb.write(0x04, 4, 1L << 28); // PENDSVSET
    assertThat(scb.read(0x04, 4) & (1L << 28)).isNotZero();
    assertThat((scb.read(0x04, 4) >>> 12) & 0x1FF).isEqualTo(ExceptionNumber.PEND_SV);
    exceptions.activate(ExceptionNumber.PEND_SV);
    long icsr = scb.read(0x04, 4);
    assertThat(icsr & 0x1FF).isEqualTo(ExceptionNumber.PEND_SV);
    assertThat(icsr & (1L << 11)).as("RETTOBASE").isNotZero();
    assertThat(icsr & (1L << 28)).isZero();
    exceptions.deactivate(ExceptionNumber.PEND_SV);
    assertThat(scb.read(0x04, 4) & 0x1FF).isZero();
  }

  @Test
  void pendStClearRemovesAPendingSysTick() {
    scb.write(0x04, 4, 1L << 26);
    scb.write(0x04, 4, 1L << 25);
    assertThat(exceptions.isPending(ExceptionNumber.SYS_TICK)).isFalse();
  }

  @Test
  void levelInterruptPendsAgainWhenItsHandlerReturnsWithTheLineHigh() {
    exceptions.setEnabled(16 + 37, true);
    exceptions.irqLineChanged(37, true);
    exceptions.activate(16 + 37);
    assertThat(exceptions.isPending(16 + 37)).isFalse();
    exceptions.deactivate(16 + 37);
    assertThat(exceptions.isPending(16 + 37)).isTrue();
    exceptions.activate(16 + 37);
    exceptions.irqLineChanged(37, false);
    exceptions.deactivate(16 + 37);
    assertThat(exceptions.isPending(16 + 37)).isFalse();
  }

  @Test
  void aircrWritesNeedTheKey() {
    int[] resets = {0};
    scb.addResetRequestListener(() -> resets[0]++);
    scb.write(0x0C, 4, 0x00000304L);
    assertThat(exceptions.priorityGrouping()).isZero();
    assertThat(resets[0]).isZero();
    scb.write(0x0C, 4, 0x05FA0004L);
    assertThat(resets[0]).isEqualTo(1);
    assertThat(scb.read(0x0C, 4) >>> 16).isEqualTo(0xFA05);
  }

  @Test
  void disabledConfigurableFaultEscalatesToHardFault() {
    exceptions.setPending(ExceptionNumber.BUS_FAULT);
    assertThat(exceptions.isPending(ExceptionNumber.HARD_FAULT)).isTrue();
    scb.write(0x24, 4, 1L << 17); // SHCSR.BUSFAULTENA
    exceptions.setPending(ExceptionNumber.BUS_FAULT);
    assertThat(exceptions.isPending(ExceptionNumber.BUS_FAULT)).isTrue();
    assertThat(scb.read(0x24, 4) & (1L << 14)).as("BUSFAULTPENDED").isNotZero();
  }

  @Test
  void softwareTriggerRegisterPendsAnIrq() {
    scbExt.write(0x00, 4, 71);
    assertThat(exceptions.isPending(16 + 71)).isTrue();
  }

  @Test
  void vectorTableOffsetIsStoredAlignedAndReported() {
    scb.write(0x08, 4, 0x08000000L);
    assertThat(exceptions.vectorTableBase()).isEqualTo(0x08000000L);
    scb.write(0x08, 4, 0x2000_0044L);
    assertThat(scb.read(0x08, 4)).isEqualTo(0x2000_0000L);
  }

  @Test
  void badExceptionNumbersAreRejected() {
    assertThatThrownBy(() -> exceptions.setPending(16 + 98)).hasMessageContaining("outside 1..113");
    assertThatThrownBy(() -> exceptions.setPriority(ExceptionNumber.NMI, 0))
        .hasMessageContaining("fixed priority");
  }

  private void enableAndPend(int irq, int priority) {
    exceptions.setEnabled(16 + irq, true);
    exceptions.setPriority(16 + irq, priority);
    exceptions.setPending(16 + irq);
  }
}
