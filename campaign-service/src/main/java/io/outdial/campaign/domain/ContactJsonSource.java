package io.outdial.campaign.domain;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Contacts from a JSON body {@code {"defaultCountry": "US", "contacts": [{...}, ...]}}, read with a
 * streaming parser: only one element of {@code contacts} is in memory at a time. Because the body
 * is read once, {@code defaultCountry} must come before {@code contacts}. A contact element with an
 * unknown member or a value of the wrong type is a bad row (reported), not a broken body.
 */
public final class ContactJsonSource implements ContactImportSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonParser parser;
    private String defaultCountry;
    private boolean started;
    private boolean inContacts;
    private boolean contactsSeen;
    private boolean finished;
    private long rowNumber;

    public ContactJsonSource(InputStream in) throws IOException {
        this.parser = JSON.getFactory().createParser(in);
    }

    @Override
    public String defaultCountry() {
        return defaultCountry;
    }

    @Override
    public Row next() throws IOException {
        try {
            return advance();
        } catch (JsonProcessingException e) {
            // Where the parser stopped, not what it thought: its messages name its own classes and settings.
            var at = e.getLocation();
            throw new MalformedImportException("body", "is not valid JSON" + (at == null || at.getLineNr() < 0 ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private Row advance() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedImportException("body", "must be a JSON object {\"contacts\": [...]}");
            }
        }
        while (true) {
            if (inContacts) {
                JsonToken t = parser.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    inContacts = false;
                    continue;
                }
                if (t == null) {
                    throw new MalformedImportException("body", "ends inside the contacts array");
                }
                rowNumber++;
                JsonNode element = JSON.readTree(parser);
                return toRow(rowNumber, element);
            }
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_OBJECT) {
                if (parser.nextToken() != null) {
                    throw new MalformedImportException("body", "has content after the closing '}'");
                }
                if (!contactsSeen) {
                    throw new MalformedImportException("contacts", "is required");
                }
                finished = true;
                return null;
            }
            if (t != JsonToken.FIELD_NAME) {
                throw new MalformedImportException("body", "ends before the closing '}'");
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "contacts" -> {
                    if (contactsSeen) {
                        throw new MalformedImportException("contacts", "appears twice");
                    }
                    if (value != JsonToken.START_ARRAY) {
                        throw new MalformedImportException("contacts", "must be an array");
                    }
                    contactsSeen = true;
                    inContacts = true;
                }
                case "defaultCountry" -> {
                    if (contactsSeen) {
                        throw new MalformedImportException("defaultCountry",
                                "must come before contacts in the body (the body is read as a stream)");
                    }
                    if (value == JsonToken.VALUE_NULL) {
                        defaultCountry = null;
                    } else if (value == JsonToken.VALUE_STRING) {
                        defaultCountry = parser.getText();
                    } else {
                        throw new MalformedImportException("defaultCountry", "must be a string");
                    }
                    ContactDraft.checkDefaultCountry(defaultCountry).ifPresent(v -> {
                        throw new MalformedImportException(v.field(), v.message());
                    });
                }
                default -> throw new MalformedImportException(name, "unknown field; check its spelling");
            }
        }
    }

    /** Reads one element; members of the wrong type become violations of the row. */
    static Row toRow(long number, JsonNode element) {
        List<ContactDraft.Violation> violations = new ArrayList<>();
        if (element == null || !element.isObject()) {
            violations.add(new ContactDraft.Violation("contact", "must be a JSON object"));
            return new Row(number, new ContactDraft(null, null, null, null, null, null, null, null, null, null, null),
                    List.copyOf(violations));
        }
        String firstName = null;
        String lastName = null;
        String phone = null;
        String email = null;
        String companyId = null;
        String timezone = null;
        Boolean doNotCall = null;
        Map<String, Object> customFields = null;
        List<String> tags = null;
        String state = null;
        ContactDraft.ConsentDraft consent = null;
        Iterator<Map.Entry<String, JsonNode>> members = element.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String field = member.getKey();
            JsonNode value = member.getValue();
            switch (field) {
                case "firstName" -> firstName = text(violations, field, value);
                case "lastName" -> lastName = text(violations, field, value);
                case "phone" -> phone = text(violations, field, value);
                case "email" -> email = text(violations, field, value);
                case "companyId" -> companyId = text(violations, field, value);
                case "timezone" -> timezone = text(violations, field, value);
                case "state" -> state = text(violations, field, value);
                case "consent" -> consent = consent(violations, value);
                case "doNotCall" -> {
                    if (value.isBoolean()) {
                        doNotCall = value.booleanValue();
                    } else if (!value.isNull()) {
                        violations.add(new ContactDraft.Violation(field, "must be true or false"));
                    }
                }
                case "customFields" -> {
                    if (value.isObject()) {
                        customFields = JSON.convertValue(value, MAP);
                    } else if (!value.isNull()) {
                        violations.add(new ContactDraft.Violation(field, "must be an object"));
                    }
                }
                case "tags" -> {
                    if (value.isArray()) {
                        tags = new ArrayList<>();
                        for (int i = 0; i < value.size(); i++) {
                            JsonNode tag = value.get(i);
                            if (tag.isTextual()) {
                                tags.add(tag.textValue());
                            } else {
                                violations.add(new ContactDraft.Violation("tags[" + i + "]", "must be a string"));
                            }
                        }
                    } else if (!value.isNull()) {
                        violations.add(new ContactDraft.Violation(field, "must be an array of strings"));
                    }
                }
                default -> violations.add(new ContactDraft.Violation(field, "unknown field; check its spelling"));
            }
        }
        return new Row(number, new ContactDraft(firstName, lastName, phone, email, companyId, timezone, doNotCall,
                customFields, tags, state, consent), List.copyOf(violations));
    }

    private static ContactDraft.ConsentDraft consent(List<ContactDraft.Violation> violations, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            violations.add(new ContactDraft.Violation("consent", "must be an object"));
            return null;
        }
        String type = null;
        String obtainedAt = null;
        String source = null;
        Iterator<Map.Entry<String, JsonNode>> members = value.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            String field = "consent." + member.getKey();
            switch (member.getKey()) {
                case "type" -> type = text(violations, field, member.getValue());
                case "obtainedAt" -> obtainedAt = text(violations, field, member.getValue());
                case "source" -> source = text(violations, field, member.getValue());
                default -> violations.add(new ContactDraft.Violation(field, "unknown field; check its spelling"));
            }
        }
        return new ContactDraft.ConsentDraft(type, obtainedAt, source);
    }

    private static String text(List<ContactDraft.Violation> violations, String field, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (!value.isNull()) {
            violations.add(new ContactDraft.Violation(field, "must be a string"));
        }
        return null;
    }
}
