package io.outdial.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.outdial.contract.Topics;
import io.outdial.deploy.StrictModel.ScaledObject;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a rendered overlay must satisfy beyond parsing: the links between objects that nothing
 * checks before a cluster quietly misbehaves (a Service selecting no pod, a PDB that blocks every
 * drain, a scaler watching a topic nobody writes), and agreement with the services' own
 * configuration and the event contract.
 */
final class ManifestRules {

    /** The dialers' command topic and consumer group: what KEDA must measure lag on. */
    static final String DIALER = "dialer-service";
    private static final String DIAL_COMMANDS_GROUP_KEY =
            "mp.messaging.incoming.\"" + Topics.DIAL_COMMANDS + "\".group.id";

    private final List<String> violations = new ArrayList<>();
    private final Map<String, PodTemplateSpec> workloads = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, ConfigMap> configMaps = new HashMap<>();
    private final Set<String> secrets = new TreeSet<>();
    private final List<PodDisruptionBudget> budgets = new ArrayList<>();
    private final List<NetworkPolicy> networkPolicies = new ArrayList<>();
    private final List<Ingress> ingresses = new ArrayList<>();
    private final List<HorizontalPodAutoscaler> autoscalers = new ArrayList<>();
    private final List<ScaledObject> scaledObjects = new ArrayList<>();
    private final List<KafkaTopic> topics = new ArrayList<>();

    private ManifestRules() {
    }

    /**
     * Every violation found in one rendered overlay; empty when it is sound.
     *
     * @param secretsProvidedOutside true when the overlay expects its Secrets to exist already
     *                               (prod), false when it must define every Secret it references
     */
    static List<String> check(List<ObjectNode> manifests, boolean secretsProvidedOutside) {
        ManifestRules rules = new ManifestRules();
        rules.load(manifests);
        rules.checkWorkloads(secretsProvidedOutside);
        rules.checkServices();
        rules.checkDisruptionBudgets();
        rules.checkNetworkPolicies();
        rules.checkIngresses();
        rules.checkScaling();
        rules.checkTopics();
        return List.copyOf(rules.violations);
    }

    private void load(List<ObjectNode> manifests) {
        for (ObjectNode manifest : manifests) {
            Object object;
            try {
                object = StrictModel.parse(manifest);
            } catch (IllegalArgumentException e) {
                violations.add(e.getMessage());
                continue;
            }
            if (object instanceof Deployment deployment) {
                deployments.put(deployment.getMetadata().getName(), deployment);
                addWorkload(deployment.getMetadata().getName(), deployment.getSpec().getSelector(),
                        deployment.getSpec().getTemplate());
            } else if (object instanceof StatefulSet set) {
                addWorkload(set.getMetadata().getName(), set.getSpec().getSelector(), set.getSpec().getTemplate());
            } else if (object instanceof Service service) {
                services.put(service.getMetadata().getName(), service);
            } else if (object instanceof ConfigMap map) {
                configMaps.put(map.getMetadata().getName(), map);
            } else if (object instanceof Secret secret) {
                secrets.add(secret.getMetadata().getName());
            } else if (object instanceof PodDisruptionBudget budget) {
                budgets.add(budget);
            } else if (object instanceof NetworkPolicy policy) {
                networkPolicies.add(policy);
            } else if (object instanceof Ingress ingress) {
                ingresses.add(ingress);
            } else if (object instanceof HorizontalPodAutoscaler autoscaler) {
                autoscalers.add(autoscaler);
            } else if (object instanceof ScaledObject scaledObject) {
                scaledObjects.add(scaledObject);
            } else if (object instanceof KafkaTopic topic) {
                topics.add(topic);
            }
        }
    }

