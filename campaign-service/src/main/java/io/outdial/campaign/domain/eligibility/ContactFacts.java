package io.outdial.campaign.domain.eligibility;

/**
 * What eligibility needs to know of a contact, as stored: {@code phone} in E.164; {@code timezone}
 * (IANA region id) and {@code state} (US state or territory, or Canadian province, such as FL,
 * or its ISO 3166-2 form US-FL) when the contact has them, else null; a null consent reads as none.
 */
public record ContactFacts(String phone, String timezone, String state, boolean doNotCall, ConsentType consent) {

    public ContactFacts {
        consent = consent == null ? ConsentType.NONE : consent;
    }
}
