package dev.switchboard.batch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine is plain Java that every runtime (server, Lambda, Cloud Function) can carry. */
class BatchPackageRulesTest {
    private static JavaClasses batch;

    @BeforeAll
    static void importModule() {
        batch = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.batch");
    }

    @Test
    void carriesNoFrameworkNoCloudSdkAndNoProvider() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "io.vertx..",
                        "software.amazon..",
                        "com.google.cloud..",
                        "dev.switchboard.provider..",
                        "dev.switchboard.api..")
                .because(
                        "cloud stores live in the cloud packages; the engine reaches providers only through the Gateway")
                .check(batch);
    }

    @Test
    void hasNoPackageCycles() {
        slices().matching("dev.switchboard.batch.(**)")
                .should()
                .beFreeOfCycles()
                .check(batch);
    }
}
