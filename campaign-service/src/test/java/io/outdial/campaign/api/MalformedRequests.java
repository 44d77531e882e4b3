package io.outdial.campaign.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.outdial.campaign.api.PublicEndpoints.Endpoint;

/**
 * Malformed requests for the public endpoints, from a seed: wrong types, unknown fields, NUL and
 * unpaired surrogates, huge and negative numbers, oversized strings, broken or nested-too-deep JSON,
 * duplicate keys, invalid ids in paths, bad query values, wrong content types, missing credentials,
 * methods a path does not have, and URIs, headers and bodies past their limits. Each request is
 * wrong in one way on top of an otherwise well-formed one, so that it reaches that check.
 */
final class MalformedRequests {

    /** What an answer may be: a refusal, or (bad rows or ids are reported, not refused) a 200 that wrote nothing. */
    enum Acceptable {
        REFUSAL, REFUSAL_OR_NOTHING_WRITTEN, ANYTHING_BUT_A_SERVER_ERROR
    }

    record Request(Endpoint endpoint, String kind, String method, String uri, Map<String, String> headers, byte[] body,
            Acceptable acceptable) {
        String label() {
            String shown = uri.length() > 120 ? uri.substring(0, 120) + "..." : uri;
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return kind + ": " + method + " " + shown + " " + text.replaceAll("[\\p{Cntrl}]", "?");
        }
    }

    /** The ids and credentials requests are built around. */
    record Target(String teamId, String accountSlug, String apiKey, String adminToken, String campaignId, String contactId) {
    }

    /** A JSON text written as it is (the writer below would escape what these must keep). */
    private record Raw(String json) {
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String NUL = "\\u0000";
    private static final String LONE_SURROGATE = "\\ud800";
    private static final int OVERSIZED_STRING = 20_000;
    /** Filters of a campaign addition with no key, two keys, or a bad value. */
    private static final List<String> BAD_FILTERS = List.of("{}", "[]", "{\"all\": false}", "{\"all\": null}",
            "{\"all\": true, \"tag\": \"x\"}", "{\"tag\": \"\"}", "{\"tag\": \"a" + NUL + "\"}", "{\"tag\": [\"x\"]}",
            "{\"importId\": \"x\"}", "{\"companyId\": \"" + "c".repeat(300) + "\"}");

    private final Random random;
    private final Target target;
    private final int maxBodyBytes;
    private final int importMaxBodyBytes;
    private final Map<String, Set<String>> methodsByTemplate;

    MalformedRequests(long seed, Target target, List<Endpoint> endpoints, int maxBodyBytes, int importMaxBodyBytes) {
        this.random = new Random(seed);
        this.target = target;
        this.maxBodyBytes = maxBodyBytes;
        this.importMaxBodyBytes = importMaxBodyBytes;
        this.methodsByTemplate = endpoints.stream().collect(Collectors.groupingBy(Endpoint::template,
                Collectors.mapping(Endpoint::method, Collectors.toCollection(TreeSet::new))));
    }

    /** A malformed request for the endpoint, of a kind that applies to it (kinds about the body twice as often). */
    Request next(Endpoint e) {
        List<String> kinds = new ArrayList<>(List.of("auth", "limits"));
        if (!e.pathParams().isEmpty()) {
            kinds.add("path");
        }
        if (e.queryParams().stream().anyMatch(p -> !badValues(p).isEmpty())) {
            kinds.add("query");
        }
        if (methodsByTemplate.get(e.template()).size() < METHODS.size()) {
            kinds.add("method");
        }
        if (e.body() != null) {
            kinds.addAll(List.of("body-syntax", "body-field", "content-type", "body-syntax", "body-field", "content-type"));
        }
        while (true) {
            Request r = switch (pick(kinds)) {
                case "path" -> badPath(e);
                case "query" -> badQuery(e);
                case "body-syntax" -> badSyntax(e);
                case "body-field" -> badField(e);
                case "content-type" -> badContentType(e);
                case "auth" -> badAuth(e);
                case "method" -> badMethod(e);
                default -> pastLimits(e);
            };
            if (r != null) {
                return r;
            }
        }
    }

    // ---- kinds -------------------------------------------------------------------------------

