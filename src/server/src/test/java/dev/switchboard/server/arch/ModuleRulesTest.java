package dev.switchboard.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rules across modules, checked where every module is on the classpath (core, the SDK providers, report, emulator,
 * runtime, api, server; the two cloud function modules cannot share one classpath with this one, and each is one
 * package that nothing depends on). The shared runtime and API must carry no cloud SDK (each cloud package carries
 * only its own), the runtime no REST layer, providers never reach up into the Quarkus layer, and the emulator is an
 * independent implementation of the wire protocols (sharing no code with the adapters it tests).
 */
class ModuleRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.switchboard.(**)")
                .should()
                .beFreeOfCycles()
                .because("packages are the boundaries inside a module; a cycle makes two packages one")
                .check(classes);
    }

    @Test
    void theRuntimeCarriesNoRestLayer() {
        noClasses()
                .that()
                .resideInAPackage("dev.switchboard.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.ws.rs..",
                        "org.jboss.resteasy..",
                        "io.quarkus.resteasy..",
                        "io.vertx.ext.web..",
                        "dev.switchboard.api..",
                        "dev.switchboard.server..")
                .because("event-triggered functions use the runtime module without quarkus-rest")
                .check(classes);
    }

    @Test
    void theSharedApiCarriesNoCloudSdk() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.switchboard.runtime..", "dev.switchboard.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon..",
                        "com.google.cloud..",
                        "com.google.api.gax..",
                        "io.grpc..",
                        "dev.switchboard.provider.bedrock..",
                        "dev.switchboard.provider.vertex..",
                        "dev.switchboard.emulator..")
                .because(
                        "every runtime shares the runtime and API modules; the AWS package must not carry Google's libraries nor the GCP package the AWS SDK")
                .check(classes);
    }

    @Test
    void coreAndProvidersNeverDependOnTheQuarkusLayer() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.switchboard.core..", "dev.switchboard.provider..", "dev.switchboard.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.switchboard.runtime..",
                        "dev.switchboard.api..",
                        "dev.switchboard.server..",
                        "io.quarkus..",
                        "jakarta..")
                .check(classes);
    }

    @Test
    void sdkProvidersUseOnlyTheirOwnCloud() {
        noClasses()
                .that()
                .resideInAPackage("dev.switchboard.provider.bedrock..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.google.cloud..", "io.grpc..", "dev.switchboard.provider.vertex..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.switchboard.provider.vertex..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "dev.switchboard.provider.bedrock..")
                .check(classes);
    }

    @Test
    void theEmulatorSharesNoCodeWithTheGateway() {
        noClasses()
                .that()
                .resideInAPackage("dev.switchboard.emulator..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.switchboard.core..",
                        "dev.switchboard.provider..",
                        "dev.switchboard.runtime..",
                        "dev.switchboard.api..",
                        "dev.switchboard.report..")
                .because("a bug in an adapter must not be mirrored by the emulator that tests it")
                .check(classes);
    }

    @Test
    void resourcesAreThinAndReachTheCoreThroughTheServices() {
        noClasses()
                .that()
                .resideInAPackage("dev.switchboard.api.rest..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.switchboard.provider..")
                .because("handlers are thin: parse, call the core, write")
                .check(classes);
    }
}
