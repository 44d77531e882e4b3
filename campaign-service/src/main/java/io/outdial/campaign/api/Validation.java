package io.outdial.campaign.api;

import java.util.List;
import java.util.UUID;

import io.outdial.campaign.api.problem.ApiProblem;
import io.outdial.campaign.application.Refusal;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.Ids;
import io.outdial.campaign.domain.SafeText;

/**
 * Ids and the few checks of raw path and query values; request bodies are checked by their
 * constraint annotations (see {@code api.validation}).
 */
public final class Validation {

    private Validation() {
    }

    /** A path id that is not a UUID cannot name anything: 404, as for an id of another team. */
    public static UUID pathId(String what, String id) {
        if (!Ids.isUuid(id)) {
            throw Refusal.notFound(what, id);
        }
        return UUID.fromString(id);
    }

    public static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
    }
}
