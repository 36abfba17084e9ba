package org.tinysim.emulator.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinysim.emulator.unicorn.internal.DebugLib;
import org.tinysim.emulator.unicorn.internal.HookLib;

/** The Java mirrors of tinysim_hook.h agree with what the compiled native hook reports. */
class NativeHookAbiTest {
  @Test
  void cycleCounterOffsetsAndSizesMatchTheNativeStructs() {
    assertThat(CycleCounter.MIRRORED_ABI).hasSize(26);
    for (Map.Entry<String, Long> mirrored : CycleCounter.MIRRORED_ABI.entrySet()) {
      assertThat(HookLib.INSTANCE.tinysim_hook_abi(mirrored.getKey()))
          .as("native %s (Java assumes %d)", mirrored.getKey(), mirrored.getValue())
          .isEqualTo(mirrored.getValue());
    }
  }

  @Test
  void stopReasonConstantsMatchTheNativeEnum() throws IllegalAccessException {
    int checked = 0;
    for (Field constant : HookLib.class.getFields()) {
      if (constant.getName().startsWith("TS_STOP_") && Modifier.isStatic(constant.getModifiers())) {
        assertThat(HookLib.INSTANCE.tinysim_hook_abi(constant.getName()))
            .as(constant.getName())
            .isEqualTo(constant.getInt(null));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(11);
  }

  @Test
  void debugStopCausesMatchTheNativeEnum() throws IllegalAccessException {
    int checked = 0;
    for (Field constant : DebugLib.class.getFields()) {
      if (constant.getName().startsWith("TS_DEBUG_")) {
        assertThat(HookLib.INSTANCE.tinysim_hook_abi(constant.getName()))
            .as(constant.getName())
            .isEqualTo(constant.getInt(null));
        assertThat(DebugHooks.StopCause.values()[constant.getInt(null)].name())
            .as("DebugHooks.StopCause for " + constant.getName())
            .isNotNull();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(DebugHooks.StopCause.values().length);
  }

  @Test
  void unknownNamesAreReportedAsMissing() {
    assertThat(HookLib.INSTANCE.tinysim_hook_abi("offsetof.no_such_field")).isEqualTo(-1);
  }
}
