package io.outdial.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's own configuration (its application.properties), the source of truth manifests are
 * checked against: the environment variables it reads and the values its properties default to.
 */
final class ServiceConfig {

    /** Variables the container image's launch script reads (run-java.sh), not the application. */
    static final Set<String> IMAGE_VARIABLES = Set.of(
            "JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO",
            "JAVA_MAX_INITIAL_MEM", "GC_CONTAINER_OPTIONS");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"");
    /** A mapping's property method, with the name {@code @WithName} gives it when it does. */
    private static final Pattern MAPPED_METHOD = Pattern.compile(
            "(?:@WithName\\(\"([^\"]+)\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*)?[\\w<>.]+\\s+(\\w+)\\(\\);");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:([^}]*)}");
    private static final Pattern IMAGE_ENV = Pattern.compile("(?m)^ENV\\s+([A-Z][A-Z0-9_]*)=(\\S+)\\s*$");

    final String service;
    private final Properties properties = new Properties();
    private final Set<String> variables = new TreeSet<>();
    private final Map<String, String> imageEnvironment = new java.util.HashMap<>();

    private ServiceConfig(String service, Path file, Path sources, Path dockerfile) throws IOException {
        this.service = service;
        if (Files.isRegularFile(dockerfile)) {
            Matcher env = IMAGE_ENV.matcher(Files.readString(dockerfile));
            while (env.find()) {
                imageEnvironment.put(env.group(1), env.group(2));
            }
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Matcher matcher = VARIABLE.matcher(Files.readString(file));
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        // MicroProfile Config also reads every property from its environment form (a.b-c -> A_B_C).
        properties.stringPropertyNames().forEach(key -> variables.add(environmentForm(key)));
        try (var javaFiles = Files.walk(sources)) {
            for (Path source : javaFiles.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                Matcher injected = CONFIG_PROPERTY.matcher(code);
                while (injected.find()) {
                    variables.add(environmentForm(injected.group(1)));
                }
                Matcher mapping = CONFIG_MAPPING.matcher(code);
                if (mapping.find()) {
                    Matcher method = MAPPED_METHOD.matcher(code.substring(mapping.end()));
                    while (method.find()) {
                        String name = method.group(1) != null ? method.group(1) : kebab(method.group(2));
                        variables.add(environmentForm(mapping.group(1) + "." + name));
                    }
                }
            }
        }
    }

    /** A mapping method's property name: {@code devApiKey} is {@code dev-api-key}. */
    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String environmentForm(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Read once per test JVM: the rules ask for the same services again and again. */
    private static final Map<String, Optional<ServiceConfig>> CACHE = new ConcurrentHashMap<>();

    /** The service's configuration, or null when {@code service} is not one of our modules. */
    static ServiceConfig of(String service) {
        return CACHE.computeIfAbsent(service, ServiceConfig::read).orElse(null);
    }

    private static Optional<ServiceConfig> read(String service) {
        Path module = RepoFiles.root().resolve(service);
        Path file = module.resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServiceConfig(service, file, module.resolve("src/main/java"),
                    module.resolve("src/main/docker/Dockerfile.jvm")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** True when the service or its image reads this environment variable. */
    boolean reads(String variable) {
        return variables.contains(variable) || IMAGE_VARIABLES.contains(variable);
    }

    /**
     * The value an environment variable has in the service's container unless the manifest sets it:
     * its image's {@code ENV}, or empty.
     */
    Optional<String> imageValue(String variable) {
        return Optional.ofNullable(imageEnvironment.get(variable));
    }

    /** A property's value with each {@code ${VAR:default}} replaced by its default. */
    String value(String key) {
        String raw = properties.getProperty(key);
        if (raw == null) {
            throw new IllegalStateException(service + " has no property " + key);
        }
        return PLACEHOLDER.matcher(raw).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }
}
