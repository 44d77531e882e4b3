package io.outdial.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ComposeFileTest {

    private static final Path COMPOSE = RepoFiles.root().resolve("docker-compose.yml");

    @TempDir
    Path copy;

    @Test
    void composeFileFollowsTheSpecificationAndTheServices() throws IOException {
        assertEquals(List.of(), ComposeFile.violations(COMPOSE, RepoFiles.root()));
    }

    @Test
    void aMisspelledKeyBreaksTheSchema() throws IOException {
        List<String> violations = violationsOfCopyWith("    environment:\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      DB_REACTIVE_URL: postgresql://postgres:5432/campaign",
                "    enviroment:\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092\n      DB_REACTIVE_URL: postgresql://postgres:5432/campaign");
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("schema:") && v.contains("enviroment")), violations::toString);
    }

    @Test
    void aVariableNoServiceReadsIsReported() throws IOException {
        List<String> violations = violationsOfCopyWith("CAMPAIGN_SERVICE_URL:", "CAMPAIGN_SERVICES_URL:");
        assertTrue(violations.contains("dialer-service: environment variable CAMPAIGN_SERVICES_URL is not read by dialer-service"),
                violations::toString);
    }

    @Test
    void aHealthCheckOnThePublicPortIsReported() throws IOException {
        List<String> violations = violationsOfCopyWith("curl -fs http://localhost:9000/q/health/ready", "curl -fs http://localhost:8080/q/health/ready");
        assertTrue(violations.contains("campaign-service: the health check must ask the management port 9000, where /q/health is served"),
                violations::toString);
    }

    @Test
    void anInternalUrlOnThePublicPortIsReported() throws IOException {
        List<String> violations = violationsOfCopyWith("CAMPAIGN_SERVICE_URL: http://campaign-service:9000",
                "CAMPAIGN_SERVICE_URL: http://campaign-service:8080");
        assertTrue(violations.contains("dialer-service: CAMPAIGN_SERVICE_URL is port 8080 of campaign-service, but its /internal"
                + " endpoints are served on its management port 9000 only"), violations::toString);
    }

    @Test
    void aDependencyOnAMissingServiceIsReported() throws IOException {
        List<String> violations = violationsOfCopyWith("      campaign-service:\n        condition: service_healthy",
                "      campaign-svc:\n        condition: service_healthy");
        assertTrue(violations.contains("dialer-service: depends on campaign-svc, which is not a service"), violations::toString);
    }

    private List<String> violationsOfCopyWith(String original, String broken) throws IOException {
        String text = Files.readString(COMPOSE);
        assertTrue(text.contains(original), "the compose file no longer contains: " + original);
        Path file = copy.resolve("docker-compose.yml");
        Files.writeString(file, text.replace(original, broken));
        return ComposeFile.violations(file, RepoFiles.root());
    }
}
