package io.outdial.campaign.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.outdial.campaign.domain.SafeText;

/** A JSON string (or key) the system cannot store; Jackson adds the path of the field it is in. */
public final class UnsafeTextException extends JsonMappingException {

    /** Where inside the value (a key or index path within a free-form object), or empty. */
    private final String inner;

    public UnsafeTextException(JsonParser parser, String inner) {
        super(parser, SafeText.PROBLEM);
        this.inner = inner;
    }

    public String inner() {
        return inner;
    }
}
