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
