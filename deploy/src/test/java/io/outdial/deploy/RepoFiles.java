package io.outdial.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, whether Maven runs from the root or from this module. */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        String configured = System.getProperty("outdial.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("not the repository root (no docker-compose.yml): " + root);
        }
        return root;
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }
}
