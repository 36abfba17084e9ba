package org.tinysim.golden;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The data flows one way: model -> engine-c -> C -> toolchain -> ELF -> emulator + peripherals ->
 * measurements (harness) -> golden checks. Lives here because only this module sees every other
 * one. Maven already forbids the cycles its module graph would create; these rules also pin the
 * layering where a dependency exists only transitively or could be added to a pom.
 */
@AnalyzeClasses(packages = "org.tinysim", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleLayeringTest {

  private static final String ENGINE = "org.tinysim.engine..";
  private static final String EMULATOR = "org.tinysim.emulator..";
  private static final String PERIPHERALS = "org.tinysim.peripherals..";
  private static final String HARNESS = "org.tinysim.harness..";
  private static final String GOLDEN = "org.tinysim.golden..";

  @ArchTest
  static final ArchRule engineKnowsNoBoard =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(EMULATOR, PERIPHERALS, HARNESS, GOLDEN)
          .because("engine-c turns a model into C; it never runs it");

  @ArchTest
  static final ArchRule emulatorKnowsNoDevices =
      noClasses()
          .that()
          .resideInAPackage(EMULATOR)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(PERIPHERALS, ENGINE, HARNESS, GOLDEN)
          .because("the emulator is the CPU, bus and memory; peripherals plug into its bus");

  @ArchTest
  static final ArchRule peripheralsKnowNoModels =
      noClasses()
          .that()
          .resideInAPackage(PERIPHERALS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ENGINE, HARNESS, GOLDEN)
          .because("peripherals model the board and see only the emulator's bus");

  @ArchTest
  static final ArchRule harnessKnowsNoGoldenCases =
      noClasses()
          .that()
          .resideInAPackage(HARNESS)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(GOLDEN)
          .because("the golden suites check the harness's measurements, not the other way round");
}
