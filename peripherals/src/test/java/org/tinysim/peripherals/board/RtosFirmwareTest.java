package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * Firmware that runs like an RTOS: tasks on the process stack, PendSV context switches between FP
 * and non-FP tasks, BASEPRI critical sections, notifications from the tick ISR, a queue. The
 * transcripts follow from the priorities alone (worked out in the firmware sources), so any lost
 * preemption, wrong stack or wrong frame changes them.
 */
class RtosFirmwareTest {

    @Test
    void preemptiveSchedulerInterleavesExactlyAsItsPrioritiesDictate() {
        RunResult r = BoardFirmware.run("rtos_sched");
        assertThat(r.console()).isEqualTo("""
                scheduler starts
                producer waits
                consumer waits
                spinner runs
                producer tick 2
                producer sent 1
                producer sent 2
                consumer got 1 acc*1000 1000
                consumer got 2 acc*1000 2500
                producer tick 4
                producer sent 3
                producer sent 4
                consumer got 3 acc*1000 4250
                consumer got 4 acc*1000 6125
                waiter sees marker 1
                waiter sees marker 3
                waiter sees marker 5
                waiter sees marker 7
                irq saw 7
                waiter sees marker 9
                irq saw 9
                rtos ok
                """);
        assertThat(r.stop()).isEqualTo(StopKind.EXITED);
        assertThat(r.exitStatus()).isZero();
    }

    @Test
    void taskStacksInBssAreNoOverflowAndTheSramPeakStaysWithinSram() {
        RunResult r = BoardFirmware.run("rtos_sched");
        assertThat(r.fault()).isNull();
        assertThat(r.sram().peakBytes()).isLessThanOrEqualTo(r.sram().limitBytes());
    }
}
