package dev.billforge.payment;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.billforge.testsupport.LayerRules;

class ArchitectureTest {

    private static final String PROVIDERS = "dev.billforge.payment.provider";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.billforge.payment");

    @Test
    void layersAreRespected() {
        LayerRules.check("dev.billforge.payment");
    }

    /**
     * Adding a provider is adding a package: nothing outside a plugin's package names it, and a plugin uses only the
     * provider SPI and the domain (never services, stores or resources).
     */
    @Test
    void providerPluginsAreNamedOnlyByThemselves() {
        Set<String> plugins = new TreeSet<>();
        for (JavaClass type : classes) {
            if (type.getPackageName().startsWith(PROVIDERS + ".")) {
                plugins.add(type.getPackageName().substring(PROVIDERS.length() + 1).split("\\.")[0]);
            }
        }
        if (!plugins.containsAll(Set.of("stripe", "paypal", "simulator"))) {
            throw new AssertionError("expected the stripe, paypal and simulator plugins, found " + plugins);
        }
        for (String plugin : plugins) {
            String pluginPackage = PROVIDERS + "." + plugin + "..";
            noClasses().that().resideOutsideOfPackage(pluginPackage)
                    .should().dependOnClassesThat().resideInAPackage(pluginPackage)
                    .because("a provider plugin is found by its name, never named in code")
                    .check(classes);
        }
        noClasses().that().resideInAPackage(PROVIDERS + "..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.billforge.payment.service..",
                        "dev.billforge.payment.store..", "dev.billforge.payment.api..",
                        "dev.billforge.payment.messaging..")
                .because("a provider plugin talks to its provider; what to do with the answer is the services' part")
                .check(classes);
    }
}
