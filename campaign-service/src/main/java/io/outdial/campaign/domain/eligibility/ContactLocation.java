package io.outdial.campaign.domain.eligibility;

import java.time.ZoneId;
import java.util.List;

/**
 * Where a contact may be: every timezone it may be in (empty when unknown) and the subdivisions
 * (ISO 3166-2, US-FL) it may be in (empty when none is known). Rules must hold in all of them.
 */
public record ContactLocation(List<ZoneId> zones, List<String> subdivisions) {

    public ContactLocation {
        zones = List.copyOf(zones);
        subdivisions = List.copyOf(subdivisions);
    }

    public boolean timezoneKnown() {
        return !zones.isEmpty();
    }
}
