package dev.switchboard.provider.vertex;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Vertex provider may reuse the Gemini mapping (same content model), but no other provider, and stays a plain
 * library like the core. The other direction (gemini never depending on vertex) holds by construction: the core
 * module cannot see this one.
 */
class VertexPackageRulesTest {
    private static final JavaClasses VERTEX = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchboard.provider.vertex");

    @Test
    void onlyTheGeminiMappingIsShared() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.switchboard.provider.openai..",
                        "dev.switchboard.provider.anthropic..",
                        "dev.switchboard.provider.bedrock..",
                        "dev.switchboard.core.gateway..",
                        "dev.switchboard.core.frontend..")
                .check(VERTEX);
    }

    @Test
    void noQuarkusOrJakarta() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta..", "io.vertx..")
                .check(VERTEX);
    }

    @Test
    void noV1beta1Classes() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.google.cloud.aiplatform.v1beta1..")
                .because("the v1beta1 protos are excluded from the runtime classpath")
                .check(VERTEX);
    }
}
