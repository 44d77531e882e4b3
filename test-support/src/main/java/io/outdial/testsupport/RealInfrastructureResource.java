package io.outdial.testsupport;

import java.util.Map;
import java.util.Optional;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the JVM-wide real Kafka broker and PostgreSQL server.
 * Init arg {@code database}: the service's own database, created on first use; omit it for
 * services that own no data.
 */
public class RealInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private Optional<String> database = Optional.empty();

    @Override
    public void init(Map<String, String> initArgs) {
        database = Optional.ofNullable(initArgs.get("database"));
    }

    @Override
    public Map<String, String> start() {
        return TestInfrastructure.get().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // Shared by every test class of the JVM: stopped by a shutdown hook, not per class.
    }
}
