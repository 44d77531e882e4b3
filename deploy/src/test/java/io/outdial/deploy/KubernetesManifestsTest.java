package io.outdial.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.outdial.contract.Topics;

/** Renders each overlay as an operator would and checks every object in it (see ManifestRules). */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KubernetesManifestsTest {

    @BeforeAll
    static void kubectlOrSkip() {
        if (Kustomize.kubectl().isEmpty()) {
            System.out.println("[deploy] kubectl is not on the PATH: rendering the overlays is skipped; "
                    + "the files listed as resources are still parsed strictly");
        }
    }

    @Test
    void everyListedResourceFileParsesStrictly() throws IOException {
        List<String> errors = new ArrayList<>();
        int parsed = 0;
        for (Path kustomization : List.of(dir("base"), dir("overlays/dev"), dir("overlays/prod"))) {
            JsonNode file = new YAMLMapper().readTree(kustomization.resolve("kustomization.yaml").toFile());
            for (JsonNode resource : file.path("resources")) {
                Path path = kustomization.resolve(resource.asText());
                if (!Files.isRegularFile(path)) {
                    continue;
                }
                for (ObjectNode manifest : Kustomize.parse(Files.readString(path))) {
                    parsed++;
                    try {
                        StrictModel.parse(manifest);
                    } catch (IllegalArgumentException e) {
                        errors.add(path.getFileName() + ": " + e.getMessage());
                    }
                }
            }
        }
        assertEquals(List.of(), errors);
        assertTrue(parsed >= 15, "only " + parsed + " objects found in the resource files");
    }

    @Test
    void devOverlayRendersSoundly() throws Exception {
        List<ObjectNode> objects = render(dir("overlays/dev"));
        assertEquals(List.of(), ManifestRules.check(objects, false));
        Map<String, Long> kinds = countKinds(objects);
        assertEquals(3, kinds.get("Deployment"), kinds::toString);
        assertEquals(Topics.all().size(), kinds.get("KafkaTopic"), kinds::toString);
        assertEquals(1, kinds.get("Kafka"), kinds::toString);
        assertEquals(1, kinds.get("StatefulSet"), "the dev PostgreSQL: " + kinds);
        assertTrue(kinds.get("NetworkPolicy") >= 4, kinds::toString);
        assertEquals(3, kinds.get("PodDisruptionBudget"), kinds::toString);
        assertTrue(objects.stream().allMatch(o -> "outdial-dev".equals(o.path("metadata").path("namespace").asText())),
                "every object lands in the outdial-dev namespace");
        assertEquals(1, kinds.get("Ingress"), kinds::toString);
    }

    @Test
    void prodOverlayRendersSoundly() throws Exception {
        List<ObjectNode> objects = render(dir("overlays/prod"));
        assertEquals(List.of(), ManifestRules.check(objects, true));
        Map<String, Long> kinds = countKinds(objects);
        assertEquals(3, kinds.get("Deployment"), kinds::toString);
        assertEquals(1, kinds.get("ScaledObject"), kinds::toString);
        assertEquals(2, kinds.get("HorizontalPodAutoscaler"), kinds::toString);
        assertEquals(1, kinds.get("Ingress"), kinds::toString);
        assertFalse(kinds.containsKey("KafkaTopic"), "prod uses an external Kafka");
        assertFalse(kinds.containsKey("StatefulSet"), "prod uses an external PostgreSQL");
    }

    static List<ObjectNode> render(Path kustomization) throws Exception {
        assumeTrue(Kustomize.kubectl().isPresent(), "kubectl is not on the PATH");
        return Kustomize.render(kustomization);
    }

    static Path dir(String relative) {
        return RepoFiles.k8s().resolve(relative);
    }

    private static Map<String, Long> countKinds(List<ObjectNode> objects) {
        return objects.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText(), TreeMap::new,
                Collectors.counting()));
    }

    static Stream<Path> files(Path dir) throws IOException {
        return Files.walk(dir).filter(Files::isRegularFile);
    }
}
