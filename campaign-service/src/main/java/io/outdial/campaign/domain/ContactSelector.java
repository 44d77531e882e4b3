package io.outdial.campaign.domain;

import java.util.UUID;

/** Which of a team's contacts a bulk addition to a campaign takes: all, or those with a tag, company or import. */
public sealed interface ContactSelector {

    record All() implements ContactSelector {
    }

    record Tagged(String tag) implements ContactSelector {
    }

    record OfCompany(String companyId) implements ContactSelector {
    }

    record FromImport(UUID importId) implements ContactSelector {
    }
}
