package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stock FreeRTOS (V11, port GCC/ARM_CM7/r0p1, heap_4) on the emulated board, run exactly as {@code
 * tinysim run FIRMWARE.elf --json} runs it. The scenario firmwares are in
 * peripherals/src/test/firmware/freertos; the kernel is not in the repository: set {@code
 * TINYSIM_FREERTOS_DIR} to a FreeRTOS-Kernel tree to run these tests, otherwise they are skipped.
 *
 * <p>Each transcript follows from the priorities and tick arithmetic worked out in its source's
 * header comment; the firmware checks its own DWT cycle windows, and here the run's total cycles
 * must end within the tick the transcript ends in (boot to the first tick takes under 10,000 of the
 * 216,000 cycles of a 1 ms tick). Host speed per scenario goes to target/freertos-speed.tsv; it is
 * reported, not asserted.
 */
class FreeRtosScenariosTest {
  private static final long TICK_CYCLES = 216_000;
  private static final Path SOURCES =
      Path.of(System.getProperty("tinysim.repoRoot", ".."))
          .resolve("peripherals/src/test/firmware/freertos");
  private static final Path OUT = Path.of("target", "freertos").toAbsolutePath();
  private static final List<String> SPEED = new ArrayList<>();

  @BeforeAll
  static void buildScenarios() throws IOException, InterruptedException {
    String kernel = System.getenv("TINYSIM_FREERTOS_DIR");
    assumeTrue(
        kernel != null && Files.isDirectory(Path.of(kernel)),
        "TINYSIM_FREERTOS_DIR names no FreeRTOS-Kernel tree");
    Process make =
        new ProcessBuilder(
                "make",
                "-C",
                SOURCES.toString(),
                "FREERTOS_DIR=" + Path.of(kernel).toAbsolutePath(),
                "OUT=" + OUT)
            .redirectErrorStream(true)
            .start();
    String log = new String(make.getInputStream().readAllBytes());
    assertThat(make.waitFor(10, TimeUnit.MINUTES)).as("make finished").isTrue();
    assertThat(make.exitValue()).as("building the FreeRTOS scenarios:%n%s", log).isZero();
  }

  @AfterAll
  static void writeSpeedReport() throws IOException {
    if (!SPEED.isEmpty()) {
      Files.writeString(
          OUT.resolveSibling("freertos-speed.tsv"),
          "scenario\tcycles\tinstructions\thost_seconds\tMIPS\n" + String.join("", SPEED));
    }
  }

  @Test
  void vTaskDelayAndDelayUntilWakeOnTheirTicks() {
    assertRun(
        "freertos_delay",
        42,
        """
        delay ticks 10
        delay cycles in window
        delay ticks 10
        delay cycles in window
        delay ticks 10
        delay cycles in window
        fast 2
        slow 3
        fast 4
        slow 6
        fast 6
        fast 8
        slow 9
        fast 10
        slow 12
        fast 12
        delay ok
        """);
  }

  @Test
  void aFullQueueHandsTheProducerEachFreedSlotAtOnce() {
    assertRun(
        "freertos_queue",
        0,
        """
        sent 1
        sent 2
        sent 3
        sent 4
        got 1
        sent 5
        got 2
        sent 6
        producer done
        got 3
        got 4
        got 5
        got 6
        queue ok
        """);
  }

  @Test
  void softwareTimersFireInTheTimerTaskOnTheirTicks() {
    assertRun(
        "freertos_timers",
        20,
        """
        start at tick 0
        auto-reload at tick 5
        auto-reload at tick 10
        one-shot at tick 12
        auto-reload at tick 15
        auto-reload at tick 20
        timers ok at tick 20
        """);
  }

  @Test
  void aMutexHolderInheritsTheWaitersPriorityUntilItGives() {
    assertRun(
        "freertos_mutex",
        6,
        """
        low took mutex
        high wants mutex
        low priority 3
        high got mutex at tick 6
        med ran at tick 6
        low priority 1
        mutex ok
        """);
  }

  @Test
  void aSemaphoreGivenFromAnIsrRunsTheWaiterBeforeTheInterruptedTaskResumes() {
    assertRun(
        "freertos_isr",
        0,
        """
        trigger 1
        handled, marker 1
        trigger 2
        handled, marker 2
        trigger 3
        handled, marker 3
        isr ok
        """);
  }

  @Test
  void fpRegistersSurviveTimeSlicingAndFpWorkInTheTickHandler() {
    assertRun(
        "freertos_fpu",
        40,
        """
        fp task 0
          rounds 5
          lost 0
        fp task 1
          rounds 5
          lost 0
        fp task 2
          rounds 5
          lost 0
        tick hook fp ok
        fpu ok
        """);
  }

  @Test
  void theStackOverflowHookNamesTheTaskThatRanOffItsStack() {
    assertRun(
        "freertos_overflow",
        0,
        """
        victim descends
        stack overflow hook: victim
        """);
  }

  @Test
  void anIdleKernelSleepsInWfiBetweenTicks() {
    Map<String, Object> json =
        assertRun(
            "freertos_idle",
            2000,
            """
            slept ticks 1000
            sleep cycles in window
            slept ticks 1000
            sleep cycles in window
            idle slept once per tick
            """);
    // Sleeping, not spinning: a tick costs the ISR, the kernel's tick and one idle pass.
    assertThat((Long) json.get("instructions")).isLessThan(2000L * 1000);
  }

  /** Runs one scenario as the CLI does; it must exit 0 within tick {@code lastTick}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> assertRun(String scenario, long lastTick, String transcript) {
    Path elf = OUT.resolve(scenario + ".elf");
    long start = System.nanoTime();
    CliRun run = CliRun.of("run", elf.toString(), "--json");
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> json = (Map<String, Object>) run.json();
    assertThat(json.get("console"))
        .as("%s: stop %s, fault %s", scenario, json.get("stop"), json.get("fault"))
        .isEqualTo(transcript);
    assertThat(run.exitCode()).as(scenario + " exit status").isZero();
    long cycles = (Long) json.get("cycles");
    assertThat(cycles)
        .as(scenario + " cycles")
        .isBetween(lastTick * TICK_CYCLES, (lastTick + 1) * TICK_CYCLES);
    long instructions = (Long) json.get("instructions");
    SPEED.add(
        String.format(
            Locale.ROOT,
            "%s\t%d\t%d\t%.3f\t%.1f%n",
            scenario,
            cycles,
            instructions,
            seconds,
            instructions / seconds / 1e6));
    return json;
  }
}
