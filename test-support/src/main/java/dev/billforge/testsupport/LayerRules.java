package dev.billforge.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package layout every service follows, checked by ArchUnit:
 * <ul>
 * <li>{@code api}: REST resources, request and response records; calls services only.</li>
 * <li>{@code service}: use cases and transactions; the only callers of stores and of the outbox.</li>
 * <li>{@code domain}: entities and billing rules; depends on nothing else of the service and no web or messaging type.</li>
 * <li>{@code store}: queries over the service's own schema.</li>
 * <li>{@code messaging}: event mapping and consumers; calls services.</li>
 * </ul>
 */
public final class LayerRules {

    private LayerRules() {
    }

    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage);

        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("api").definedBy(servicePackage + ".api..")
                .layer("service").definedBy(servicePackage + ".service..")
                .layer("domain").definedBy(servicePackage + ".domain..")
                .layer("store").definedBy(servicePackage + ".store..")
                .layer("messaging").definedBy(servicePackage + ".messaging..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("api", "messaging")
                .whereLayer("store").mayOnlyBeAccessedByLayers("service")
                .whereLayer("messaging").mayOnlyBeAccessedByLayers("service")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("api", "service", "store", "messaging")
                .check(classes);

        noClasses().that().resideInAPackage(servicePackage + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.eclipse.microprofile.reactive..",
                        "io.smallrye.reactive.messaging..", "dev.billforge.chassis.outbox..")
                .because("the domain holds billing rules, not transport or publication concerns")
                .check(classes);

        noClasses().that().resideInAPackage(servicePackage + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus.hibernate..", "org.hibernate..",
                        "io.vertx.mutiny.sqlclient..", "dev.billforge.chassis.outbox..")
                .because("resources go through services, which own transactions")
                .check(classes);
    }
}
