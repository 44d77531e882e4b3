package io.outdial.campaign.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the AI assistant gets to know of a contact with each call: one map of text by name. The
 * campaign's variables are the defaults; the contact's {@code firstName} and {@code lastName}
 * replace them, and its {@code customFields} replace both: the most specific value wins. Only names
 * that are identifiers take part (they become SIP header names on the far side), and empty names
 * or values of the contact are left out so a blank field does not hide the campaign's default.
 */
public final class AssistantVariables {

    public static final int MAX_CAMPAIGN_VARIABLES = 50;
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final String NAME_RULE = "[A-Za-z][A-Za-z0-9_]{0,63}";
    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    private AssistantVariables() {
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * The merged map, in order: campaign variables, then the contact's names, then its custom fields
     * ({@code customFields} already as text: nested values as their JSON).
     */
    public static Map<String, String> merge(Map<String, String> campaign, String firstName, String lastName,
            Map<String, String> customFields) {
        Map<String, String> merged = new LinkedHashMap<>();
        campaign.forEach((name, value) -> put(merged, name, value, true));
        put(merged, "firstName", firstName, false);
        put(merged, "lastName", lastName, false);
        customFields.forEach((name, value) -> put(merged, name, value, false));
        return merged;
    }

    private static void put(Map<String, String> merged, String name, String value, boolean emptyAllowed) {
        if (!isName(name) || value == null || (!emptyAllowed && value.isEmpty())) {
            return;
        }
        merged.put(name, value);
    }
}
