package org.tinysim.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinysim.engine.json.Json;

class JsonTest {

  @Test
  void stringsWithQuotesControlsAndNonAsciiRoundTrip() {
    String nasty = "a\"b\\c\nd\re\tf\u0001g\u00e9h\u0000/";
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("s", nasty);
    in.put("n", -42L);
    in.put("d", 1.5);
    in.put("nan", Double.NaN);
    in.put("list", List.of(1, "x", true));
    in.put("ints", new int[] {-1, 2});
    in.put("none", null);
    String text = Json.compact(in);
    assertThat(text).doesNotContain("\n").matches("[\\x20-\\x7e]*");
    @SuppressWarnings("unchecked")
    Map<String, Object> back = (Map<String, Object>) Json.parse(text);
    assertThat(back.get("s")).isEqualTo(nasty);
    assertThat(back.get("n")).isEqualTo(-42L);
    assertThat(back.get("d")).isEqualTo(1.5);
    assertThat(back.get("nan")).isNull();
    assertThat(back).containsKey("none");
    assertThat(back.get("list")).isEqualTo(Arrays.asList(1L, "x", true));
    assertThat(back.get("ints")).isEqualTo(List.of(-1L, 2L));
  }
}
