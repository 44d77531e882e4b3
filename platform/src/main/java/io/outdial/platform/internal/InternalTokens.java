package io.outdial.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;

/**
 * The shared secret of the {@code /internal/**} endpoints: {@code outdial.internal.tokens}
 * ({@code INTERNAL_TOKENS}), the current token and, while it rotates, the previous one. Servers
 * accept either; clients send the first. Without a token the service does not start, so no
 * deployment runs its internals open.
 */
@Singleton
@Startup
public class InternalTokens {

    /** Shorter secrets are refused: they could be guessed. */
    static final int MIN_LENGTH = 16;
    static final String KEY = "outdial.internal.tokens";

    private final String current;
    private final List<byte[]> digests;

    public InternalTokens(@ConfigProperty(name = KEY) Optional<List<String>> configured) {
        List<String> tokens = configured.orElse(List.of()).stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalStateException(KEY + " (INTERNAL_TOKENS) is not set: the /internal endpoints need a shared token"
                    + " (\"current\" or \"current,previous\" while rotating), the same on every service");
        }
        if (tokens.size() > 2) {
            throw new IllegalStateException(KEY + " (INTERNAL_TOKENS) has " + tokens.size()
                    + " tokens: give the current one, and the previous one while rotating");
        }
        for (String token : tokens) {
            if (token.length() < MIN_LENGTH) {
                throw new IllegalStateException(KEY + " (INTERNAL_TOKENS): a token has " + token.length()
                        + " characters, at least " + MIN_LENGTH + " are needed (openssl rand -hex 32 makes one)");
            }
        }
        this.current = tokens.get(0);
        this.digests = tokens.stream().map(InternalTokens::digest).toList();
    }

    /** The token this service sends to the others. */
    public String current() {
        return current;
    }

    /**
     * True when {@code presented} is one of the configured tokens. Digests of equal length are
     * compared in constant time, against every token, so the timing tells nothing of either.
     */
    public boolean accepts(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean accepted = false;
        for (byte[] token : digests) {
            accepted |= MessageDigest.isEqual(candidate, token);
        }
        return accepted;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
