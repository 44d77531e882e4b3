package io.outdial.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, the way an operator would apply it. */
final class Kustomize {

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    /** kubectl from the PATH, if this machine has it. */
    static Optional<Path> kubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Every object of the rendered kustomization, or an exception carrying kustomize's own error. */
    static List<ObjectNode> render(Path kustomization) throws IOException, InterruptedException {
        Path kubectl = kubectl().orElseThrow(() -> new IllegalStateException("kubectl is not on the PATH"));
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", kustomization.toString())
                .redirectErrorStream(false)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: "
                    + new String(err, StandardCharsets.UTF_8).trim());
        }
        return parse(new String(out, StandardCharsets.UTF_8));
    }

    static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    objects.add(object);
                }
            }
        }
        return objects;
    }
}
