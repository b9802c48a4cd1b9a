package dev.switchboard.provider.bedrock;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.switchboard.provider.anthropic.AnthropicBodies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Bedrock module plugs into the core through the SPI and carries nothing of other providers or runtimes. */
class BedrockPackageRulesTest {
    private static JavaClasses bedrock;

    @BeforeAll
    static void importModule() {
        bedrock = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.provider.bedrock");
    }

    @Test
    void dependsOnTheCoreOnly() {
        noClasses()
                .should()
                .dependOnClassesThat(resideInAnyPackage(
                                "dev.switchboard.provider.openai..",
                                "dev.switchboard.provider.anthropic..",
                                "dev.switchboard.provider.vertex..",
                                "dev.switchboard.core.gateway..",
                                "dev.switchboard.core.frontend..",
                                "io.quarkus..",
                                "jakarta..",
                                "io.vertx..")
                        // Claude bodies in batch jobs are the Anthropic adapter's mapping, reached through its one
                        // public entry point rather than copied
                        .and(not(type(AnthropicBodies.class))))
                .because("a provider is plugged in through the SPI and must not drag in other providers or a runtime")
                .check(bedrock);
    }

    @Test
    void onlyTheBatchModelsUseTheAnthropicMapping() {
        noClasses()
                .that()
                .doNotHaveSimpleName("BedrockBatchModels")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.switchboard.provider.anthropic..")
                .check(bedrock);
    }

    @Test
    void neverSignsByHand() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon.awssdk.http.auth.aws.signer..",
                        "software.amazon.awssdk.auth.signer..",
                        "javax.crypto..")
                .because("Bedrock is called only through the SDK clients, which sign with SigV4 themselves")
                .check(bedrock);
    }
}
