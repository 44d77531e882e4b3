package io.outdial.campaign.domain;

/**
 * The structure of an import is broken (not CSV/JSON, unknown column, ...): the whole import is
 * refused. Bad values in a row are not this; they are reported per row.
 */
public class MalformedImportException extends RuntimeException {

    private final String field;

    public MalformedImportException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field (or column) at fault, in the API's terms; {@code body} when it is the body as a whole. */
    public String field() {
        return field;
    }
}
