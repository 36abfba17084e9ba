package org.tinysim.peripherals.board;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.tinysim.emulator.Machine;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;
import org.tinysim.emulator.run.StopKind;

/**
 * The host ABI of tinysim firmware on an emulated STM32F746-DISCO. The firmware yields ({@code bkpt
 * 0x42}, {@link StopKind#YIELDED}) whenever it waits for the host; the host then writes symbols and
 * {@value #COMMAND_SYMBOL} and resumes it. Command {@value #EXIT_COMMAND} ends the firmware with
 * exit status 0; any other command is the firmware's to run before it yields again. Exit status 1
 * means the firmware could not set up its clock.
 *
 * <p>{@link #close()} frees the board without ending the firmware; {@link #exit()} ends it and
 * requires a clean exit.
 */
public final class HostSession implements AutoCloseable {
  public static final String COMMAND_SYMBOL = "tinysim_command";
  public static final int EXIT_COMMAND = 0;

  /** Budget per resume; firmware that needs more is stuck, not slow. */
  static final long CYCLES_PER_RESUME = 4_000_000_000L;

  private static final long CYCLES_TO_EXIT = 1_000_000L;

  private final String name;
  private final Stm32f746Board board;
  private RunResult last;
  private boolean ended;

  private HostSession(String name, Stm32f746Board board) {
    this.name = name;
    this.board = board;
  }

  /**
   * Loads {@code elf} on a fresh DISCO board and runs it to its first yield. {@code name} starts
   * every error message.
   */
  public static HostSession boot(String name, Path elf) {
    HostSession session = new HostSession(name, Stm32f746Board.disco());
    try {
      session.board.load(ElfImage.load(elf));
      session.last = session.board.run(RunOptions.cycles(CYCLES_PER_RESUME));
      session.requireYield(session.last, "booting");
      return session;
    } catch (RuntimeException e) {
      session.board.close();
      throw e;
    }
  }

  /** Writes {@code command} to {@value #COMMAND_SYMBOL} and resumes to the next yield. */
  public RunResult command(int command, String phase) {
    writeWord(COMMAND_SYMBOL, command);
    return resume(phase);
  }

  /** Resumes to the next yield; {@code phase} names what the firmware was doing in errors. */
  public RunResult resume(String phase) {
    requireRunning();
    RunResult r = board.run(RunOptions.cycles(last.cycles() + CYCLES_PER_RESUME));
    last = r;
    requireYield(r, phase);
    return r;
  }

  /** Sends {@value #EXIT_COMMAND}; the firmware must exit with status 0. Does nothing twice. */
  public void exit() {
    if (ended) {
      return;
    }
    writeWord(COMMAND_SYMBOL, EXIT_COMMAND);
    ended = true;
    RunResult r = board.run(RunOptions.cycles(last.cycles() + CYCLES_TO_EXIT));
    last = r;
    if (r.stop() != StopKind.EXITED || r.exitStatus() != 0) {
      throw new IllegalStateException(
          name + ": firmware did not exit cleanly on command " + EXIT_COMMAND + ": " + describe(r));
    }
  }

  /** The latest stop: the boot yield, the last command's yield, or the exit. */
  public RunResult last() {
    return last;
  }

  public void writeSymbol(String symbol, byte[] data) {
    requireRunning();
    board.machine().writeSymbol(symbol, data);
  }

  /** Writes a 32-bit little-endian word. */
  public void writeWord(String symbol, int value) {
    writeSymbol(
        symbol, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
  }

  public byte[] readSymbol(String symbol) {
    return board.machine().readSymbol(symbol);
  }

  /** Reads the first 32-bit little-endian word of a symbol. */
  public int readWord(String symbol) {
    return ByteBuffer.wrap(readSymbol(symbol)).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  public Machine machine() {
    return board.machine();
  }

  @Override
  public void close() {
    board.close();
  }

  private void requireRunning() {
    if (ended) {
      throw new IllegalStateException(name + ": the firmware has stopped");
    }
  }

  private void requireYield(RunResult r, String phase) {
    if (r.stop() != StopKind.YIELDED) {
      ended = true;
      throw new IllegalStateException(
          name + ": firmware stopped while " + phase + " instead of yielding: " + describe(r));
    }
  }

  private static String describe(RunResult r) {
    return switch (r.stop()) {
      case EXITED ->
          "exited with status "
              + r.exitStatus()
              + (r.exitStatus() == 1 ? " (clock setup failed)" : "")
              + "; console: "
              + r.console();
      case FAULTED -> "fault " + r.fault() + "; console: " + r.console();
      case YIELDED -> "yielded";
      case PAUSED -> "paused by the host";
    };
  }
}
