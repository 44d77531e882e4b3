package io.outdial.campaign.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.outdial.contract.calls.CallRecord;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stands in for call-result-service's internal endpoints the exports read ({@code /internal/calls/export}
 * and {@code /internal/calls/talk-seconds}), serving the call records a test puts in {@link #CALLS}.
 */
public class FakeCallResultService implements QuarkusTestResourceLifecycleManager {

    static final List<CallRecord> CALLS = new CopyOnWriteArrayList<>();
    static final AtomicBoolean DOWN = new AtomicBoolean();
    static final AtomicInteger TALK_REQUESTS = new AtomicInteger();

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/calls/export", exchange -> answer(exchange, () -> {
            Map<String, String> query = query(exchange);
            String after = query.getOrDefault("after", "");
            int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
            return CALLS.stream().filter(c -> c.campaignId().equals(query.get("campaignId")))
                    .filter(c -> c.id().compareTo(after) > 0).sorted(Comparator.comparing(CallRecord::id)).limit(limit)
                    .toList();
        }));
        server.createContext("/internal/calls/talk-seconds", exchange -> answer(exchange, () -> {
            TALK_REQUESTS.incrementAndGet();
            String campaign = query(exchange).get("campaignId");
            List<String> contacts = JSON.readValue(exchange.getRequestBody(), new TypeReference<List<String>>() {
            });
            Map<String, Double> sums = new LinkedHashMap<>();
            for (String contact : contacts) {
                sums.put(contact, CALLS.stream().filter(c -> c.campaignId().equals(campaign) && contact.equals(c.contactId()))
                        .mapToDouble(c -> c.durationSeconds() == null ? 0 : c.durationSeconds()).sum());
            }
            return sums;
        }));
        server.start();
        return Map.of("quarkus.rest-client.call-result-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private interface Body {
        Object get() throws IOException;
    }

    private static void answer(HttpExchange exchange, Body body) throws IOException {
        try (exchange) {
            if (DOWN.get()) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            byte[] json = JSON.writeValueAsBytes(body.get());
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
