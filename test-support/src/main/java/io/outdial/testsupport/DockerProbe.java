package io.outdial.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers; any failure of the probe means no. */
final class DockerProbe {

    private DockerProbe() {
    }

    static boolean available() {
        // Without a socket or DOCKER_HOST there is nothing to ask (and Testcontainers would log an error).
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
