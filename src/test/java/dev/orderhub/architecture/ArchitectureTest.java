package dev.orderhub.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md, Layout: no cycles between capability packages; the lifecycle engine is pure Java (no Spring,
 * no Camel).
 */
class ArchitectureTest {
    private static JavaClasses hub;

    @BeforeAll
    static void importHub() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // DO_NOT_INCLUDE_TESTS knows only target/test-classes; builds may use -Dorderhub.build.dir=target-<name>
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("dev.orderhub");
        assertThat(hub.contain("dev.orderhub.lifecycle.Lifecycle")).as("main classes imported").isTrue();
        assertThat(hub.contain("dev.orderhub.store.Orders")).as("main classes imported").isTrue();
        assertThat(hub.contain("dev.orderhub.lifecycle.LifecycleTest")).as("test classes left out").isFalse();
    }

    @Test
    void capabilityPackagesAreFreeOfCycles() {
        slices().matching("dev.orderhub.(*)..").should().beFreeOfCycles()
                .because("a package talks to another through its public types; no cycles between packages")
                .check(hub);
    }

    @Test
    void lifecycleIsPureJava() {
        classes().that().resideInAPackage("dev.orderhub.lifecycle..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.orderhub.lifecycle..")
                .because("the lifecycle engine is pure Java: no Spring, no Camel, no other hub package")
                .check(hub);
    }
}
