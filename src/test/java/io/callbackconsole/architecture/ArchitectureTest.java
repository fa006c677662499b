package io.callbackconsole.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency arrows that must never exist between the product's packages (DESIGN.md, "Layers"): a forbidden
 * import fails the build, not a review. Product classes only: tests and benchmarks may reach across layers.
 *
 * <p>{@code wording} sits between the use cases and the front ends: {@code ui} and {@code cli} use it, and it uses
 * {@code triage}'s result codes and the domain, never the reverse.
 *
 * <p>No rule is frozen: the one violation there was ({@code cli.SandboxCommand} starting the sandbox) moved to the
 * launcher, {@code app.SandboxCommand}.
 */
@AnalyzeClasses(packages = "io.callbackconsole", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String OURS = "io.callbackconsole..";
    private static final String DOMAIN = "io.callbackconsole.domain..";
    private static final String AWS = "io.callbackconsole.aws..";
    private static final String HISTORY = "io.callbackconsole.history..";
    private static final String TRIAGE = "io.callbackconsole.triage..";
    private static final String SANDBOX = "io.callbackconsole.sandbox..";
    private static final String WORDING = "io.callbackconsole.wording..";
    private static final String UI = "io.callbackconsole.ui..";
    private static final String CLI = "io.callbackconsole.cli..";
    private static final String APP = "io.callbackconsole.app..";

    private static final String[] JAVAFX = {"javafx..", "com.sun.javafx..", "org.controlsfx.."};

    @ArchTest
    static final ArchRule domainKnowsNoSdkJdbcOrJavaFx = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "java.sql..", "javax.sql..",
                    "org.sqlite..", "org.postgresql..", "javafx..", "com.sun.javafx..", "org.controlsfx..")
            .because("value types validate themselves, without I/O or a toolkit");

    @ArchTest
    static final ArchRule domainDependsOnNothingOfOurs = noClasses().that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat(resideInAPackage(OURS).and(not(resideInAPackage(DOMAIN))))
            .because("every other layer builds on the domain, so the domain can build on none of them");

    @ArchTest
    static final ArchRule onlyTheWindowAndItsLauncherUseJavaFx = noClasses()
            .that().resideOutsideOfPackages(UI, APP)
            .should().dependOnClassesThat().resideInAnyPackage(JAVAFX)
            .because("nothing below ui imports JavaFX: the use cases run the same from a terminal and in tests");

    @ArchTest
    static final ArchRule triageAndAwsNeverUseTheSandbox = noClasses().that().resideInAnyPackage(TRIAGE, AWS)
            .should().dependOnClassesThat().resideInAPackage(SANDBOX)
            .because("the use cases and gateways cannot tell the sandbox from AWS: the same code runs against both");

    @ArchTest
    static final ArchRule onlyTheLauncherWiresInTheSandbox = noClasses()
            .that().resideOutsideOfPackages(SANDBOX, APP)
            .should().dependOnClassesThat().resideInAPackage(SANDBOX)
            .because("the launcher is the only place that chooses the sandbox or AWS");

    @ArchTest
    static final ArchRule theWindowDoesNotUseTheCommandLine = noClasses().that().resideInAPackage(UI)
            .should().dependOnClassesThat().resideInAPackage(CLI)
            .because("ui and cli are sibling front ends over the same use cases");

    @ArchTest
    static final ArchRule theCommandLineDoesNotUseTheWindow = noClasses().that().resideInAPackage(CLI)
            .should().dependOnClassesThat().resideInAPackage(UI)
            .because("ui and cli are sibling front ends over the same use cases");

    @ArchTest
    static final ArchRule gatewaysDoNotWriteTheAudit = noClasses().that().resideInAPackage(AWS)
            .should().dependOnClassesThat().resideInAPackage(HISTORY)
            .because("the decision protocol in triage journals intent and outcome around a gateway call;"
                    + " a gateway that wrote the audit could record an outcome the protocol never saw");

    @ArchTest
    static final ArchRule nothingBelowTheWordingUsesIt = noClasses()
            .that().resideInAnyPackage(DOMAIN, AWS, HISTORY, TRIAGE, SANDBOX)
            .should().dependOnClassesThat().resideInAPackage(WORDING)
            .because("triage and aws return codes; the front ends have them worded, so no sentence comes from below");

    @ArchTest
    static final ArchRule theWordingOnlyWords = noClasses().that().resideInAPackage(WORDING)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "java.sql..", "javax.sql..",
                    "org.sqlite..", "org.postgresql..", HISTORY, SANDBOX)
            .because("wording turns result codes into sentences: it calls no service and reads no history");

    @ArchTest
    static final ArchRule nothingBelowTheFrontEndsKnowsThem = noClasses()
            .that().resideInAnyPackage(DOMAIN, AWS, HISTORY, TRIAGE, SANDBOX, WORDING)
            .should().dependOnClassesThat().resideInAnyPackage(UI, CLI, APP)
            .because("dependencies point down: ui and cli use triage, the launcher uses them all");
}
