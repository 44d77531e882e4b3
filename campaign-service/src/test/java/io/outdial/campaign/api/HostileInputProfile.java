package io.outdial.campaign.api;

import java.util.Map;

import io.outdial.campaign.persistence.ContactStore;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Small request limits, so that tests reach them with small requests, and an operator token, so
 * that {@code /admin} exists. Shared by the tests of hostile input: one application start for all.
 */
public class HostileInputProfile implements QuarkusTestProfile {

    /** More rows than one insert batch, so that a refused import has already written some in its transaction. */
    static final int IMPORT_MAX_ROWS = ContactStore.IMPORT_BATCH_SIZE * 2 + 200;
    static final int IMPORT_MAX_BYTES = 256 * 1024;
    static final int MAX_BYTES = 32 * 1024;
    static final String ADMIN_TOKEN = "hostile-input-admin-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("outdial.contacts.import.max-rows", Integer.toString(IMPORT_MAX_ROWS),
                "outdial.contacts.import.max-body-size", Integer.toString(IMPORT_MAX_BYTES),
                "outdial.http.max-body-size", Integer.toString(MAX_BYTES),
                "outdial.admin.token", ADMIN_TOKEN);
    }
}
