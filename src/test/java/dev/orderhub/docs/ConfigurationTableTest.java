package dev.orderhub.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.OrderhubApplication;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.util.ClassUtils;

/**
 * README's configuration table lists every property the hub reads, and every {@code orderhub.*} row in it is read by
 * something. "Read" means: a {@code @Value} placeholder or a {@code @ConfigurationProperties} type (its record
 * components, kebab-case, list items as {@code [n]}) in the main classes, an {@code environment.getProperty("…")} in
 * the main sources, a {@code {{orderhub.…}}} placeholder in routes/ or connectors/, a {@code ${…}} reference in
 * application.yaml, or a key application.yaml binds to an environment variable (whose name the table must give).
 * No Spring context: the classes are scanned and reflected on.
 */
class ConfigurationTableTest {
    private static final Path README = Path.of("README.md");
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");
    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");
    private static final Pattern CAMEL_PLACEHOLDER = Pattern.compile("\\{\\{(orderhub\\.[^}:]+)");
    private static final Pattern ENVIRONMENT_LOOKUP = Pattern.compile("environment\\.getProperty\\(\"([^\"]+)\"");
    private static final Pattern ENV_VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    // | `property` | `ENV` or — | default | meaning |
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\| ([^|]*) \\|");

    private static final Set<String> read = new TreeSet<>();
    private static final Map<String, String> boundToEnvironment = new TreeMap<>();
    private static final Set<String> setInApplicationYaml = new TreeSet<>();
    private static final Map<String, String> table = new TreeMap<>();

    @BeforeAll
    static void collect() throws Exception {
        readByMainClasses();
        readByMainSources();
        readByRoutesAndConnectors();
        readByApplicationYaml();
        readmeTable();
        assertThat(read)
                .as("the scan found the hub's own properties")
                .contains(
                        "orderhub.connectors.dir",
                        "orderhub.broker.max-delivery-attempts",
                        "orderhub.security.api-keys[n].roles",
                        "orderhub.jms.consumers");
        assertThat(table).as("README has a configuration table").isNotEmpty();
    }

    @Test
    void readmeListsExactlyThePropertiesTheHubReads() {
        Set<String> missing = new TreeSet<>(read);
        missing.removeAll(table.keySet());
        Set<String> extra = new TreeSet<>(table.keySet());
        extra.removeIf(key -> !key.startsWith("orderhub.") || read.contains(key));
        Set<String> unused = new TreeSet<>(setInApplicationYaml);
        unused.removeAll(read);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(missing)
                .as("read by the hub but missing from README's configuration table")
                .isEmpty();
        softly.assertThat(extra)
                .as("orderhub.* rows of README's configuration table that nothing reads")
                .isEmpty();
        softly.assertThat(unused)
                .as("orderhub.* keys set in application.yaml that nothing reads")
                .isEmpty();
        softly.assertAll();
    }

    @Test
    void readmeNamesTheEnvironmentVariableApplicationYamlBindsEachPropertyTo() {
        Map<String, String> wrong = new TreeMap<>();
        Set<String> keys = new TreeSet<>(boundToEnvironment.keySet());
        table.forEach((key, env) -> {
            if (!env.isEmpty() && !env.equals(key)) {
                keys.add(key);
            }
        });
        for (String key : keys) {
            String listed = table.getOrDefault(key, "");
            String bound = boundToEnvironment.getOrDefault(key, "");
            if (table.containsKey(key) && !listed.equals(bound)) {
                wrong.put(
                        key,
                        "README: " + (listed.isEmpty() ? "none" : listed) + ", application.yaml: "
                                + (bound.isEmpty() ? "none" : bound));
            }
        }
        assertThat(wrong)
                .as("README's environment variable column against application.yaml's ${ENV:…}")
                .isEmpty();
    }

    private static void readByMainClasses() throws Exception {
        URL mainClasses =
                OrderhubApplication.class.getProtectionDomain().getCodeSource().getLocation();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter((reader, factory) -> true);
        ClassLoader loader = ConfigurationTableTest.class.getClassLoader();
        for (BeanDefinition definition : scanner.findCandidateComponents("dev.orderhub")) {
            Class<?> type = ClassUtils.forName(definition.getBeanClassName(), loader);
            if (type.getProtectionDomain().getCodeSource().getLocation().equals(mainClasses)) {
                readBy(type);
            }
        }
    }

