package org.tinysim.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Package boundaries inside engine-c. The oracle is the specification side of differential testing,
 * so it must not share code with the compiler it checks; the compiler must not depend on the
 * host-side model tooling that only produces its inputs.
 */
@AnalyzeClasses(
    packages = "org.tinysim.engine",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ORACLE = "org.tinysim.engine.oracle..";

  @ArchTest
  static final ArchRule oracleDoesNotUseTheCompilerPasses =
      noClasses()
          .that()
          .resideInAPackage(ORACLE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tinysim.engine.prepare..",
              "org.tinysim.engine.codegen..",
              "org.tinysim.engine.training.codegen..",
              "org.tinysim.engine.patch..",
              "org.tinysim.engine.planner..")
          .because(
              "the oracle must compute its results, Prepare-step integers included,"
                  + " independently of the code it checks (PrepareCrossCheckTest compares the two)");

  @ArchTest
  static final ArchRule codegenDoesNotUseTheOracle =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.tinysim.engine.codegen..", "org.tinysim.engine.training.codegen..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ORACLE)
          .because("generated C checked against the oracle must not be derived from it");

  @ArchTest
  static final ArchRule compilerDoesNotUseModelTooling =
      noClasses()
          .that()
          .resideInAnyPackage(
              "org.tinysim.engine.tflite..",
              "org.tinysim.engine.ir..",
              "org.tinysim.engine.prepare..",
              "org.tinysim.engine.planner..",
              "org.tinysim.engine.codegen..",
              "org.tinysim.engine.patch..",
              "org.tinysim.engine.training..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.tinysim.engine.floatnet..",
              "org.tinysim.engine.dataset..",
              "org.tinysim.engine.quantize..",
              "org.tinysim.engine.models..")
          .because(
              "the compiler takes a .tflite model; training and quantising models is host tooling"
                  + " that runs before it");
}
