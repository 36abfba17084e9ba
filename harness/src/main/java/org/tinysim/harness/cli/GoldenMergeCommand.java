package org.tinysim.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.tinysim.engine.files.TextFiles;
import org.tinysim.engine.json.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tinysim golden merge}: the {@code --json} (and {@code --junit-xml}) outputs of the N
 * {@code golden --shard I/N} runs as one report and one verdict, in the unsharded run's order.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description =
        "Merge the --json outputs (and --junit-xml files) of 'golden --shard I/N' runs "
            + "into one report and verdict. Exit 0 all within their rules, 1 on a regression, 2 when "
            + "a shard is missing, repeated or from another split.")
public final class GoldenMergeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "SHARD.json",
      arity = "1..*",
      description = "the shards' 'golden --json' outputs, in any order")
  List<Path> shards;

  @Option(
      names = "--junit",
      paramLabel = "SHARD.xml",
      arity = "1..*",
      description = "the shards' --junit-xml files, to merge into --junit-xml")
  List<Path> junitShards;

  @Option(names = "--junit-xml", paramLabel = "FILE", description = "write merged JUnit XML")
  Path junitXml;

  @Mixin JsonOutput json;

  @Override
  @SuppressWarnings("unchecked")
  public Integer call() {
    if ((junitShards == null) != (junitXml == null)) {
      throw new UserError("--junit SHARD.xml... and --junit-xml FILE go together");
    }
    if (junitXml != null) {
      OutputFiles.refuseOverInput("--junit-xml", junitXml, junitShards.toArray(Path[]::new));
    }
    Map<Integer, Path> seen = new TreeMap<>();
    Integer parts = null;
    double seconds = 0;
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Path file : shards) {
      String shown = file.toString();
      if (!(Json.parse(TextFiles.read(file, "shard", UserError::new), shown, UserError::new)
              instanceof Map<?, ?> root)
          || !(root.get("shard") instanceof String shard)
          || !(root.get("cases") instanceof List<?> list)) {
        throw new UserError(shown + " is not the --json output of 'golden --shard I/N'");
      }
      GoldenShard s = GoldenShard.parse(shard);
      if (parts != null && parts != s.count()) {
        throw new UserError(shown + " is shard " + shard + " but the others split into " + parts);
      }
      parts = s.count();
      Path before = seen.put(s.index(), file);
      if (before != null) {
        throw new UserError("shard " + shard + " given twice: " + before + " and " + file);
      }
      seconds += ((Number) root.get("seconds")).doubleValue();
      for (Object c : list) {
        cases.add(new LinkedHashMap<>((Map<String, Object>) c));
      }
    }
    if (seen.size() != parts) {
      List<Integer> missing = new ArrayList<>();
      for (int i = 1; i <= parts; i++) {
        if (!seen.containsKey(i)) {
          missing.add(i);
        }
      }
      throw new UserError("missing shard(s) " + missing + " of " + parts);
    }
    cases.sort(Comparator.comparingLong(c -> ((Number) c.get("unit")).longValue()));
    Map<String, Long> order = new HashMap<>();
    for (Map<String, Object> c : cases) {
      order.put(
          c.get("case") + "[" + c.get("kernelPath") + "]", ((Number) c.remove("unit")).longValue());
    }
    long failed =
        cases.stream()
            .filter(c -> List.of("FAIL", "ERROR", "NO_BASELINE").contains(c.get("status")))
            .count();
    if (junitXml != null) {
      mergeJunit(order, seconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.requested) {
      Map<String, Object> merged = new LinkedHashMap<>();
      merged.put("seconds", seconds);
      merged.put("failed", failed);
      merged.put("cases", cases);
      out.println(Json.compact(merged));
    } else {
      for (Map<String, Object> c : cases) {
        out.println(
            c.get("case")
                + " ["
                + c.get("kernelPath")
                + "]  "
                + c.get("status")
                + (c.get("message") == null || c.get("message").toString().isEmpty()
                    ? ""
                    : "  " + c.get("message")));
      }
      long pass = cases.stream().filter(c -> "PASS".equals(c.get("status"))).count();
      long skipped = cases.stream().filter(c -> "SKIPPED".equals(c.get("status"))).count();
      out.printf(
          Locale.ROOT,
          "golden: %d passed, %d failed, %d skipped in %.1f s (%d shards)%n",
          pass,
          failed,
          skipped,
          seconds,
          parts);
    }
    out.flush();
    return failed > 0 ? 1 : 0;
  }

  /** Testcases of every shard's XML, in the unsharded order, under one testsuite. */
  private void mergeJunit(Map<String, Long> order, double seconds) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      List<Element> testcases = new ArrayList<>();
      Document merged = factory.newDocumentBuilder().newDocument();
      for (Path file : junitShards) {
        Document d;
        try {
          d = factory.newDocumentBuilder().parse(file.toFile());
        } catch (org.xml.sax.SAXException e) {
          throw new UserError("JUnit XML " + file + " is not well-formed: " + e.getMessage(), e);
        }
        NodeList list = d.getElementsByTagName("testcase");
        for (int i = 0; i < list.getLength(); i++) {
          testcases.add((Element) merged.importNode(list.item(i), true));
        }
      }
      testcases.sort(Comparator.comparingLong(t -> order.getOrDefault(key(t), Long.MAX_VALUE)));
      Element suite = merged.createElement("testsuite");
      suite.setAttribute("name", "golden");
      suite.setAttribute("tests", String.valueOf(testcases.size()));
      suite.setAttribute("failures", String.valueOf(count(testcases, "failure")));
      suite.setAttribute("errors", String.valueOf(count(testcases, "error")));
      suite.setAttribute("skipped", String.valueOf(count(testcases, "skipped")));
      suite.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
      merged.appendChild(suite);
      testcases.forEach(suite::appendChild);
      StringWriter text = new StringWriter();
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.transform(new DOMSource(merged), new StreamResult(text));
      OutputFiles.writeAtomically(
          junitXml, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserError("cannot read a JUnit XML shard: " + OutputFiles.describe(e), e);
    } catch (javax.xml.parsers.ParserConfigurationException
        | javax.xml.transform.TransformerException e) {
      throw new IllegalStateException("XML set-up failed", e);
    }
  }

  /** "golden.t" + "fc[DSP]" back to the JSON's "t/fc[DSP]". */
  private static String key(Element testcase) {
    return testcase.getAttribute("classname").replaceFirst("^golden\\.", "")
        + "/"
        + testcase.getAttribute("name");
  }

  private static long count(List<Element> testcases, String child) {
    return testcases.stream().filter(t -> t.getElementsByTagName(child).getLength() > 0).count();
  }
}
