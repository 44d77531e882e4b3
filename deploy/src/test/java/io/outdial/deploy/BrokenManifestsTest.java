package io.outdial.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test breaks one thing in a copy of deploy/k8s, renders the copy like the real overlays
 * and expects the validation to name the fault: the checks must be able to fail.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokenManifestsTest {

    @TempDir
    Path copy;

    @BeforeEach
    void copyManifests() throws IOException {
        try (var files = KubernetesManifestsTest.files(RepoFiles.k8s())) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(RepoFiles.k8s().relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void theUntouchedCopyIsSound() throws Exception {
        assertEquals(List.of(), violations("overlays/dev", false));
        assertEquals(List.of(), violations("overlays/prod", true));
    }

    @Test
    void aMisspelledFieldIsRefused() throws Exception {
        edit("base/dialer-service.yaml", "          readinessProbe:", "          readinesProbe:");
        expect(violations("overlays/dev", false), "Unrecognized field \"readinesProbe\"");
    }

    @Test
    void aServiceSelectingNoPodIsRefused() throws Exception {
        patch("overlays/dev", "Service", "call-result-service",
                "- op: replace\n  path: /spec/selector/app.kubernetes.io~1name\n  value: call-result\n");
        expect(violations("broken", false), "Service call-result-service: selector {app.kubernetes.io/name=call-result} matches no pod");
    }

    @Test
    void aKafkaTopicNotInTheContractIsRefused() throws Exception {
        edit("overlays/dev/kafka-topics.yaml", "topicName: dialer.call-events.v1\n", "topicName: dialer.call-event.v1\n");
        List<String> violations = violations("overlays/dev", false);
        expect(violations, "topic dialer.call-event.v1 is not in the event contract");
        expect(violations, "no KafkaTopic for [dialer.call-events.v1]");
    }

    @Test
    void aScalerWatchingTheWrongTopicIsRefused() throws Exception {
        edit("overlays/prod/dialer-scaledobject.yaml", "topic: campaign.dial-commands.v1", "topic: campaign.dial-command.v1");
        expect(violations("overlays/prod", true), "topic campaign.dial-command.v1 is not the dial-command topic");
    }

    @Test
    void aScalerWatchingAnotherConsumerGroupIsRefused() throws Exception {
        edit("overlays/prod/dialer-scaledobject.yaml", "consumerGroup: dialer-service", "consumerGroup: dialers");
        expect(violations("overlays/prod", true), "consumerGroup dialers is not the dialers' group dialer-service");
    }

    @Test
    void aBudgetSettingBothBoundsIsRefused() throws Exception {
        patch("overlays/dev", "PodDisruptionBudget", "dialer-service",
                "- op: add\n  path: /spec/minAvailable\n  value: 1\n");
        expect(violations("broken", false), "PodDisruptionBudget dialer-service: must set exactly one of minAvailable and maxUnavailable");
    }

    @Test
    void aDeploymentWithAnHpaAndAScaledObjectIsRefused() throws Exception {
        Files.writeString(copy.resolve("overlays/prod/dialer-hpa.yaml"), """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: dialer-service
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: dialer-service
                  minReplicas: 2
                  maxReplicas: 4
                """);
        edit("overlays/prod/kustomization.yaml", "  - hpa.yaml\n", "  - hpa.yaml\n  - dialer-hpa.yaml\n");
        expect(violations("overlays/prod", true), "Deployment dialer-service is scaled by more than one autoscaler");
    }

    @Test
    void aRemovedApiVersionIsRefused() throws Exception {
        edit("base/dialer-service.yaml", "apiVersion: policy/v1\n", "apiVersion: policy/v1beta1\n");
        expect(violations("overlays/dev", false), "uses apiVersion policy/v1beta1");
    }

    @Test
    void anIngressExposingTheInternalEndpointsIsRefused() throws Exception {
        edit("base/ingress.yaml", "- path: /api/crm\n", "- path: /\n");
        expect(violations("overlays/prod", true), "path / exposes the internal endpoints");
    }

    @Test
    void aVariableTheServiceDoesNotReadIsRefused() throws Exception {
        edit("base/dialer-service.yaml", "- name: CAMPAIGN_SERVICE_URL", "- name: CAMPAIGN_URL");
        expect(violations("overlays/dev", false), "environment variable CAMPAIGN_URL is read neither by dialer-service");
    }

    @Test
    void aMissingSecretIsRefusedWhereTheOverlayMustDefineIt() throws Exception {
        edit("overlays/dev/kustomization.yaml", "  - name: outdial-call-result-db\n", "  - name: outdial-call-results-db\n");
        expect(violations("overlays/dev", false), "references Secret outdial-call-result-db, which this overlay does not define");
    }

    @Test
    void aProbeOnThePublicPortIsRefused() throws Exception {
        edit("base/call-result-service.yaml", "              path: /q/health/ready\n              port: management\n",
                "              path: /q/health/ready\n              port: http\n");
        expect(violations("overlays/dev", false),
                "call-result-service/call-result-service: readinessProbe probes port http, but /q/health is served on the management port");
    }

    @Test
    void aManagementPortOpenToTheIngressControllerIsRefused() throws Exception {
        edit("base/network-policies.yaml", "              kubernetes.io/metadata.name: ingress-nginx\n      ports:\n        - protocol: TCP\n"
                + "          port: http\n", "              kubernetes.io/metadata.name: ingress-nginx\n      ports:\n"
                + "        - protocol: TCP\n          port: management\n");
        expect(violations("overlays/prod", true), "campaign-service: its management port (/internal/**, /q/health, /q/metrics)"
                + " is open to [namespace:ingress-nginx, namespace:monitoring, pods:dialer-service]");
    }

    @Test
    void aCallerShutOutOfTheManagementPortIsRefused() throws Exception {
        edit("base/network-policies.yaml", "              app.kubernetes.io/name: campaign-service\n      ports:\n        - protocol: TCP\n"
                + "          port: 9000\n", "              app.kubernetes.io/name: campaign-service\n      ports:\n"
                + "        - protocol: TCP\n          port: 8080\n");
        expect(violations("overlays/dev", false), "dialer-service: no NetworkPolicy lets it reach campaign-service's management port");
    }

    @Test
    void anInternalUrlOnThePublicPortIsRefused() throws Exception {
        edit("base/dialer-service.yaml", "value: http://campaign-service:9000", "value: http://campaign-service:8080");
        expect(violations("overlays/dev", false), "CAMPAIGN_SERVICE_URL is port 8080 of Service campaign-service, but its"
                + " /internal endpoints are served on its management port only");
    }

    @Test
    void anInternalTokenWrittenIntoTheManifestIsRefused() throws Exception {
        edit("base/dialer-service.yaml", "            - name: INTERNAL_TOKENS\n              valueFrom:\n                secretKeyRef:\n"
                + "                  name: outdial-internal\n                  key: tokens\n",
                "            - name: INTERNAL_TOKENS\n              value: a-token-anyone-can-read-here\n");
        expect(violations("overlays/dev", false), "dialer-service/dialer-service: INTERNAL_TOKENS must come from a Secret");
    }

    private List<String> violations(String overlay, boolean secretsProvidedOutside) throws Exception {
        return ManifestRules.check(KubernetesManifestsTest.render(copy.resolve(overlay)), secretsProvidedOutside);
    }

    private void edit(String file, String original, String broken) throws IOException {
        Path path = copy.resolve(file);
        String text = Files.readString(path);
        assertTrue(text.contains(original), file + " no longer contains: " + original);
        Files.writeString(path, text.replace(original, broken));
    }

    /** A kustomization "broken" that renders {@code overlay} with one JSON patch applied. */
    private void patch(String overlay, String kind, String name, String operations) throws IOException {
        Path dir = Files.createDirectories(copy.resolve("broken"));
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../%s
                patches:
                  - target:
                      kind: %s
                      name: %s
                    patch: |-
                %s
                """.formatted(overlay, kind, name, operations.indent(6).stripTrailing()));
    }

    private static void expect(List<String> violations, String fragment) {
        assertTrue(violations.stream().anyMatch(v -> v.contains(fragment)),
                "expected a violation containing \"" + fragment + "\", got " + violations);
    }
}