    private Request badPath(Endpoint e) {
        if (e.pathParams().isEmpty()) {
            return null;
        }
        String param = pick(e.pathParams());
        List<String> bad = new ArrayList<>(List.of("not-a-uuid", "%00", "%ED%A0%80", "x".repeat(3_000),
                "00000000-0000-0000-0000-00000000000g", "..%2F..%2Fq%2Fhealth", "%27%20OR%201%3D1--", "-1",
                "9".repeat(40), "%F0%9F%92%A9", "null", "%20", "%7Bid%7D", "0x1F"));
        if (e.mutates()) {
            // Well-formed but nobody's: refused as unknown. (A GET of one may be served, e.g. by call-result-service.)
            bad.add(UUID.randomUUID().toString());
            bad.add("+19995550123");
        }
        Map<String, String> values = realPathValues(e);
        values.put(param, pick(bad));
        return request(e, "path", e.method(), uri(e, values, ""), jsonHeaders(e), baseBody(e), Acceptable.REFUSAL);
    }

    private Request badQuery(Endpoint e) {
        List<String> params = e.queryParams().stream().filter(p -> !badValues(p).isEmpty()).toList();
        if (params.isEmpty()) {
            return null;
        }
        String param = pick(params);
        String query = "?" + param + "=" + pick(badValues(param));
        Acceptable acceptable = e.mutates() ? Acceptable.REFUSAL : Acceptable.ANYTHING_BUT_A_SERVER_ERROR;
        return request(e, "query", e.method(), uri(e, realPathValues(e), query), jsonHeaders(e), baseBody(e), acceptable);
    }

    private static List<String> badValues(String param) {
        return switch (param) {
            case "limit" -> List.of("0", "-1", "501", "abc", "1.5", "99999999999999999999", "1e3", "%20", "%00", "0x10");
            case "offset" -> List.of("-1", "x", "99999999999999999999", "1.0", "%00", "-2147483649");
            case "status", "kind", "deleted" -> List.of("bogus", "%00", "DRAFT", "x".repeat(500), "%ED%A0%80pending");
            case "defaultCountry" -> List.of("ZZ", "usa", "%00", "x".repeat(100), "1", "u%00");
            case "search", "companyId" -> List.of("%00", "x".repeat(300), "a%00b");
            case "teamId" -> List.of("someone-else", "%00");
            case "doNotCall" -> List.of("maybe", "1", "TRUE%20");
            case "campaignId", "contactId" -> List.of("not-a-uuid", "%00", "1");
            case "assistantId" -> List.of("%00");
            // Never the form of a cursor (call-result-service, absent here, reads well-formed ones of the call list).
            case "cursor" -> List.of("%00", "x".repeat(300), "a%20b", "%ED%A0%80", "a.b", "a%2Bb%2F", "%3D%3D");
            default -> List.of();
        };
    }

