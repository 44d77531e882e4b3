package io.outdial.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a docker-compose file without a Docker engine: against the Compose Specification's JSON
 * schema, then against the services it starts (the variables they read, the Dockerfiles they build).
 */
final class ComposeFile {

    /**
     * The Compose Specification schema (draft 2019-09) as shipped in Debian's docker-compose 1.29.2
     * package, the newest copy reachable from this build's registries. It predates the top-level
     * {@code name} key, so our compose file does without it.
     */
    static final Path SCHEMA = RepoFiles.root().resolve("deploy/compose/compose-spec.schema.json");

    private static final ObjectMapper YAML = new YAMLMapper();

    private ComposeFile() {
    }

    /** Violations of a compose file whose relative paths (build contexts) resolve against projectRoot. */
    static List<String> violations(Path composeFile, Path projectRoot) throws IOException {
        JsonNode compose = YAML.readTree(composeFile.toFile());
        List<String> violations = new ArrayList<>();
        ObjectNode schemaTree = (ObjectNode) new ObjectMapper().readTree(SCHEMA.toFile());
        // The file carries draft-04 style "id"s beside its 2019-09 "$schema"; they only label
        // subschemas, and the 2019-09 validator refuses the keyword.
        removeIds(schemaTree);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(schemaTree);
        for (ValidationMessage message : schema.validate(compose)) {
            violations.add("schema: " + message.getMessage());
        }
        Path root = projectRoot.toAbsolutePath();
        JsonNode services = compose.path("services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode service = entry.getValue();
            ServiceConfig config = ServiceConfig.of(name);
            if (config != null) {
                service.path("environment").fieldNames().forEachRemaining(variable -> {
                    if (!config.reads(variable)) {
                        violations.add(name + ": environment variable " + variable + " is not read by " + name);
                    }
                });
                String health = service.path("healthcheck").path("test").toString();
                String port = managementPort(name, service);
                if (health.contains("/q/health") && !health.contains(":" + port + "/q/health")) {
                    violations.add(name + ": the health check must ask the management port " + port + ", where /q/health is served");
                }
                service.path("environment").fields().forEachRemaining(variable -> {
                    if (variable.getKey().endsWith("_SERVICE_URL")) {
                        checkInternalUrl(name, variable.getKey(), variable.getValue().asText(), services, violations);
                    }
                });
            }
            JsonNode build = service.path("build");
            if (build.isObject()) {
                Path dockerfile = root.resolve(build.path("context").asText("."))
                        .resolve(build.path("dockerfile").asText("Dockerfile"));
                if (!Files.isRegularFile(dockerfile)) {
                    violations.add(name + ": no Dockerfile at " + root.relativize(dockerfile.normalize()));
                }
            }
            JsonNode dependsOn = service.path("depends_on");
            Iterator<String> dependencies = dependsOn.isArray()
                    ? toText(dependsOn) : dependsOn.fieldNames();
            dependencies.forEachRemaining(dependency -> {
                if (!services.has(dependency)) {
                    violations.add(name + ": depends on " + dependency + ", which is not a service");
                }
            });
        }
        return violations;
    }

    /** The port a service's management interface listens on in its container. */
    private static String managementPort(String name, JsonNode service) {
        JsonNode configured = service.path("environment").path("MANAGEMENT_PORT");
        if (configured.isValueNode()) {
            return configured.asText();
        }
        ServiceConfig config = ServiceConfig.of(name);
        return config.imageValue("MANAGEMENT_PORT").orElseGet(() -> config.value("quarkus.management.port"));
    }

    /** Another service's internal endpoints are on its management port only. */
    private static void checkInternalUrl(String name, String variable, String value, JsonNode services, List<String> violations) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            violations.add(name + ": " + variable + " is not a URL: " + value);
            return;
        }
        String target = uri.getHost();
        if (target == null || !services.has(target) || ServiceConfig.of(target) == null) {
            violations.add(name + ": " + variable + " names " + target + ", which is not one of the services");
            return;
        }
        String port = managementPort(target, services.path(target));
        if (!port.equals(String.valueOf(uri.getPort()))) {
            violations.add(name + ": " + variable + " is port " + uri.getPort() + " of " + target
                    + ", but its /internal endpoints are served on its management port " + port + " only");
        }
    }

    private static void removeIds(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").isTextual()) {
            object.remove("id");
        }
        node.forEach(ComposeFile::removeIds);
    }

    private static Iterator<String> toText(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values.iterator();
    }
}
