package dev.orderhub.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * docs/architecture.md, Packages and who may use whom: each package uses only the packages its row names, no cycles,
 * the lifecycle engine is pure Java, and wiring (configuration, controllers) stays package-private.
 */
class ArchitectureTest {
    /** package | the packages of ours it may use; a package nobody names (api, outbound, broker) is used by no one. */
    /** Every package may use {@code shared} (header names, endpoint URIs, SHA-256); it uses none of ours. */
    private static final String SHARED = "shared";

    private static final String MAY_USE = """
            shared      |
            lifecycle   |
            order       | lifecycle
            event       | order
            store       | order lifecycle event
            exception   | order lifecycle event store
            connector   | exception
            datadir     |
            broker      | datadir
            mapping     | order exception
            tax         | order lifecycle exception connector servicing
            payment     | order lifecycle store exception connector servicing
            servicing   | order lifecycle store exception event intake
            fulfillment | order lifecycle store exception event connector servicing
            invoice     | order lifecycle store event fulfillment payment tax
            intake      | order store exception connector mapping datadir
            pipeline    | order lifecycle store exception fulfillment intake payment tax invoice
            edi         | order lifecycle store exception event fulfillment intake invoice mapping servicing credit
            account     | order store event payment
            credit      | order lifecycle store exception event payment servicing
            outbound    | store exception
            report      | order store invoice servicing credit
            api         | order lifecycle store exception datadir fulfillment intake invoice mapping payment pipeline servicing account credit report
            console     | order lifecycle store exception fulfillment intake invoice payment pipeline servicing credit
            """;

    private static JavaClasses hub;

    @BeforeAll
    static void importHub() {
        hub = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // DO_NOT_INCLUDE_TESTS knows only target/test-classes; builds may use
                // -Dorderhub.build.dir=target-<name>
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("dev.orderhub");
        assertThat(hub.contain("dev.orderhub.lifecycle.Lifecycle"))
                .as("main classes imported")
                .isTrue();
        assertThat(hub.contain("dev.orderhub.store.Orders"))
                .as("main classes imported")
                .isTrue();
        assertThat(hub.contain("dev.orderhub.lifecycle.LifecycleTest"))
                .as("test classes left out")
                .isFalse();
    }

    static Map<String, Set<String>> mayUse() {
        return MAY_USE.lines()
                .filter(row -> !row.isBlank())
                .map(row -> row.split("\\|", -1))
                .collect(Collectors.toMap(
                        row -> row[0].strip(),
                        row -> Arrays.stream(row[1].strip().split("\\s+"))
                                .filter(p -> !p.isEmpty())
                                .collect(Collectors.toCollection(TreeSet::new)),
                        (a, b) -> {
                            throw new IllegalStateException("a package has two rows");
                        },
                        TreeMap::new));
    }

    static Stream<Arguments> rows() {
        return mayUse().entrySet().stream().map(row -> Arguments.of(row.getKey(), row.getValue()));
    }

    @ParameterizedTest(name = "{0} uses only {1}")
    @MethodSource("rows")
    void aPackageUsesOnlyThePackagesItsRowNames(String pkg, Set<String> allowed) {
        String[] ours = Stream.concat(Stream.of(pkg, SHARED), allowed.stream())
                .map(p -> "dev.orderhub." + p + "..")
                .toArray(String[]::new);
        classes()
                .that()
                .resideInAPackage("dev.orderhub." + pkg + "..")
                .should()
                .onlyDependOnClassesThat(
                        resideOutsideOfPackage("dev.orderhub..").or(resideInAnyPackage(ours)))
                .because("a package uses another only where the table in docs/architecture.md allows it")
                .check(hub);
    }

    @Test
    void everyPackageHasARow() {
        Set<String> packages = hub.stream()
                .map(JavaClass::getPackageName)
                .filter(name -> name.startsWith("dev.orderhub."))
                .map(name -> name.substring("dev.orderhub.".length()).split("\\.")[0])
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(mayUse().keySet())
                .as("a new package gets a row in MAY_USE and docs/architecture.md")
                .containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void capabilityPackagesAreFreeOfCycles() {
        slices().matching("dev.orderhub.(*)..")
                .should()
                .beFreeOfCycles()
                .because("a package talks to another through its public types; no cycles between packages")
                .check(hub);
    }

    @Test
    void lifecycleIsPureJava() {
        classes()
                .that()
                .resideInAPackage("dev.orderhub.lifecycle..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.orderhub.lifecycle..")
                .because("the lifecycle engine is pure Java: no Spring, no Camel, no other hub package")
                .check(hub);
    }

    @Test
    void wiringIsPackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith(Configuration.class)
                .or()
                .areAnnotatedWith(RestController.class)
                .or()
                .areAnnotatedWith(RestControllerAdvice.class)
                .should()
                .notBePublic()
                .because("configuration and controllers are used by Spring alone, never by another package")
                .check(hub);
    }
}
