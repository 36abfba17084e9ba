package org.tinysim.peripherals.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinysim.peripherals.testing.LogCapture;

class RegisterBankTest {
  private final RegisterBank bank = new RegisterBank("TEST");

  @Test
  void overlappingFieldsAreRejectedAtConstruction() {
    Register.Builder builder = bank.define("CTRL", 0x0).field("A", 0, 4, Access.RW);
    assertThatThrownBy(() -> builder.field("B", 3, 2, Access.RW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("B overlaps field A");
  }

  @Test
  void fieldsOverlappingTagsAreRejected() {
    Register.Builder builder = bank.define("CTRL", 0x0).tag("RESERVED", 8, 8);
    assertThatThrownBy(() -> builder.flag("X", 12, Access.RW))
        .hasMessageContaining("overlaps tag RESERVED");
  }

  @Test
  void fieldsWiderThanTheRegisterAreRejected() {
    Register.Builder builder = bank.define("HALF", 0x0).width(16);
    assertThatThrownBy(() -> builder.field("WIDE", 8, 12, Access.RW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not fit a 16-bit register");
  }

  @Test
  void twoRegistersAtOneOffsetAreRejected() {
    bank.define("FIRST", 0x4).field("A", 0, 1, Access.RW).build();
    assertThatThrownBy(() -> bank.define("SECOND", 0x4).field("B", 0, 1, Access.RW).build())
        .hasMessageContaining("FIRST and SECOND both at offset 0x4");
  }

  @Test
  void duplicateFieldNamesAreRejected() {
    Register.Builder builder =
        bank.define("CR", 0x0).flag("EN", 0, Access.RW).flag("EN", 1, Access.RW);
    assertThatThrownBy(builder::build).hasMessageContaining("TEST.CR declares field EN twice");
  }

  @Test
  void unknownFieldNamesGetAClearMessage() {
    Register register = bank.define("CR", 0x0).flag("EN", 0, Access.RW).build();
    assertThatThrownBy(() -> register.field("ON")).hasMessageContaining("TEST.CR has no field ON");
  }

  @Test
  void handedOutFieldHandleIsTheFieldTheBusReaches() {
    Field[] enable = new Field[1];
    bank.define("CR", 0x0)
        .flag("EN", 0, Access.RW, f -> enable[0] = f)
        .field("MODE", 4, 2, Access.RW)
        .build();
    bank.write(0x0, 4, 0x21);
    assertThat(enable[0].name()).isEqualTo("EN");
    assertThat(enable[0].isSet()).isTrue();
    enable[0].set(false);
    assertThat(bank.read(0x0, 4)).isEqualTo(0x20);
  }

  @Test
  void unalignedRegisterOffsetIsRejected() {
    assertThatThrownBy(() -> bank.define("ODD", 0x6)).hasMessageContaining("not word aligned");
  }

  @Test
  void writeOneToClearOnlyClearsTheWrittenOnes() {
    bank.define("SR", 0x0).resetValue(0b1111).field("FLAGS", 0, 4, Access.RW1C).build();
    bank.write(0x0, 4, 0b0101);
    assertThat(bank.read(0x0, 4)).isEqualTo(0b1010);
  }

  @Test
  void writeOneToSetOnlySets() {
    bank.define("SET", 0x0).resetValue(0b0001).field("BITS", 0, 4, Access.RW1S).build();
    bank.write(0x0, 4, 0b0100);
    assertThat(bank.read(0x0, 4)).isEqualTo(0b0101);
  }

  @Test
  void readOnlyFieldsIgnoreWritesWhileWritableNeighboursChange() {
    bank.define("MIX", 0x0)
        .resetValue(0xA0)
        .field("RW", 0, 4, Access.RW)
        .field("RO", 4, 4, Access.RO)
        .build();
    bank.write(0x0, 4, 0x5F);
    assertThat(bank.read(0x0, 4)).isEqualTo(0xAF);
  }

  @Test
  void writeOnlyFieldsReadAsZero() {
    bank.define("KEY", 0x0).field("KEY", 0, 32, Access.WO).build();
    bank.write(0x0, 4, 0x1234);
    assertThat(bank.read(0x0, 4)).isZero();
  }

  @Test
  void readToClearReturnsTheValueOnce() {
    Register status = bank.define("ST", 0x0).flag("EVENT", 16, Access.RC).build();
    status.field("EVENT").set(true);
    assertThat(bank.read(0x0, 4)).isEqualTo(1L << 16);
    assertThat(bank.read(0x0, 4)).isZero();
  }

  @Test
  void byteReadOutsideAReadToClearFieldKeepsIt() {
    Register status = bank.define("ST", 0x0).flag("EVENT", 16, Access.RC).build();
    status.field("EVENT").set(true);
    bank.read(0x0, 1);
    assertThat(bank.read(0x2, 1)).isEqualTo(1);
  }

  @Test
  void byteAndHalfwordAccessesAddressTheRightLanes() {
    bank.define("DATA", 0x8).field("DATA", 0, 32, Access.RW).build();
    bank.write(0x8, 4, 0x11223344L);
    assertThat(bank.read(0x9, 1)).isEqualTo(0x33);
    assertThat(bank.read(0xA, 2)).isEqualTo(0x1122);
    bank.write(0xB, 1, 0xAB);
    assertThat(bank.read(0x8, 4)).isEqualTo(0xAB223344L);
  }

  @Test
  void byteWriteOnlyTouchesFieldsInThatByte() {
    List<Long> lowWrites = new ArrayList<>();
    bank.define("PRI", 0x0)
        .field("LOW", 0, 8, Access.RW)
        .onWrite(lowWrites::add)
        .field("HIGH", 24, 8, Access.RW)
        .build();
    bank.write(0x3, 1, 0x7F);
    assertThat(lowWrites).isEmpty();
    assertThat(bank.read(0x0, 4)).isEqualTo(0x7F000000L);
  }

  @Test
  void byteWriteToWriteOneToClearFieldLeavesOtherBytesAlone() {
    bank.define("SR", 0x0).resetValue(0xFFFF).field("FLAGS", 0, 16, Access.RW1C).build();
    bank.write(0x1, 1, 0xFF);
    assertThat(bank.read(0x0, 4)).isEqualTo(0x00FF);
  }

  @Test
  void resetRestoresDeclaredValues() {
    bank.define("CFG", 0x0).resetValue(0x24003010L).field("ALL", 0, 32, Access.RW).build();
    bank.write(0x0, 4, 0);
    bank.reset();
    assertThat(bank.read(0x0, 4)).isEqualTo(0x24003010L);
  }

  @Test
  void providerAndChangeListenerAreUsed() {
    long[] changes = new long[2];
    bank.define("CR", 0x0)
        .flag("ON", 0, Access.RW)
        .onChange(
            (was, now) -> {
              changes[0] = was;
              changes[1] = now;
            })
        .flag("RDY", 1, Access.RO)
        .readsAs(() -> 1)
        .build();
    bank.write(0x0, 4, 1);
    assertThat(changes).containsExactly(0, 1);
    assertThat(bank.read(0x0, 4)).isEqualTo(0b11);
  }

  @Test
  void writeGuardDropsRejectedWrites() {
    bank.define("KEYED", 0x0)
        .acceptWritesIf(value -> (value >>> 16) == 0x5FA)
        .field("VALUE", 0, 8, Access.RW)
        .build();
    bank.write(0x0, 4, 0x00000042L);
    assertThat(bank.read(0x0, 4)).isZero();
    bank.write(0x0, 4, 0x05FA0042L);
    assertThat(bank.read(0x0, 4)).isEqualTo(0x42);
  }

  @Test
  void undefinedOffsetsReadZeroAndAreLogged() {
    try (LogCapture log = new LogCapture(RegisterBank.class)) {
      assertThat(bank.read(0x40, 4)).isZero();
      bank.write(0x44, 4, 7);
      assertThat(log.messages())
          .anyMatch(m -> m.contains("read of undefined offset 0x40"))
          .anyMatch(m -> m.contains("write 0x7 to undefined offset 0x44"));
    }
  }

  @Test
  void writesToTaggedBitsAreLoggedAndIgnored() {
    bank.define("CR", 0x0).flag("EN", 0, Access.RW).tag("FANCY", 4, 2).build();
    try (LogCapture log = new LogCapture(Register.class)) {
      bank.write(0x0, 4, 0x31);
      assertThat(log.messages()).anyMatch(m -> m.contains("unmodelled bits CR.FANCY"));
    }
    assertThat(bank.read(0x0, 4)).isEqualTo(1);
  }

  @Test
  void badAccessesGetClearMessages() {
    bank.define("R", 0x0).field("V", 0, 32, Access.RW).build();
    assertThatThrownBy(() -> bank.read(0x1, 2))
        .hasMessageContaining("unaligned 2-byte access at offset 0x1");
    assertThatThrownBy(() -> bank.write(0x0, 3, 0)).hasMessageContaining("width must be 1, 2 or 4");
    assertThatThrownBy(() -> bank.register(0x10))
        .hasMessageContaining("no register at offset 0x10");
  }

  @Test
  void enumNamesBecomeRegisterNames() {
    enum Reg implements RegisterOffset {
      Ahb1enr;

      @Override
      public long offset() {
        return 0x30;
      }
    }
    bank.define(Reg.Ahb1enr).field("V", 0, 32, Access.RW).build();
    bank.define(Reg.Ahb1enr, 2).field("V", 0, 32, Access.RW).build();
    assertThat(bank.register(0x30).name()).isEqualTo("AHB1ENR");
    assertThat(bank.register(0x38).name()).isEqualTo("AHB1ENR2");
  }
}