    private Request badSyntax(Endpoint e) {
        if (e.body() == null) {
            return null;
        }
        String base = new String(baseBody(e), StandardCharsets.UTF_8);
        if (isCsv(e)) {
            String csv = pick(List.of("", "\n\n", "\"never closed,x\n+12025550123\n", "nickname\nx\n", "phone,phone\n1,2\n",
                    csvColumn(e) + "\n\"+1202\"555,\"x\n", ",,,\n", "\u0000\u0001\u0002",
                    csvColumn(e) + "," + csvColumn(e) + "\n+12025550123,+12025550124\n"));
            return request(e, "body-syntax", e.method(), uri(e, realPathValues(e), ""), jsonHeaders(e),
                    csv.getBytes(StandardCharsets.UTF_8), Acceptable.REFUSAL);
        }
        byte[] body = switch (random.nextInt(14)) {
            case 0 -> base.substring(0, Math.max(1, base.length() / 2)).getBytes(StandardCharsets.UTF_8);
            case 1 -> (base + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> base.replaceFirst("\\{", "{,").getBytes(StandardCharsets.UTF_8);
            case 3 -> base.replace('"', '\'').getBytes(StandardCharsets.UTF_8);
            case 4 -> duplicateKey(base).getBytes(StandardCharsets.UTF_8);
            case 5 -> nested(e, 3_000).getBytes(StandardCharsets.UTF_8);
            case 6 -> pick(List.of("[]", "\"x\"", "42", "true", "[{}]", "{}{}")).getBytes(StandardCharsets.UTF_8);
            case 7 -> new byte[0];
            case 8 -> withRawByte(base, (byte) 0);
            case 9 -> withRawByte(base, (byte) 0xFF);
            case 10 -> (base + base).getBytes(StandardCharsets.UTF_8);
            case 11 -> base.replaceFirst(":", ":: ").getBytes(StandardCharsets.UTF_8);
            case 12 -> "null".getBytes(StandardCharsets.UTF_8);
            default -> (base + ",{}").getBytes(StandardCharsets.UTF_8);
        };
        return request(e, "body-syntax", e.method(), uri(e, realPathValues(e), ""), jsonHeaders(e), body, Acceptable.REFUSAL);
    }

    private Request badField(Endpoint e) {
        if (e.body() == null) {
            return null;
        }
        if (isCsv(e)) {
            String cell = pick(List.of("\"a\u0000b\"", "x".repeat(70_000), "\"=cmd|' /C calc'!A0\"", "12345", "\"\uD800\""));
            String csv = csvColumn(e) + "\n" + cell + "\n";
            return request(e, "body-field", e.method(), uri(e, realPathValues(e), ""), jsonHeaders(e),
                    csv.getBytes(StandardCharsets.UTF_8), Acceptable.REFUSAL_OR_NOTHING_WRITTEN);
        }
        Map<String, Object> body;
        Map<String, Object> where;
        Map<String, Type> types;
        Acceptable acceptable = Acceptable.REFUSAL;
        if (e.takesStream()) {
            // A JSON import: a bad member of a contact is a bad row (reported); one of the body breaks it.
            Map<String, Object> contact = new LinkedHashMap<>(Map.of("phone", "+12025550123"));
            body = new LinkedHashMap<>(Map.of("contacts", List.of(contact)));
            boolean inRow = random.nextBoolean();
            where = inRow ? contact : body;
            types = inRow ? Map.of("phone", String.class, "firstName", String.class, "doNotCall", Boolean.class)
                    : Map.of("contacts", List.class, "defaultCountry", String.class);
            acceptable = Acceptable.REFUSAL_OR_NOTHING_WRITTEN;
        } else {
            body = baseObject(e.body(), 0);
            where = body;
            types = componentTypes(e.body());
        }
        String field = pick(new ArrayList<>(types.keySet()));
        Type type = types.get(field);
        switch (random.nextInt(8)) {
            case 0 -> where.put("fuzzUnknownField" + random.nextInt(100), 1);
            case 1 -> where.put(field, wrongTypeFor(type));
            case 2 -> where.put(field, new Raw(isText(type) ? "\"a" + NUL + "b\"" : "[\"" + NUL + "\"]"));
            case 3 -> where.put(field, new Raw(isText(type) ? "\"" + LONE_SURROGATE + "x\"" : "{\"k\":\"\\udc00\"}"));
            case 4 -> where.put(field, isText(type) ? "y".repeat(OVERSIZED_STRING) : wrongTypeFor(type));
            case 5 -> where.put(field, isNumber(type) ? new Raw(pick(List.of("99999999999999999999", "1e400", "2147483648",
                    "-9223372036854775809"))) : wrongTypeFor(type));
            case 6 -> where.put(field, isNumber(type) ? new Raw(pick(List.of("-1", "-2147483648", "-0.5"))) : wrongTypeFor(type));
            default -> where.put(field, new Raw(isList(type) ? "[1, {}, null]" : "{\"nested\": {\"deeper\": [" + NUL + "]}}"));
        }
        int variant = e.template().endsWith("/{id}/contacts") && e.method().equals("POST") ? random.nextInt(4) : -1;
        if (variant == 0) {
            // Ids that are no contact's: reported as invalid, nothing added.
            body.put("contactIds", List.of("not-a-uuid", UUID.randomUUID().toString(), "x".repeat(500)));
            acceptable = Acceptable.REFUSAL_OR_NOTHING_WRITTEN;
        } else if (variant == 1) {
            // A filter alone, of a wrong shape: refused naming it, nothing added.
            body.remove("contactIds");
            body.put("filter", new Raw(pick(BAD_FILTERS)));
            acceptable = Acceptable.REFUSAL;
        }
        return request(e, "body-field", e.method(), uri(e, realPathValues(e), ""), jsonHeaders(e),
                json(body).getBytes(StandardCharsets.UTF_8), acceptable);
    }

    private Request badContentType(Endpoint e) {
        if (e.body() == null) {
            return null;
        }
        Map<String, String> headers = authHeaders(e);
        String type = pick(isCsv(e) ? List.of("text/plain", "application/xml", "text/csv; charset=klingon", "image/png",
                "multipart/form-data; boundary=x") : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                        "image/png", "multipart/form-data; boundary=x", ""));
        if (!type.isEmpty()) {
            headers.put("Content-Type", type);
        }
        return request(e, "content-type", e.method(), uri(e, realPathValues(e), ""), headers, baseBody(e), Acceptable.REFUSAL);
    }

