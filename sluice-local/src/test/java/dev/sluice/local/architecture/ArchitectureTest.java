package dev.sluice.local.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The code view of docs/architecture.md, checked: which module may use which, and no package cycles anywhere. Runs
 * here because sluice-local's test class path holds every module's classes.
 */
@AnalyzeClasses(packages = "dev.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * One slice per package, its {@code internal} sub-package included: a public API and its internals use each
     * other by design (FastCSV's layout), while packages must not.
     */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.sluice.(*).(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreIsPure = noClasses()
            .that()
            .resideInAPackage("dev.sluice.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws..", "dev.sluice.aws..", "dev.sluice.lambda..")
            .because("sluice-core is the pure CSV engine: no AWS SDK, no I/O beyond streams");

    @ArchTest
    static final ArchRule etlDoesNotShipTheOtherFunctions = noClasses()
            .that()
            .resideInAPackage("dev.sluice.etl..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.sluice.lambda..", "dev.sluice.testkit..", "dev.sluice.local..")
            .because("each function zip carries only its own code (shared AWS code is in sluice-aws)");

    @ArchTest
    static final ArchRule functionsDoNotUseTheLocalStandIns = noClasses()
            .that()
            .resideInAnyPackage("dev.sluice.lambda..", "dev.sluice.aws..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.sluice.testkit..", "dev.sluice.local..", "dev.sluice.etl..")
            .because("S3Proxy, DynamoDB Local and the Totesys generator never go into a Lambda package");

    @ArchTest
    static final ArchRule awsKnowsNoFunction = noClasses()
            .that()
            .resideInAPackage("dev.sluice.aws..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.sluice.lambda..", "dev.sluice.etl..")
            .because("sluice-aws is shared by the functions and depends on none of them");
}
