package org.tinysim.peripherals.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/** The host ABI against host_abi.c: boot to the yield, commands in and out by symbol, exit. */
class HostSessionTest {

  @Test
  void commandsRunBetweenYieldsAndCommandZeroExitsCleanly() {
    try (HostSession session = HostSession.boot("host_abi", BoardFirmware.path("host_abi"))) {
      assertThat(session.last().stop()).isEqualTo(StopKind.YIELDED);
      long bootCycles = session.last().cycles();

      session.writeSymbol("host_input", new byte[] {1, 2, 3, (byte) 0xFF});
      RunResult first = session.command(1, "first command");
      assertThat(first.stop()).isEqualTo(StopKind.YIELDED);
      assertThat(first.cycles()).isGreaterThan(bootCycles);
      assertThat(session.readSymbol("host_output")).containsExactly(2, 3, 4, 0);
      assertThat(session.readWord("host_commands")).isEqualTo(1);

      session.writeSymbol("host_input", new byte[] {10, 20, 30, 40});
      session.command(1, "second command");
      assertThat(session.readSymbol("host_output")).containsExactly(11, 21, 31, 41);
      assertThat(session.readWord("host_commands")).isEqualTo(2);

      session.exit();
      assertThat(session.last().stop()).isEqualTo(StopKind.EXITED);
      assertThat(session.last().exitStatus()).isZero();
      session.exit();
      assertThatThrownBy(() -> session.command(1, "after exit"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("host_abi: the firmware has stopped");
    }
  }

  @Test
  void anExitWhereAYieldWasExpectedNamesThePhaseAndTheStatus() {
    try (HostSession session = HostSession.boot("host_abi", BoardFirmware.path("host_abi"))) {
      assertThatThrownBy(() -> session.command(2, "the bad command"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(
              "host_abi: firmware stopped while the bad command instead of "
                  + "yielding: exited with status 7");
      assertThatThrownBy(() -> session.command(1, "after the exit"))
          .hasMessage("host_abi: the firmware has stopped");
    }
  }

  @Test
  void firmwareThatNeverYieldsFailsTheBoot() {
    assertThatThrownBy(() -> HostSession.boot("hello", BoardFirmware.path("hello")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "hello: firmware stopped while booting instead of yielding: exited with status 0; "
                + "console: hello from tinysim\n");
  }
}