    private static void readBy(Class<?> type) {
        ConfigurationProperties properties = type.getAnnotation(ConfigurationProperties.class);
        if (properties != null) {
            bound(properties.prefix().isEmpty() ? properties.value() : properties.prefix(), type);
        }
        for (Field field : type.getDeclaredFields()) {
            values(field);
        }
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        executables.addAll(List.of(type.getDeclaredMethods()));
        for (Executable executable : executables) {
            values(executable);
            Stream.of(executable.getParameters()).forEach(ConfigurationTableTest::values);
            ConfigurationProperties onBean = executable.getAnnotation(ConfigurationProperties.class);
            if (onBean != null && executable instanceof Method method) {
                bound(onBean.prefix().isEmpty() ? onBean.value() : onBean.prefix(), method.getReturnType());
            }
        }
    }

    private static void values(AnnotatedElement element) {
        Value value = element.getAnnotation(Value.class);
        if (value != null) {
            placeholders(SPRING_PLACEHOLDER, value.value(), read);
        }
    }

    /** The keys a {@code @ConfigurationProperties} type binds: its components, nested types and list items. */
    private static void bound(String prefix, Class<?> type) {
        List<Map.Entry<String, Type>> components = new ArrayList<>();
        if (type.isRecord()) {
            Stream.of(type.getRecordComponents())
                    .forEach(c -> components.add(Map.entry(c.getName(), c.getGenericType())));
        } else {
            Stream.of(type.getDeclaredFields())
                    .filter(f -> !Modifier.isStatic(f.getModifiers()))
                    .forEach(f -> components.add(Map.entry(f.getName(), f.getGenericType())));
        }
        for (Map.Entry<String, Type> component : components) {
            String key = prefix + "." + kebab(component.getKey());
            Type generic = component.getValue();
            Class<?> raw = ClassUtils.resolvePrimitiveIfNecessary(rawType(generic));
            if (Collection.class.isAssignableFrom(raw)
                    && generic instanceof ParameterizedType list
                    && nested(rawType(list.getActualTypeArguments()[0]))) {
                bound(key + "[n]", rawType(list.getActualTypeArguments()[0]));
            } else if (nested(raw)) {
                bound(key, raw);
            } else {
                read.add(key);
            }
        }
    }

    private static boolean nested(Class<?> type) {
        return type.getPackageName().startsWith("dev.orderhub") && !type.isEnum();
    }

    private static Class<?> rawType(Type type) {
        return type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static void readByMainSources() throws IOException {
        for (Path source : files(Path.of("src/main/java"), ".java")) {
            placeholders(ENVIRONMENT_LOOKUP, Files.readString(source), read);
        }
    }

    private static void readByRoutesAndConnectors() throws IOException {
        for (Path directory : List.of(Path.of("routes"), Path.of("connectors"))) {
            for (Path file : files(directory, ".yaml")) {
                placeholders(CAMEL_PLACEHOLDER, Files.readString(file), read);
            }
        }
    }

    private static void readByApplicationYaml() throws IOException {
        List<PropertySource<?>> sources =
                new YamlPropertySourceLoader().load("application.yaml", new FileSystemResource(APPLICATION_YAML));
        for (PropertySource<?> source : sources) {
            EnumerablePropertySource<?> properties = (EnumerablePropertySource<?>) source;
            for (String key : properties.getPropertyNames()) {
                String raw = String.valueOf(properties.getProperty(key));
                Set<String> referenced = new TreeSet<>();
                placeholders(SPRING_PLACEHOLDER, raw, referenced);
                for (String name : referenced) {
                    if (ENV_VARIABLE.matcher(name).matches()) {
                        boundToEnvironment.put(key, name);
                        read.add(key);
                    } else {
                        read.add(name);
                    }
                }
                if (key.startsWith("orderhub.")) {
                    setInApplicationYaml.add(key);
                }
            }
        }
    }

    private static void readmeTable() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n## Configuration\n");
        assertThat(start).as("README has a '## Configuration' section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = end < 0 ? readme.substring(start) : readme.substring(start, end);
        Matcher row = TABLE_ROW.matcher(section);
        while (row.find()) {
            table.put(row.group(1), row.group(2).strip().replace("`", "").replace("—", ""));
        }
    }

    private static void placeholders(Pattern pattern, String text, Set<String> keys) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            keys.add(matcher.group(1).strip());
        }
    }

    private static List<Path> files(Path directory, String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(path -> path.toString().endsWith(extension))
                    .sorted()
                    .toList();
        }
    }
}