    private Request badAuth(Endpoint e) {
        Map<String, String> headers = jsonHeaders(e);
        if (e.template().startsWith("/admin/")) {
            String token = pick(List.of("", "wrong", target.adminToken() + "x", "%00"));
            if (token.isEmpty()) {
                headers.remove("X-Admin-Token");
            } else {
                headers.put("X-Admin-Token", token);
            }
        } else if (e.queryParams().contains("access_token") && random.nextBoolean()) {
            // The event stream also takes the key in the URL, for browsers' EventSource.
            headers.remove("Authorization");
            String token = pick(List.of("", "not-a-key", target.apiKey() + "x", "%00", "k".repeat(2_000)));
            return request(e, "auth", e.method(), uri(e, realPathValues(e), "?access_token=" + token), headers,
                    baseBody(e), Acceptable.REFUSAL);
        } else {
            String value = pick(List.of("", "Bearer ", "Bearer not-a-key", "Basic dXNlcjpwYXNz", "bearer", "Bearer "
                    + target.apiKey() + "x", "Bearer " + "k".repeat(2_000)));
            if (value.isEmpty()) {
                headers.remove("Authorization");
            } else {
                headers.put("Authorization", value);
            }
        }
        return request(e, "auth", e.method(), uri(e, realPathValues(e), ""), headers, baseBody(e), Acceptable.REFUSAL);
    }

    private Request badMethod(Endpoint e) {
        Set<String> defined = methodsByTemplate.get(e.template());
        List<String> others = METHODS.stream().filter(m -> !defined.contains(m)).toList();
        if (others.isEmpty()) {
            return null;
        }
        return request(e, "method", pick(others), uri(e, realPathValues(e), ""), jsonHeaders(e), baseBody(e),
                Acceptable.REFUSAL);
    }

    private Request pastLimits(Endpoint e) {
        Map<String, String> headers = jsonHeaders(e);
        switch (random.nextInt(3)) {
            case 0 -> {
                headers.put("X-Fuzz-Filler", "f".repeat(25_000));
                return request(e, "limits", e.method(), uri(e, realPathValues(e), ""), headers, baseBody(e), Acceptable.REFUSAL);
            }
            case 1 -> {
                return request(e, "limits", e.method(), uri(e, realPathValues(e), "?filler=" + "u".repeat(5_000)), headers,
                        baseBody(e), Acceptable.REFUSAL);
            }
            default -> {
                if (e.body() == null) {
                    return null;
                }
                int limit = e.takesStream() ? importMaxBodyBytes : maxBodyBytes;
                byte[] body = isCsv(e)
                        ? (csvColumn(e) + "\n" + "+12025550123\n".repeat(limit / 13 + 10)).getBytes(StandardCharsets.UTF_8)
                        : ("{\"filler\":\"" + "z".repeat(limit + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
                return request(e, "limits", e.method(), uri(e, realPathValues(e), ""), headers, body, Acceptable.REFUSAL);
            }
        }
    }

    // ---- building blocks ---------------------------------------------------------------------

    private Request request(Endpoint e, String kind, String method, String uri, Map<String, String> headers, byte[] body,
            Acceptable acceptable) {
        return new Request(e, kind, method, uri, headers, body, acceptable);
    }

    private Map<String, String> authHeaders(Endpoint e) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.template().startsWith("/admin/")) {
            headers.put("X-Admin-Token", target.adminToken());
        } else {
            headers.put("Authorization", "Bearer " + target.apiKey());
        }
        return headers;
    }

    private Map<String, String> jsonHeaders(Endpoint e) {
        Map<String, String> headers = authHeaders(e);
        if (e.body() != null) {
            headers.put("Content-Type", e.consumes().get(0));
        }
        return headers;
    }

