package org.tinysim.engine.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void fillsPlaceholdersAndRepeatsSections() {
    Template t =
        Template.parse(
            "t", "int {{name}}[{{n}}];\n{{#items}}\n  {{v}} of {{n}}\n{{/items}}\nend\n");
    String out =
        t.render(Map.of("name", "x", "n", 2, "items", List.of(Map.of("v", "a"), Map.of("v", "b"))));
    // Section tags alone on a line leave no blank lines; inner scopes see outer values.
    assertThat(out).isEqualTo("int x[2];\n  a of 2\n  b of 2\nend\n");
  }

  @Test
  void booleanSectionsAreConditional() {
    Template t = Template.parse("t", "a{{#on}}b{{/on}}c");
    assertThat(t.render(Map.of("on", true))).isEqualTo("abc");
    assertThat(t.render(Map.of("on", false))).isEqualTo("ac");
  }

  @Test
  void missingValueNamesTheTemplateAndKey() {
    Template t = Template.parse("conv.c.tpl", "{{fn}}({{input}})");
    assertThatThrownBy(() -> t.render(Map.of("fn", "op0")))
        .hasMessageContaining("conv.c.tpl")
        .hasMessageContaining("'input'");
  }

  @Test
  void unbalancedSectionsAreRejectedAtParseTime() {
    assertThatThrownBy(() -> Template.parse("t", "{{#a}}x{{/b}}")).hasMessageContaining("{{/b}}");
    assertThatThrownBy(() -> Template.parse("t", "{{#a}}x")).hasMessageContaining("never closed");
  }

  @Test
  void everyBundledTemplateParses() {
    for (String name :
        List.of(
            "model.c.tpl",
            "model.h.tpl",
            "model_weights.c.tpl",
            "model_weights.h.tpl",
            "main.c.tpl",
            "ops/conv2d.c.tpl",
            "ops/depthwise.c.tpl",
            "ops/depthwise_inplace.c.tpl",
            "ops/fully_connected.c.tpl",
            "ops/add.c.tpl",
            "ops/pool.c.tpl",
            "ops/mean.c.tpl",
            "ops/pad.c.tpl",
            "ops/softmax.c.tpl",
            "ops/reshape.c.tpl")) {
      assertThat(Template.resource(name).name()).isEqualTo(name);
    }
  }
}
