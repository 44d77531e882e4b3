package io.outdial.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;

/**
 * Parses manifests into the fabric8 Kubernetes model and Strimzi's model, refusing unknown fields.
 *
 * <p>Both models keep unknown fields in an "additional properties" map, so a typo such as
 * {@code replcas} would parse silently and the cluster would ignore it. Dropping that any-setter
 * makes Jackson fail on it instead, naming the field and its path.
 */
final class StrictModel {

    /** The kinds our manifests may contain, each with the one API version that is current for it. */
    record Kind(String apiVersion, Class<?> type) {
    }

    static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("Deployment", new Kind("apps/v1", Deployment.class)),
            Map.entry("StatefulSet", new Kind("apps/v1", StatefulSet.class)),
            Map.entry("Service", new Kind("v1", Service.class)),
            Map.entry("ConfigMap", new Kind("v1", ConfigMap.class)),
            Map.entry("Secret", new Kind("v1", Secret.class)),
            Map.entry("PodDisruptionBudget", new Kind("policy/v1", PodDisruptionBudget.class)),
            Map.entry("NetworkPolicy", new Kind("networking.k8s.io/v1", NetworkPolicy.class)),
            Map.entry("Ingress", new Kind("networking.k8s.io/v1", Ingress.class)),
            Map.entry("HorizontalPodAutoscaler", new Kind("autoscaling/v2", HorizontalPodAutoscaler.class)),
            // Strimzi 1.0 removed v1beta2: only v1 is accepted by a current operator.
            Map.entry("Kafka", new Kind("kafka.strimzi.io/v1", Kafka.class)),
            Map.entry("KafkaNodePool", new Kind("kafka.strimzi.io/v1", KafkaNodePool.class)),
            Map.entry("KafkaTopic", new Kind("kafka.strimzi.io/v1", KafkaTopic.class)),
            Map.entry("ScaledObject", new Kind("keda.sh/v1alpha1", ScaledObject.class)));

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .addModule(new SimpleModule("no-additional-properties").setDeserializerModifier(
                    new BeanDeserializerModifier() {
                        @Override
                        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config,
                                BeanDescription description, BeanDeserializerBuilder builder) {
                            builder.setAnySetter(null);
                            builder.setIgnoreUnknownProperties(false);
                            return builder;
                        }
                    }))
            .build();

    private StrictModel() {
    }

    /** The typed object, or an exception naming the unknown kind, the wrong version or the bad field. */
    static Object parse(JsonNode manifest) {
        String kind = manifest.path("kind").asText();
        Kind known = KINDS.get(kind);
        if (known == null) {
            throw new IllegalArgumentException("unknown kind '" + kind + "' (" + name(manifest) + ")");
        }
        String apiVersion = manifest.path("apiVersion").asText();
        if (!known.apiVersion().equals(apiVersion)) {
            throw new IllegalArgumentException(kind + " " + name(manifest) + " uses apiVersion " + apiVersion
                    + "; the current (not removed or deprecated) one is " + known.apiVersion());
        }
        try {
            return STRICT.treeToValue(manifest, known.type());
        } catch (Exception e) {
            throw new IllegalArgumentException(kind + " " + name(manifest) + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    static String name(JsonNode manifest) {
        return manifest.path("metadata").path("name").asText("<no name>");
    }

    /** KEDA ships no Java model; these records hold the fields of keda.sh/v1alpha1 ScaledObject. */
    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

        record Spec(ScaleTarget scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
                Integer initialCooldownPeriod, Integer idleReplicaCount, Integer minReplicaCount,
                Integer maxReplicaCount, Advanced advanced, Fallback fallback, List<Trigger> triggers) {
        }

        record ScaleTarget(String apiVersion, String kind, String name, String envSourceContainerName) {
        }

        record Advanced(Boolean restoreToOriginalReplicaCount, HpaConfig horizontalPodAutoscalerConfig,
                JsonNode scalingModifiers) {
        }

        record HpaConfig(String name, HorizontalPodAutoscalerBehavior behavior) {
        }

        record Fallback(Integer failureThreshold, Integer replicas, String behavior) {
        }

        record Trigger(String type, String name, Map<String, String> metadata, AuthenticationRef authenticationRef,
                String metricType, Boolean useCachedMetrics) {
        }

        record AuthenticationRef(String name, String kind) {
        }
    }
}
