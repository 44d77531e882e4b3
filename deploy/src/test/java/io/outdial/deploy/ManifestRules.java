package io.outdial.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.outdial.contract.Topics;
import io.outdial.deploy.StrictModel.ScaledObject;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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

    /** The name of the port serving /q/health, /q/metrics and /internal/**, in every pod and Service of ours. */
    static final String MANAGEMENT = "management";
    private static final String INTERNAL_TOKENS = "INTERNAL_TOKENS";
    /** Who calls whose /internal endpoint (DESIGN 3: the dial claim and the call-record reads). */
    static final Map<String, String> INTERNAL_CALLS = Map.of(
            "dialer-service", "campaign-service",
            "campaign-service", "call-result-service");
    /** Prometheus, which scrapes /q/metrics on every management port. */
    static final String METRICS_SCRAPER = "namespace:monitoring";

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
    private final Map<String, String> internalTokenSecrets = new TreeMap<>();

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
        rules.checkManagementReachability();
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
                    checkProbe(where, "readinessProbe", container.getReadinessProbe(), container);
                    checkProbe(where, "livenessProbe", container.getLivenessProbe(), container);
                    if (container.getStartupProbe() != null) {
                        checkProbe(where, "startupProbe", container.getStartupProbe(), container);
                    }
                    checkResources(where, container.getResources());
                    checkManagementPort(where, container, config);
                    checkInternalToken(where, container);
                }
                for (EnvVar env : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
                    if (config != null && !config.reads(env.getName())) {
                        violations.add(where + ": environment variable " + env.getName()
                                + " is read neither by " + name + "'s application.properties nor by its image");
                    }
                    if (config != null && env.getName().endsWith("_SERVICE_URL") && env.getValue() != null) {
                        checkInternalUrl(where, env);
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
        if (new TreeSet<>(internalTokenSecrets.values()).size() > 1) {
            violations.add("the services read their internal token from different Secrets, so they cannot call each other: "
                    + internalTokenSecrets);
        }
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

    private void checkProbe(String where, String which, Probe probe, Container container) {
        if (probe == null || probe.getHttpGet() == null || !probe.getHttpGet().getPath().startsWith("/q/health/")) {
            violations.add(where + ": " + which + " must be an httpGet on /q/health/*");
        } else if (!isManagementPort(container, probe.getHttpGet().getPort())) {
            violations.add(where + ": " + which + " probes port " + text(probe.getHttpGet().getPort())
                    + ", but /q/health is served on the management port (" + MANAGEMENT + ") only");
        }
    }

    /** The container declares its management port, at the number the service listens on. */
    private void checkManagementPort(String where, Container container, ServiceConfig config) {
        ContainerPort port = namedPort(container, MANAGEMENT);
        if (port == null) {
            violations.add(where + ": no container port named " + MANAGEMENT + " (/q/health, /q/metrics, /internal/**)");
            return;
        }
        String listens = literalEnv(container, "MANAGEMENT_PORT")
                .or(() -> config.imageValue("MANAGEMENT_PORT"))
                .orElseGet(() -> config.value("quarkus.management.port"));
        if (!String.valueOf(port.getContainerPort()).equals(listens)) {
            violations.add(where + ": container port " + MANAGEMENT + " is " + port.getContainerPort()
                    + ", but the service's management interface listens on " + listens);
        }
    }

    /** Every service reads the internal token from a Secret: it refuses to start without one. */
    private void checkInternalToken(String where, Container container) {
        EnvVar tokens = Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).stream()
                .filter(env -> INTERNAL_TOKENS.equals(env.getName())).findFirst().orElse(null);
        if (tokens == null || tokens.getValueFrom() == null || tokens.getValueFrom().getSecretKeyRef() == null) {
            violations.add(where + ": " + INTERNAL_TOKENS + " must come from a Secret (secretKeyRef): the service does not"
                    + " start without it, and a literal would put the token in the manifests");
            return;
        }
        var ref = tokens.getValueFrom().getSecretKeyRef();
        if (Boolean.TRUE.equals(ref.getOptional())) {
            violations.add(where + ": " + INTERNAL_TOKENS + " must not be optional: the service does not start without it");
        }
        internalTokenSecrets.put(where, ref.getName() + "/" + ref.getKey());
    }

    /** A URL of another service's internal endpoints must name that Service's management port. */
    private void checkInternalUrl(String where, EnvVar env) {
        URI uri;
        try {
            uri = URI.create(env.getValue());
        } catch (IllegalArgumentException e) {
            violations.add(where + ": " + env.getName() + " is not a URL: " + env.getValue());
            return;
        }
        String name = uri.getHost() == null ? "" : uri.getHost().split("\\.")[0];
        Service service = services.get(name);
        if (service == null) {
            violations.add(where + ": " + env.getName() + " names Service " + name + ", which does not exist");
            return;
        }
        boolean management = service.getSpec().getPorts().stream()
                .anyMatch(port -> MANAGEMENT.equals(port.getName()) && Objects.equals(port.getPort(), uri.getPort()));
        if (!management) {
            violations.add(where + ": " + env.getName() + " is port " + uri.getPort() + " of Service " + name
                    + ", but its /internal endpoints are served on its " + MANAGEMENT + " port only");
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
            if (ServiceConfig.of(name) != null && service.getSpec().getPorts().stream().noneMatch(port ->
                    MANAGEMENT.equals(port.getName()) && port.getTargetPort() != null
                            && MANAGEMENT.equals(port.getTargetPort().getStrVal()))) {
                violations.add("Service " + name + ": no port named " + MANAGEMENT + " targeting the pods' "
                        + MANAGEMENT + " port (its callers, probes and Prometheus use it)");
            }
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

    /**
     * Each management port is open to exactly the service that calls its /internal endpoint and to
     * Prometheus, as the NetworkPolicies evaluate (policies add up; a pod no policy isolates is open
     * to anyone), and each caller may leave towards it.
     */
    private void checkManagementReachability() {
        for (String service : List.of("campaign-service", "call-result-service", ManifestRules.DIALER)) {
            PodTemplateSpec pod = workloads.get(service);
            if (pod == null) {
                continue;
            }
            Set<String> expected = new TreeSet<>(Set.of(METRICS_SCRAPER));
            INTERNAL_CALLS.forEach((caller, callee) -> {
                if (callee.equals(service)) {
                    expected.add("pods:" + caller);
                }
            });
            Integer number = managementPortNumber(pod);
            Set<String> allowed = new TreeSet<>();
            boolean isolated = false;
            for (NetworkPolicy policy : networkPolicies) {
                if (!appliesTo(policy, pod, "Ingress")) {
                    continue;
                }
                isolated = true;
                for (NetworkPolicyIngressRule rule : Objects.requireNonNullElse(policy.getSpec().getIngress(),
                        List.<NetworkPolicyIngressRule>of())) {
                    if (coversPort(rule.getPorts(), number)) {
                        allowed.addAll(peers(rule.getFrom()));
                    }
                }
            }
            if (!isolated) {
                allowed.add("anyone");
            }
            if (!allowed.equals(expected)) {
                violations.add(service + ": its " + MANAGEMENT + " port (/internal/**, /q/health, /q/metrics) is open to "
                        + allowed + "; the design opens it to " + expected + " only");
            }
        }
        INTERNAL_CALLS.forEach((caller, callee) -> {
            PodTemplateSpec from = workloads.get(caller);
            PodTemplateSpec to = workloads.get(callee);
            if (from == null || to == null) {
                return;
            }
            Integer number = managementPortNumber(to);
            boolean isolated = false;
            boolean allowed = false;
            for (NetworkPolicy policy : networkPolicies) {
                if (!appliesTo(policy, from, "Egress")) {
                    continue;
                }
                isolated = true;
                for (NetworkPolicyEgressRule rule : Objects.requireNonNullElse(policy.getSpec().getEgress(),
                        List.<NetworkPolicyEgressRule>of())) {
                    allowed |= coversPort(rule.getPorts(), number) && reaches(rule.getTo(), to);
                }
            }
            if (isolated && !allowed) {
                violations.add(caller + ": no NetworkPolicy lets it reach " + callee + "'s " + MANAGEMENT
                        + " port, where it calls /internal");
            }
        });
    }

    private boolean appliesTo(NetworkPolicy policy, PodTemplateSpec pod, String type) {
        if (!selects(policy.getSpec().getPodSelector(), labels(pod))) {
            return false;
        }
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            return type.equals("Ingress") || policy.getSpec().getEgress() != null;
        }
        return types.contains(type);
    }

    /** True when the rule's ports include the management port (by name, or by number or range). */
    private static boolean coversPort(List<NetworkPolicyPort> ports, Integer number) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort port : ports) {
            IntOrString value = port.getPort();
            if (value == null || MANAGEMENT.equals(value.getStrVal())) {
                return true;
            }
            if (value.getIntVal() != null && number != null) {
                int end = port.getEndPort() != null ? port.getEndPort() : value.getIntVal();
                if (value.getIntVal() <= number && number <= end) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sources a rule admits, named as {@code pods:<workload>}, {@code namespace:<name>} or {@code anyone}. */
    private Set<String> peers(List<NetworkPolicyPeer> from) {
        Set<String> named = new TreeSet<>();
        if (from == null || from.isEmpty()) {
            named.add("anyone");
            return named;
        }
        for (NetworkPolicyPeer peer : from) {
            if (peer.getIpBlock() != null) {
                named.add("ipBlock:" + peer.getIpBlock().getCidr());
                continue;
            }
            String namespace = peer.getNamespaceSelector() == null ? null : namespaceName(peer.getNamespaceSelector());
            if (peer.getPodSelector() == null) {
                named.add("namespace:" + namespace);
            } else if (namespace != null) {
                named.add("namespace:" + namespace + "/pods:" + peer.getPodSelector().getMatchLabels());
            } else {
                List<String> selected = workloads.entrySet().stream()
                        .filter(w -> selects(peer.getPodSelector(), labels(w.getValue()))).map(Map.Entry::getKey).toList();
                if (selected.isEmpty()) {
                    named.add("pods:" + peer.getPodSelector().getMatchLabels());
                }
                selected.forEach(workload -> named.add("pods:" + workload));
            }
        }
        return named;
    }

    private static String namespaceName(LabelSelector selector) {
        Map<String, String> labels = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
        if (labels.isEmpty() && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())) {
            return "any";
        }
        return labels.getOrDefault("kubernetes.io/metadata.name", labels.toString());
    }

    /** True when an egress rule's destinations include the pod (in the same namespace). */
    private static boolean reaches(List<NetworkPolicyPeer> to, PodTemplateSpec pod) {
        if (to == null || to.isEmpty()) {
            return true;
        }
        return to.stream().anyMatch(peer -> peer.getIpBlock() == null
                && (peer.getNamespaceSelector() == null || "any".equals(namespaceName(peer.getNamespaceSelector())))
                && (peer.getPodSelector() == null || selects(peer.getPodSelector(), labels(pod))));
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !matches(selector.getMatchLabels(), labels)) {
            return false;
        }
        for (LabelSelectorRequirement requirement : Objects.requireNonNullElse(selector.getMatchExpressions(),
                List.<LabelSelectorRequirement>of())) {
            String value = labels.get(requirement.getKey());
            List<String> values = Objects.requireNonNullElse(requirement.getValues(), List.of());
            boolean holds = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static ContainerPort namedPort(Container container, String name) {
        return Objects.requireNonNullElse(container.getPorts(), List.<ContainerPort>of()).stream()
                .filter(port -> name.equals(port.getName())).findFirst().orElse(null);
    }

    private static Integer managementPortNumber(PodTemplateSpec pod) {
        return pod.getSpec().getContainers().stream().map(c -> namedPort(c, MANAGEMENT)).filter(Objects::nonNull)
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    private static boolean isManagementPort(Container container, IntOrString port) {
        ContainerPort management = namedPort(container, MANAGEMENT);
        if (port == null || management == null) {
            return false;
        }
        return MANAGEMENT.equals(port.getStrVal()) || Objects.equals(port.getIntVal(), management.getContainerPort());
    }

    private static java.util.Optional<String> literalEnv(Container container, String name) {
        return Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of()).stream()
                .filter(env -> name.equals(env.getName()) && env.getValue() != null).map(EnvVar::getValue).findFirst();
    }

    private static String text(IntOrString port) {
        return port == null ? "(none)" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
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
