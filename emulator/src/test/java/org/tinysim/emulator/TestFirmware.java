package org.tinysim.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tinysim.emulator.cycles.CortexM7CostModel;
import org.tinysim.emulator.elf.ElfImage;
import org.tinysim.emulator.run.RunOptions;
import org.tinysim.emulator.run.RunResult;

/** Test firmwares built by the Maven build from src/test/firmware (one ELF per C file). */
final class TestFirmware {
    private TestFirmware() {
    }

    static Path path(String name) {
        Path elf = Path.of(System.getProperty("tinysim.firmwareDir", "target/firmware"), name + ".elf");
        assertThat(elf).as("test firmware built by the Maven build (make -C src/test/firmware)").exists();
        return elf;
    }

    static ElfImage image(String name) {
        return ElfImage.load(path(name));
    }

    /** Loads and runs a firmware on a bare machine (no peripherals) with the Cortex-M7 cost model. */
    static RunResult run(String name, long maxCycles) {
        try (Machine machine = new Machine(new CortexM7CostModel())) {
            machine.load(image(name));
            return machine.run(RunOptions.cycles(maxCycles));
        }
    }

    static boolean exists(String name) {
        return Files.exists(Path.of(System.getProperty("tinysim.firmwareDir", "target/firmware"), name + ".elf"));
    }
}