    private Map<String, String> realPathValues(Endpoint e) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : e.pathParams()) {
            values.put(p, switch (p) {
                case "contactId" -> target.contactId();
                case "number" -> "%2B12025550123";
                default -> e.template().startsWith("/api/crm/contacts") ? target.contactId() : target.campaignId();
            });
        }
        return values;
    }

    private static String uri(Endpoint e, Map<String, String> values, String query) {
        String path = e.template();
        for (Map.Entry<String, String> v : values.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        return path + query;
    }

    private static boolean isCsv(Endpoint e) {
        return e.takesStream() && e.consumes().stream().anyMatch(c -> c.contains("csv"));
    }

    private static String csvColumn(Endpoint e) {
        return e.template().contains("/dnc") ? "number" : "phone";
    }

    private byte[] baseBody(Endpoint e) {
        if (e.body() == null) {
            return null;
        }
        if (isCsv(e)) {
            return (csvColumn(e) + "\n+12025550123\n").getBytes(StandardCharsets.UTF_8);
        }
        if (e.takesStream()) {
            return "{\"contacts\":[{\"phone\":\"+12025550123\"}]}".getBytes(StandardCharsets.UTF_8);
        }
        return json(baseObject(e.body(), 0)).getBytes(StandardCharsets.UTF_8);
    }

    /** A well-formed body of the type: plausible values by field name, else by type. */
    private Map<String, Object> baseObject(Type type, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        Class<?> raw = rawClass(type);
        if (!raw.isRecord() || depth > 3) {
            return out;
        }
        for (RecordComponent c : raw.getRecordComponents()) {
            Object value = valueFor(c.getName(), c.getGenericType(), depth);
            if (value != null) {
                out.put(c.getName(), value);
            }
        }
        return out;
    }

    private Object valueFor(String name, Type type, int depth) {
        return switch (name) {
            case "name" -> "fuzz";
            case "phone", "number" -> "+12025550123";
            case "email" -> "fuzz@example.com";
            case "timezone", "callWindowTimezone" -> "America/New_York";
            case "callWindowStart" -> "09:00";
            case "callWindowEnd" -> "17:00";
            case "accountSlug" -> target.accountSlug();
            // Exactly one of contactIds and filter: the well-formed body names ids.
            case "filter" -> null;
            case "teamId" -> target.teamId();
            case "contactIds" -> List.of(target.contactId());
            case "defaultCountry" -> "US";
            case "state" -> "FL";
            case "variables" -> Map.of("plan", "gold");
            case "status", "complianceProfile", "complianceOptOut", "scheduledStartAt", "fromNumberIds", "retryRules",
                    "consent", "dryRun", "maxCalls" -> null;
            default -> {
                Class<?> raw = rawClass(type);
                if (raw == String.class) {
                    yield "fuzz";
                }
                if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
                    yield 1;
                }
                if (raw == Boolean.class || raw == boolean.class) {
                    yield false;
                }
                if (List.class.isAssignableFrom(raw)) {
                    yield List.of();
                }
                if (Map.class.isAssignableFrom(raw)) {
                    yield Map.of();
                }
                yield raw.isRecord() ? baseObject(type, depth + 1) : null;
            }
        };
    }

    private static Map<String, Type> componentTypes(Type type) {
        Map<String, Type> out = new LinkedHashMap<>();
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            for (RecordComponent c : raw.getRecordComponents()) {
                out.put(c.getName(), c.getGenericType());
            }
        }
        if (out.isEmpty()) {
            out.put("body", Object.class);
        }
        return out;
    }

    private Object wrongTypeFor(Type type) {
        if (isText(type)) {
            return pick(List.of(new Raw("12"), new Raw("true"), new Raw("{}"), new Raw("[\"x\"]"), new Raw("1.5")));
        }
        if (isNumber(type)) {
            return pick(List.of(new Raw("\"12\""), new Raw("1.5"), new Raw("true"), new Raw("[]"), new Raw("{}")));
        }
        if (rawClass(type) == Boolean.class) {
            return pick(List.of(new Raw("\"true\""), new Raw("1"), new Raw("[]"), new Raw("\"yes\"")));
        }
        return pick(List.of(new Raw("\"x\""), new Raw("12"), new Raw("true"), isList(type) ? new Raw("{}") : new Raw("[]")));
    }

    private static boolean isText(Type type) {
        return rawClass(type) == String.class;
    }

    private static boolean isNumber(Type type) {
        Class<?> raw = rawClass(type);
        return raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class;
    }

    private static boolean isList(Type type) {
        return List.class.isAssignableFrom(rawClass(type));
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private String nested(Endpoint e, int depth) {
        String field = e.takesStream() ? "contacts" : pick(new ArrayList<>(componentTypes(e.body()).keySet()));
        return "{\"" + field + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private static String duplicateKey(String base) {
        int colon = base.indexOf("\":");
        if (!base.startsWith("{\"") || colon < 0) {
            return "{\"a\":1,\"a\":2}";
        }
        String key = base.substring(1, colon + 1);
        return "{" + key + ":null," + base.substring(1);
    }

    private static byte[] withRawByte(String base, byte b) {
        byte[] text = base.getBytes(StandardCharsets.UTF_8);
        int quote = base.indexOf('"', base.indexOf(':') + 1);
        int at = quote < 0 ? text.length / 2 : quote + 1;
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(text, at, out, at + 1, text.length - at);
        return out;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** JSON text of maps, lists, strings, numbers, booleans, null and {@link Raw}. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof String s) {
            out.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, String.valueOf(entry.getKey()));
                out.append(':');
                write(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            out.append(value);
        }
    }
}
