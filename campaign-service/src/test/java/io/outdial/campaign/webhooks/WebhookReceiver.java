package io.outdial.campaign.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on this machine that verifies every request as the Standard Webhooks reference
 * algorithm does (its own code, not the service's), refuses everything with 503 for a while, then
 * answers with a fixed status.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received; {@code answered} is the status it got. */
    record Received(String webhookId, String timestamp, String signature, String body, boolean signatureValid, int answered) {
    }

    private final HttpServer server;
    private final long refuseUntilNanos;
    private final int laterStatus;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile String secret;

    WebhookReceiver(Duration refuseFor, int laterStatus) throws IOException {
        this.refuseUntilNanos = System.nanoTime() + refuseFor.toNanos();
        this.laterStatus = laterStatus;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The endpoint's signing secret, known once it is registered. */
    void secret(String secret) {
        this.secret = secret;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            int status = System.nanoTime() < refuseUntilNanos ? 503 : laterStatus;
            received.add(new Received(id, timestamp, signature, body, verify(id, timestamp, signature, body), status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    /** The reference verification: any of the space-separated v1 signatures matches HMAC-SHA256 of "id.timestamp.body". */
    boolean verify(String id, String timestamp, String signatures, String body) {
        if (secret == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String candidate : signatures.split(" ")) {
                if (candidate.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