    private void addWorkload(String name, LabelSelector selector, PodTemplateSpec template) {
        workloads.put(name, template);
        Map<String, String> podLabels = labels(template);
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            violations.add(name + ": selector must name the pod labels it selects (matchLabels)");
        } else if (!matches(selector.getMatchLabels(), podLabels)) {
            violations.add(name + ": selector " + selector.getMatchLabels()
                    + " does not match its own pod labels " + podLabels);
        }
    }

    private void checkWorkloads(boolean secretsProvidedOutside) {
        workloads.forEach((name, template) -> {
            ServiceConfig config = ServiceConfig.of(name);
            for (Container container : template.getSpec().getContainers()) {
                String where = name + "/" + container.getName();
                if (config != null) {
                    checkProbe(where, "readinessProbe", container.getReadinessProbe());
                    checkProbe(where, "livenessProbe", container.getLivenessProbe());
                    checkResources(where, container.getResources());
                }
                for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                    if (config != null && !config.reads(env.getName())) {
                        violations.add(where + ": environment variable " + env.getName()
                                + " is read neither by " + name + "'s application.properties nor by its image");
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = env.getValueFrom().getConfigMapKeyRef();
                        requireConfigMapKey(where, ref.getName(), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null
                            && !secretsProvidedOutside && !secrets.contains(env.getValueFrom().getSecretKeyRef().getName())
                            && !Boolean.TRUE.equals(env.getValueFrom().getSecretKeyRef().getOptional())) {
                        violations.add(where + ": references Secret " + env.getValueFrom().getSecretKeyRef().getName()
                                + ", which this overlay does not define");
                    }
                }
                for (EnvFromSource from : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
                    if (from.getConfigMapRef() != null) {
                        ConfigMap map = configMaps.get(from.getConfigMapRef().getName());
                        if (map == null) {
                            violations.add(where + ": envFrom names ConfigMap " + from.getConfigMapRef().getName()
                                    + ", which does not exist");
                        } else if (config != null) {
                            map.getData().keySet().stream().filter(key -> !config.reads(key)).forEach(key ->
                                    violations.add(where + ": ConfigMap " + map.getMetadata().getName() + " sets "
                                            + key + ", which " + name + " does not read"));
                        }
                    }
                }
            }
        });
    }

    private void requireConfigMapKey(String where, String name, String key, boolean optional) {
        ConfigMap map = configMaps.get(name);
        if (optional) {
            return;
        }
        if (map == null || map.getData() == null || !map.getData().containsKey(key)) {
            violations.add(where + ": references key " + key + " of ConfigMap " + name + ", which does not exist");
        }
    }

    private void checkProbe(String where, String which, Probe probe) {
        if (probe == null || probe.getHttpGet() == null || !probe.getHttpGet().getPath().startsWith("/q/health/")) {
            violations.add(where + ": " + which + " must be an httpGet on /q/health/*");
        }
    }

    private void checkResources(String where, ResourceRequirements resources) {
        for (String resource : List.of("cpu", "memory")) {
            if (resources == null || resources.getRequests() == null || !resources.getRequests().containsKey(resource)) {
                violations.add(where + ": no " + resource + " request");
            }
        }
        if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
            violations.add(where + ": no memory limit");
        }
    }

    private void checkServices() {
        services.forEach((name, service) -> {
            Map<String, String> selector = service.getSpec().getSelector();
            List<PodTemplateSpec> selected = selected(selector);
            if (selected.isEmpty()) {
                violations.add("Service " + name + ": selector " + selector + " matches no pod");
                return;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort();
                if (target != null && target.getStrVal() != null && selected.stream()
                        .noneMatch(pod -> containerPorts(pod).contains(target.getStrVal()))) {
                    violations.add("Service " + name + ": targetPort " + target.getStrVal()
                            + " is not a named port of the pods it selects");
                }
            }
        });
    }

    private void checkDisruptionBudgets() {
        for (PodDisruptionBudget budget : budgets) {
            String name = "PodDisruptionBudget " + budget.getMetadata().getName();
            boolean min = budget.getSpec().getMinAvailable() != null;
            boolean max = budget.getSpec().getMaxUnavailable() != null;
            if (min == max) {
                violations.add(name + ": must set exactly one of minAvailable and maxUnavailable");
            }
            LabelSelector selector = budget.getSpec().getSelector();
            if (selector == null || selected(selector.getMatchLabels()).isEmpty()) {
                violations.add(name + ": selector matches no pod");
            }
        }
    }

    private void checkNetworkPolicies() {
        for (NetworkPolicy policy : networkPolicies) {
            String name = "NetworkPolicy " + policy.getMetadata().getName();
            Map<String, String> target = policy.getSpec().getPodSelector().getMatchLabels();
            if (target != null && !target.isEmpty() && selected(target).isEmpty()) {
                violations.add(name + ": podSelector " + target + " matches no pod");
            }
            Stream<NetworkPolicyPeer> peers = Stream.concat(
                    Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())
                            .stream().flatMap(rule -> Objects.requireNonNullElse(rule.getFrom(),
                                    List.<NetworkPolicyPeer>of()).stream()),
                    Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())
                            .stream().flatMap(rule -> Objects.requireNonNullElse(rule.getTo(),
                                    List.<NetworkPolicyPeer>of()).stream()));
            peers.filter(peer -> peer.getNamespaceSelector() == null && peer.getPodSelector() != null)
                    .map(peer -> peer.getPodSelector().getMatchLabels())
                    .filter(labels -> labels != null && !labels.isEmpty() && selected(labels).isEmpty())
                    .forEach(labels -> violations.add(name + ": peer podSelector " + labels + " matches no pod"));
        }
    }

    private void checkIngresses() {
        for (Ingress ingress : ingresses) {
            String name = "Ingress " + ingress.getMetadata().getName();
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    String prefix = path.getPath();
                    if (prefix == null || prefix.equals("/") || prefix.startsWith("/internal")) {
                        violations.add(name + ": path " + prefix + " exposes the internal endpoints (/internal/*)");
                    }
                    IngressServiceBackend backend = path.getBackend().getService();
                    Service service = services.get(backend.getName());
                    if (service == null) {
                        violations.add(name + ": backend Service " + backend.getName() + " does not exist");
                    } else if (service.getSpec().getPorts().stream().noneMatch(port ->
                            Objects.equals(port.getName(), backend.getPort().getName())
                                    || Objects.equals(port.getPort(), backend.getPort().getNumber()))) {
                        violations.add(name + ": Service " + backend.getName() + " has no port " + backend.getPort());
                    }
                }
            }
        }
    }

    private void checkScaling() {
        Map<String, List<String>> scalersByDeployment = new HashMap<>();
        for (HorizontalPodAutoscaler hpa : autoscalers) {
            var target = hpa.getSpec().getScaleTargetRef();
            scalersByDeployment.computeIfAbsent(target.getName(), k -> new ArrayList<>())
                    .add("HorizontalPodAutoscaler " + hpa.getMetadata().getName());
            requireDeployment("HorizontalPodAutoscaler " + hpa.getMetadata().getName(), target.getKind(), target.getName());
        }
        for (ScaledObject scaled : scaledObjects) {
            String name = "ScaledObject " + scaled.metadata().getName();
            String target = scaled.spec().scaleTargetRef().name();
            scalersByDeployment.computeIfAbsent(target, k -> new ArrayList<>()).add(name);
            requireDeployment(name, Objects.requireNonNullElse(scaled.spec().scaleTargetRef().kind(), "Deployment"), target);
            for (ScaledObject.Trigger trigger : scaled.spec().triggers()) {
                if (!"kafka".equals(trigger.type())) {
                    continue;
                }
                ServiceConfig dialer = ServiceConfig.of(DIALER);
                String topic = trigger.metadata().get("topic");
                String group = trigger.metadata().get("consumerGroup");
                if (!DIALER.equals(target)) {
                    violations.add(name + ": scales " + target + ", but dial-command lag is " + DIALER + "'s work");
                }
                if (!Topics.DIAL_COMMANDS.equals(topic)) {
                    violations.add(name + ": topic " + topic + " is not the dial-command topic " + Topics.DIAL_COMMANDS);
                }
                if (!dialer.value(DIAL_COMMANDS_GROUP_KEY).equals(group)) {
                    violations.add(name + ": consumerGroup " + group + " is not the dialers' group "
                            + dialer.value(DIAL_COMMANDS_GROUP_KEY));
                }
                int partitions = Integer.parseInt(dialer.value("outdial.kafka.partitions"));
                Integer max = scaled.spec().maxReplicaCount();
                if (max != null && max > partitions) {
                    violations.add(name + ": maxReplicaCount " + max + " exceeds the " + partitions
                            + " partitions: dialers beyond that would sit idle");
                }
            }
        }
        scalersByDeployment.forEach((deployment, scalers) -> {
            if (scalers.size() > 1) {
                violations.add("Deployment " + deployment + " is scaled by more than one autoscaler: " + scalers);
            }
        });
    }

    private void requireDeployment(String who, String kind, String name) {
        if (!"Deployment".equals(kind) || !deployments.containsKey(name)) {
            violations.add(who + ": scale target " + kind + " " + name + " does not exist");
        }
    }

    private void checkTopics() {
        if (topics.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> contract = Topics.all().stream()
                .collect(Collectors.toMap(Topics.TopicSpec::name, Topics.TopicSpec::config));
        int partitions = Integer.parseInt(ServiceConfig.of(DIALER).value("outdial.kafka.partitions"));
        Set<String> declared = new TreeSet<>();
        for (KafkaTopic topic : topics) {
            String name = topic.getSpec().getTopicName() != null
                    ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
            declared.add(name);
            Map<String, String> expected = contract.get(name);
            if (expected == null) {
                violations.add("KafkaTopic " + topic.getMetadata().getName() + ": topic " + name
                        + " is not in the event contract (io.outdial.contract.Topics)");
                continue;
            }
            if (!Objects.equals(topic.getSpec().getPartitions(), partitions)) {
                violations.add("KafkaTopic " + name + ": " + topic.getSpec().getPartitions()
                        + " partitions, the services expect " + partitions);
            }
            Map<String, String> actual = new HashMap<>();
            Objects.requireNonNullElse(topic.getSpec().getConfig(), Map.<String, Object>of())
                    .forEach((key, value) -> actual.put(key, String.valueOf(value)));
            if (!actual.equals(expected)) {
                violations.add("KafkaTopic " + name + ": config " + actual + " differs from the contract's " + expected);
            }
        }
        Set<String> missing = new TreeSet<>(contract.keySet());
        missing.removeAll(declared);
        if (!missing.isEmpty()) {
            violations.add("no KafkaTopic for " + missing);
        }
    }

    private List<PodTemplateSpec> selected(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return workloads.values().stream().filter(pod -> matches(selector, labels(pod))).toList();
    }

    private static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static Map<String, String> labels(PodTemplateSpec template) {
        return template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels();
    }

    private static Set<String> containerPorts(PodTemplateSpec pod) {
        Set<String> names = new TreeSet<>();
        Consumer<ContainerPort> add = port -> {
            if (port.getName() != null) {
                names.add(port.getName());
            }
        };
        pod.getSpec().getContainers().forEach(c ->
                Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).forEach(add));
        return names;
    }
}
