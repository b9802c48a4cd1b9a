package dev.switchboard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core is a plain Java library: any Java app can use it in-process. These rules keep it so, and keep the
 * packages layered: model, errors and SPI at the bottom; providers on the SPI only; the gateway and the front
 * doors on the SPI, never on a particular provider.
 */
class CorePackageRulesTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.core", "dev.switchboard.provider");
    }

    @Test
    void noQuarkusJakartaOrVertxInTheCore() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta..",
                        "javax.ws..",
                        "javax.inject..",
                        "io.vertx..",
                        "io.smallrye..",
                        "org.eclipse.microprofile..")
                .because("the core must be usable in-process by any Java application")
                .check(core);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.switchboard.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void theModelDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.switchboard.core.model..", "dev.switchboard.core.error..", "dev.switchboard.core.json..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.switchboard.core.spi..",
                        "dev.switchboard.core.http..",
                        "dev.switchboard.core.gateway..",
                        "dev.switchboard.core.frontend..",
                        "dev.switchboard.core.catalog..",
                        "dev.switchboard.core.routing..",
                        "dev.switchboard.core.cost..",
                        "dev.switchboard.provider..")
                .check(core);
    }

    @Test
    void theSpiDoesNotKnowProvidersOrTheGateway() {
        noClasses()
                .that()
                .resideInAPackage("dev.switchboard.core.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.switchboard.provider..",
                        "dev.switchboard.core.gateway..",
                        "dev.switchboard.core.frontend..")
                .check(core);
    }

    @Test
    void gatewayFrontDoorsCatalogAndRoutingUseOnlyTheSpi() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.switchboard.core.gateway..",
                        "dev.switchboard.core.frontend..",
                        "dev.switchboard.core.catalog..",
                        "dev.switchboard.core.routing..",
                        "dev.switchboard.core.cost..",
                        "dev.switchboard.core.pricing..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.switchboard.provider..")
                .because("providers are plugged in through the SPI, so any runtime can carry any subset")
                .check(core);
    }

    @Test
    void providersDoNotReachIntoTheGatewayOrTheFrontDoors() {
        noClasses()
                .that()
                .resideInAPackage("dev.switchboard.provider..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.switchboard.core.gateway..",
                        "dev.switchboard.core.frontend..",
                        "dev.switchboard.core.catalog..",
                        "dev.switchboard.core.routing..")
                .check(core);
    }

    @Test
    void providersAreIndependentOfEachOther() {
        for (String p : new String[] {"openai", "anthropic", "gemini"}) {
            noClasses()
                    .that()
                    .resideInAPackage("dev.switchboard.provider." + p + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            java.util.Arrays.stream(new String[] {"openai", "anthropic", "gemini", "bedrock", "vertex"})
                                    .filter(o -> !o.equals(p))
                                    .map(o -> "dev.switchboard.provider." + o + "..")
                                    .toArray(String[]::new))
                    .allowEmptyShould(true)
                    .check(core);
        }
    }
}
