package org.tinysim.emulator.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemBusTest {

  /** Remembers writes; reads return the offset so dispatch is visible. */
  private static final class Probe implements MmioDevice {
    final String name;
    final long size;
    final Map<Long, Long> writes = new HashMap<>();

    Probe(String name, long size) {
      this.name = name;
      this.size = size;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public long read(long offset, int width) {
      return offset;
    }

    @Override
    public void write(long offset, int width, long value) {
      writes.put(offset, value);
    }
  }

  @Test
  void devicesSharingAPageAreDispatchedByTheirRealRange() {
    List<String> holes = new ArrayList<>();
    SystemBus bus = new SystemBus((a, w, write) -> holes.add(Long.toHexString(a)));
    Probe usart1 = new Probe("USART1", 0x400);
    Probe usart6 = new Probe("USART6", 0x400);
    bus.attach(0x4001_1000L, usart1);
    bus.attach(0x4001_1400L, usart6);

    bus.write(0x4001_1028L, 4, 0x41);
    bus.write(0x4001_1428L, 4, 0x42);
    assertThat(usart1.writes).containsEntry(0x28L, 0x41L);
    assertThat(usart6.writes).containsEntry(0x28L, 0x42L);
    assertThat(bus.read(0x4001_1404L, 4)).isEqualTo(4);
    assertThat(bus.pageRuns()).hasSize(1);
    assertThat(bus.pageRuns().get(0)).containsExactly(0x4001_1000L, 0x4001_2000L);

    assertThat(bus.read(0x4001_1900L, 4)).isZero();
    assertThat(holes).containsExactly("40011900");
  }

  @Test
  void overlappingDevicesAreRejected() {
    SystemBus bus = new SystemBus((a, w, write) -> {});
    bus.attach(0x4000_0000L, new Probe("A", 0x400));
    assertThatThrownBy(() -> bus.attach(0x4000_0200L, new Probe("B", 0x400)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("B at 0x40000200 overlaps A at 0x40000000");
  }
}
