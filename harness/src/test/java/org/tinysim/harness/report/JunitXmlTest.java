package org.tinysim.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.tinysim.harness.golden.Delta;
import org.tinysim.harness.golden.GoldenCase;
import org.tinysim.harness.golden.GoldenPaths.FileRef;
import org.tinysim.harness.golden.InputSpec;
import org.tinysim.harness.golden.InputSpec.Preprocess;
import org.tinysim.harness.golden.Tolerances;
import org.tinysim.harness.golden.Verdict;
import org.tinysim.harness.toolchain.KernelPath;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JunitXmlTest {

  private static GoldenCase goldenCase(String name) {
    return new GoldenCase(
        "suite",
        name,
        Path.of(name),
        "",
        new FileRef("m", Path.of("m"), false),
        new InputSpec.Generated(1, 1, Preprocess.RAW),
        List.of(KernelPath.DSP),
        java.util.Map.of(),
        Tolerances.defaults(),
        Optional.of(1),
        java.util.Map.of());
  }

  @Test
  void surefireShapeWithFailureSkipAndEscaping() throws Exception {
    Verdict pass =
        new Verdict(
            goldenCase("ok"),
            KernelPath.DSP,
            Verdict.Status.PASS,
            "",
            List.of(),
            List.of(),
            Optional.empty(),
            Optional.empty());
    Verdict fail =
        new Verdict(
            goldenCase("bad"),
            KernelPath.PORTABLE,
            Verdict.Status.FAIL,
            "regression: cycles",
            List.of(new Delta("cycles", "1", "2", "+100%", "±2.0%", false)),
            List.of(),
            Optional.of("op 0 <CONV> & \"x\""),
            Optional.empty());
    Verdict skip = Verdict.skipped(goldenCase("s"), KernelPath.DSP, "needs shared:x");
    String xml = JunitXml.write("golden", List.of(pass, fail, skip), 1.5);

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suite = doc.getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message")).isEqualTo("regression: cycles");
    assertThat(failure.getTextContent())
        .contains("suite/bad [PORTABLE]  FAIL", "wrong output: op 0 <CONV> & \"x\"");
    assertThat(((Element) doc.getElementsByTagName("testcase").item(1)).getAttribute("name"))
        .isEqualTo("bad[PORTABLE]");
  }
}
