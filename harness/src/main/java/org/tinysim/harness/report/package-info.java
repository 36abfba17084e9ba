/**
 * Every report the harness writes, and only reports: text tables ({@link
 * org.tinysim.harness.report.RunReport}, {@link org.tinysim.harness.report.DeltaTable}), the values
 * of the JSON output (written by {@link org.tinysim.engine.json.Json}), the HTML page ({@link
 * org.tinysim.harness.report.HtmlReport}, {@link org.tinysim.harness.report.GoldenHtml}) and JUnit
 * XML ({@link org.tinysim.harness.report.JunitXml}). Reports render results; they neither run the
 * board nor decide verdicts.
 */
package org.tinysim.harness.report;
