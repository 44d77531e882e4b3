package io.outdial.campaign.domain;

/** One page of a list: at most {@code limit} items after skipping {@code offset}. */
public record PageRequest(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** The index of the page's last item, as an inclusive range end. */
    public int lastIndex() {
        return offset + limit - 1;
    }
}
