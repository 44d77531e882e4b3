package io.outdial.campaign.api.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import io.outdial.campaign.api.problem.Problem;
import io.outdial.campaign.domain.PageRequest;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Makes the public OpenAPI document fit for generated clients: only {@code /api} paths, the bearer
 * API key, a stable {@code operationId} and every problem answer on each operation. It runs at build
 * time, so the document stored under {@code target/openapi} is the one {@code /q/openapi} serves.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class PublicApiDocument implements OASFilter {

    static final String PUBLIC_PREFIX = "/api/";
    static final String SECURITY_SCHEME = "apiKey";

    private static final String RESPONSES = "#/components/responses/";
    private static final String SCHEMAS = "#/components/schemas/";

    /** Problem answers every operation may get, by status, with their component names. */
    private static final Map<Integer, String> PROBLEMS = Map.of(400, "BadRequest", 401, "Unauthorized", 403, "Forbidden",
            404, "NotFound", 409, "Conflict", 413, "PayloadTooLarge", 415, "UnsupportedMediaType", 429, "TooManyRequests",
            503, "ServiceUnavailable");

    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("Campaigns", "Campaigns: their configuration, status, contacts and runs.");
        TAGS.put("Contacts", "The team's CRM contacts, which campaigns draw from; single or imported in bulk.");
        TAGS.put("Phone numbers", "Caller IDs the team owns; a campaign rotates across its own.");
        TAGS.put("Calls", "Call records of the team's campaigns, one per attempt.");
        TAGS.put("Do-not-call list", "Numbers none of the team's campaigns dial.");
        TAGS.put("Team settings", "The team's own calling rules, such as its cap on attempts per number.");
        TAGS.put("Webhooks", "Endpoints the team's events are posted to, signed per the Standard Webhooks specification.");
    }

    /**
     * What the scanner cannot know about an operation: its id, the status of a success that
     * returns a JAX-RS Response, and the refusals its rules add beyond the generic ones.
     */
    record Spec(String operationId, int success, String successSchema, boolean alsoOk, Set<Integer> refusals) {
    }

    static final Map<String, Spec> OPERATIONS = new LinkedHashMap<>();

    static {
        op("GET /api/crm/campaigns", "listCampaigns", 403);
        created("POST /api/crm/campaigns", "createCampaign", "Campaign", 403);
        op("GET /api/crm/campaigns/{id}", "getCampaign");
        op("PATCH /api/crm/campaigns/{id}", "updateCampaign", 409);
        deleted("/api/crm/campaigns/{id}", "deleteCampaign", 409);
        op("POST /api/crm/campaigns/{id}/pause", "pauseCampaign", 409);
        op("POST /api/crm/campaigns/{id}/resume", "resumeCampaign", 409);
        op("POST /api/crm/campaigns/{id}/cancel", "cancelCampaign", 409);
        op("POST /api/crm/campaigns/{id}/run", "runCampaign", 403, 409);
        op("GET /api/crm/campaigns/{id}/contacts", "listCampaignContacts");
        op("POST /api/crm/campaigns/{id}/contacts", "addCampaignContacts", 409);
        op("POST /api/crm/campaigns/{id}/contacts/import", "importCampaignContacts", 409);
        deleted("/api/crm/campaigns/{id}/contacts/{contactId}", "removeCampaignContact", 409);
        op("GET /api/crm/campaigns/{id}/audit", "listCampaignAudit");
        op("GET /api/crm/campaigns/{id}/audit.csv", "exportCampaignAudit");
        // Results and calls carry call-result-service's talk time and call records.
        op("GET /api/crm/campaigns/{id}/results.csv", "exportCampaignResults", 503);
        op("GET /api/crm/campaigns/{id}/calls.csv", "exportCampaignCalls", 503);
        op("GET /api/crm/campaigns/{id}/events", "streamCampaignEvents");

        op("GET /api/crm/contacts", "listContacts");
        created("POST /api/crm/contacts", "createContact", "ContactView");
        op("GET /api/crm/contacts/{id}", "getContact");
        op("PATCH /api/crm/contacts/{id}", "updateContact");
        deleted("/api/crm/contacts/{id}", "deleteContact", 409);
        op("POST /api/crm/contacts/import", "importContacts");

        op("GET /api/crm/phone-numbers", "listPhoneNumbers");
        created("POST /api/crm/phone-numbers", "createPhoneNumber", "PhoneNumberView", 409);
        deleted("/api/crm/phone-numbers/{id}", "deletePhoneNumber", 409);

        op("GET /api/crm/dnc", "listDncNumbers");
        // Adding a listed number again answers 200 with the entry as it was.
        OPERATIONS.put("POST /api/crm/dnc", new Spec("addDncNumber", 201, "DncEntry", true, Set.of()));
        deleted("/api/crm/dnc/{number}", "deleteDncNumber");
        op("GET /api/crm/settings", "getTeamSettings");
        op("PUT /api/crm/settings", "updateTeamSettings");
        op("POST /api/crm/dnc/import", "importDncNumbers");

        op("GET /api/crm/webhooks", "listWebhooks");
        created("POST /api/crm/webhooks", "createWebhook", "CreatedWebhook");
        op("GET /api/crm/webhooks/{id}", "getWebhook");
        op("PATCH /api/crm/webhooks/{id}", "updateWebhook");
        deleted("/api/crm/webhooks/{id}", "deleteWebhook");
        op("GET /api/crm/webhooks/{id}/deliveries", "listWebhookDeliveries");
        // Queued, not yet sent: 202; a disabled endpoint's deliveries are not replayed.
        OPERATIONS.put("POST /api/crm/webhooks/{id}/deliveries/{deliveryId}/replay",
                new Spec("replayWebhookDelivery", 202, null, false, Set.of(409)));

        // A campaignId of another team answers 404; call records live in call-result-service.
        op("GET /api/crm/calls", "listCalls", 404, 503);
        op("GET /api/crm/calls/{id}", "getCall", 503);
    }

    private static void op(String key, String id, Integer... refusals) {
        OPERATIONS.put(key, new Spec(id, 0, null, false, Set.of(refusals)));
    }

    private static void created(String key, String id, String schema, Integer... refusals) {
        OPERATIONS.put(key, new Spec(id, 201, schema, false, Set.of(refusals)));
    }

    /** A DELETE of {@code path}, answering 204. */
    private static void deleted(String path, String id, Integer... refusals) {
        OPERATIONS.put(PathItem.HttpMethod.DELETE + " " + path, new Spec(id, 204, null, false, Set.of(refusals)));
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        // The public document lists /api/** only: /internal/** and /admin/** are for the cluster and operators.
        for (String path : List.copyOf(api.getPaths().getPathItems().keySet())) {
            if (!path.startsWith(PUBLIC_PREFIX)) {
                api.getPaths().removePathItem(path);
            }
        }
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> shape(method + " " + path, path, operation, components)));
        addProblemComponents(components);
        components.addSecurityScheme(SECURITY_SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("API key")
                .description("An API key (odk_...), sent as 'Authorization: Bearer <key>'. It belongs to one team and one"
                        + " account; another team's resources answer 404."));
        api.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME))));
        api.setServers(new ArrayList<>(List.of(OASFactory.createServer().url("/")
                .description("The host serving this document"))));
        api.setTags(new ArrayList<>(usedTags(api).stream().map(name -> OASFactory.createTag().name(name)
                .description(TAGS.get(name))).toList()));
        removeUnusedSchemas(api);
    }

    private static void shape(String key, String path, Operation operation, Components components) {
        Spec spec = OPERATIONS.get(key);
        if (operation.getOperationId() == null) {
            operation.setOperationId(spec != null ? spec.operationId() : derivedId(key));
        }
        APIResponses responses = operation.getResponses();
        if (spec != null && spec.success() != 0) {
            responses.removeAPIResponse("200");
            APIResponse success = OASFactory.createAPIResponse();
            if (spec.successSchema() != null) {
                success.description("Created").content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMAS + spec.successSchema()))));
            } else {
                success.description(spec.success() == 202 ? "Accepted; done shortly" : "Done; no content");
            }
            responses.addAPIResponse(Integer.toString(spec.success()), success);
            if (spec.alsoOk()) {
                responses.addAPIResponse("200", OASFactory.createAPIResponse().description("Already present; unchanged")
                        .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(SCHEMAS + spec.successSchema())))));
            }
        }
        if (key.equals("POST /api/crm/contacts/import")) {
            describeImport(operation, components, "Import contacts from CSV or JSON");
        }
        if (key.equals("POST /api/crm/campaigns/{id}/contacts/import")) {
            describeImport(operation, components, "Import contacts from CSV or JSON into the campaign");
        }
        if (key.equals("POST /api/crm/dnc/import")) {
            csvBody(operation);
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        parameters.forEach(PublicApiDocument::typePaging);
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasQuery = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        Set<Integer> refusals = new TreeSet<>(spec == null ? Set.of() : spec.refusals());
        refusals.add(401);
        refusals.add(429);
        if (hasBody || hasQuery) {
            refusals.add(400);
        }
        if (path.contains("{")) {
            refusals.add(404);
        }
        if (hasBody) {
            refusals.add(413);
            refusals.add(415);
        }
        for (int status : refusals) {
            String code = Integer.toString(status);
            responses.removeAPIResponse(code);
            responses.addAPIResponse(code, OASFactory.createAPIResponse().ref(RESPONSES + PROBLEMS.get(status)));
        }
    }

    /** For an operation nobody named: {@code GET /api/crm/webhooks/{id}/deliveries} gives getWebhooksByIdDeliveries. */
    static String derivedId(String key) {
        String[] methodAndPath = key.split(" ", 2);
        StringBuilder id = new StringBuilder(methodAndPath[0].toLowerCase());
        for (String segment : methodAndPath[1].substring(PUBLIC_PREFIX.length()).split("/")) {
            if (segment.isEmpty() || segment.equals("crm")) {
                continue;
            }
            boolean param = segment.startsWith("{");
            String word = param ? segment.substring(1, segment.length() - 1) : segment;
            if (param) {
                id.append("By");
            }
            for (String part : word.split("[-_.]")) {
                if (!part.isEmpty()) {
                    id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
        }
        return id.toString();
    }

    /**
     * limit and offset are read as strings (so a bad value answers 400 naming it), yet they are
     * integers; cursor gets its description.
     */
    private static void typePaging(Parameter p) {
        if (p.getIn() != Parameter.In.QUERY) {
            return;
        }
        if ("limit".equals(p.getName())) {
            p.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32").minimum(java.math.BigDecimal.ONE)
                    .maximum(java.math.BigDecimal.valueOf(PageRequest.MAX_LIMIT)).defaultValue(PageRequest.DEFAULT_LIMIT));
            p.setDescription("Items per page");
        } else if ("offset".equals(p.getName())) {
            p.setSchema(OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                    .minimum(java.math.BigDecimal.ZERO).defaultValue(0));
            p.setDescription("Items to skip");
        } else if ("cursor".equals(p.getName())) {
            p.setDescription("The nextCursor of the previous page (opaque); not with offset");
        }
    }

    /** Two Java methods (CSV and JSON) share this operation; the scanner keeps only the CSV one's text. */
    private static void describeImport(Operation operation, Components components, String summary) {
        operation.setSummary(summary);
        operation.setDescription(operation.getDescription() + " With application/json the body is {\"defaultCountry\"?:"
                + " \"US\", \"contacts\": [contact, ...]}, each contact as for creation; defaultCountry must come before"
                + " contacts.");
        csvBody(operation);
        Content content = operation.getRequestBody().getContent();
        MediaType json = content.getMediaType("application/json");
        if (json != null) {
            components.addSchema("ContactImport", OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .addProperty("defaultCountry", OASFactory.createSchema().addType(SchemaType.STRING)
                            .description("ISO 3166 alpha-2 country of national phone formats"))
                    .addProperty("contacts", OASFactory.createSchema().addType(SchemaType.ARRAY)
                            .items(OASFactory.createSchema().ref(SCHEMAS + "ContactBody"))));
            json.setSchema(OASFactory.createSchema().ref(SCHEMAS + "ContactImport"));
        }
    }

    /** A CSV body is text, not the binary stream the resource method reads it from. */
    private static void csvBody(Operation operation) {
        Content content = operation.getRequestBody().getContent();
        for (String csvType : List.of("text/csv", "application/csv")) {
            MediaType media = content.getMediaType(csvType);
            if (media != null) {
                media.setSchema(OASFactory.createSchema().addType(SchemaType.STRING));
            }
        }
    }

    private static void addProblemComponents(Components components) {
        Schema string = OASFactory.createSchema().addType(SchemaType.STRING);
        components.addSchema("FieldError", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("One reason a request was refused, naming the field (e.g. contacts[3].phone)")
                .addProperty("field", string).addProperty("message", string));
        components.addSchema("Problem", OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("RFC 9457 problem details. Conflicts of status may add currentStatus and requestedStatus.")
                .addProperty("type", string).addProperty("title", string)
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string).addProperty("instance", string)
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref(SCHEMAS + "FieldError")))
                .addRequired("title").addRequired("status")
                .additionalPropertiesBoolean(Boolean.TRUE));
        problem(components, 400, "The request is invalid; errors names each field");
        problem(components, 401, "No API key, or an unknown, revoked or expired one").addHeader("WWW-Authenticate",
                OASFactory.createHeader().description("The scheme to use: Bearer").schema(string));
        problem(components, 403, "The request names a team or account that is not the API key's");
        problem(components, 404, "No such resource for the API key's team");
        problem(components, 409, "The resource's current state does not allow this");
        problem(components, 413, "The body is larger than the limit");
        problem(components, 415, "The body's Content-Type is not one this operation reads");
        problem(components, 429, "The API key has sent more requests than its rate limit allows").addHeader("Retry-After",
                OASFactory.createHeader().description("Seconds to wait before retrying").schema(OASFactory.createSchema()
                        .addType(SchemaType.INTEGER).format("int32").minimum(java.math.BigDecimal.ONE)));
        problem(components, 503, "A service behind this one is unavailable; retry shortly");
    }

    private static APIResponse problem(Components components, int status, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMAS + "Problem"))));
        components.addResponse(PROBLEMS.get(status), response);
        return response;
    }

    private static Set<String> usedTags(OpenAPI api) {
        Set<String> used = new LinkedHashSet<>();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(op -> used.addAll(op.getTags() == null ? List.of() : op.getTags())));
        Set<String> ordered = new LinkedHashSet<>(TAGS.keySet());
        ordered.retainAll(used);
        ordered.addAll(used);
        return ordered;
    }

    /** Schemas only the removed paths used (claims, API keys) would otherwise stay in the document. */
    private static void removeUnusedSchemas(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        List<Schema> roots = new ArrayList<>();
        for (PathItem item : api.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> roots.add(p.getSchema()));
                }
                if (op.getRequestBody() != null) {
                    roots.addAll(schemasOf(op.getRequestBody().getContent()));
                }
                op.getResponses().getAPIResponses().values().forEach(r -> roots.addAll(schemasOf(r.getContent())));
            }
        }
        api.getComponents().getResponses().values().forEach(r -> roots.addAll(schemasOf(r.getContent())));
        Set<String> reached = new HashSet<>();
        List<Schema> todo = new ArrayList<>(roots);
        while (!todo.isEmpty()) {
            Schema s = todo.remove(todo.size() - 1);
            if (s == null) {
                continue;
            }
            if (s.getRef() != null && s.getRef().startsWith(SCHEMAS)) {
                String name = s.getRef().substring(SCHEMAS.length());
                if (reached.add(name) && schemas.containsKey(name)) {
                    todo.add(schemas.get(name));
                }
            }
            if (s.getProperties() != null) {
                todo.addAll(s.getProperties().values());
            }
            todo.add(s.getItems());
            todo.add(s.getAdditionalPropertiesSchema());
            todo.add(s.getNot());
            for (List<Schema> group : java.util.Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf())) {
                if (group != null) {
                    todo.addAll(group);
                }
            }
        }
        for (String name : List.copyOf(schemas.keySet())) {
            if (!reached.contains(name)) {
                api.getComponents().removeSchema(name);
            }
        }
    }

    private static List<Schema> schemasOf(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return List.of();
        }
        return content.getMediaTypes().values().stream().map(MediaType::getSchema).toList();
    }
}
