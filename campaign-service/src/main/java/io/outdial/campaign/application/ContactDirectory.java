package io.outdial.campaign.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.RequestLimitSettings;
import io.outdial.campaign.domain.ContactDraft.NewContact;
import io.outdial.campaign.domain.ContactDraft;
import io.outdial.campaign.domain.ContactImportSource;
import io.outdial.campaign.domain.ContactKey;
import io.outdial.campaign.domain.ImportReport;
import io.outdial.campaign.domain.MalformedImportException;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.persistence.Contact;
import io.outdial.campaign.persistence.ContactRepository.ContactFilter;
import io.outdial.campaign.persistence.ContactRepository;
import io.outdial.campaign.persistence.ContactStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/** The team's CRM contacts: create, read, change, delete, and import in bulk. */
@ApplicationScoped
public class ContactDirectory {

    private final ContactRepository contacts;
    private final ContactStore store;
    private final Clock clock;
    private final long maxImportRows;

    public ContactDirectory(ContactRepository contacts, ContactStore store, Clock clock, RequestLimitSettings limits) {
        this.contacts = contacts;
        this.store = store;
        this.clock = clock;
        this.maxImportRows = limits.importMaxRows();
    }

    /** {@code nextCursor}: where the next page starts, null when this is the last. */
    public record ContactPage(List<Contact> contacts, long total, String nextCursor) {
    }

    public Uni<Contact> create(String teamId, NewContact draft) {
        Contact contact = new Contact();
        contact.id = UUID.randomUUID();
        contact.teamId = teamId;
        contact.firstName = draft.firstName();
        contact.lastName = draft.lastName();
        contact.phone = draft.phone();
        contact.email = draft.email();
        contact.companyId = draft.companyId();
        contact.timezone = draft.timezone();
        contact.doNotCall = draft.doNotCall();
        contact.customFields = new LinkedHashMap<>(draft.customFields());
        contact.tags = new ArrayList<>(draft.tags());
        contact.state = draft.state();
        contact.consent(draft.consent());
        contact.createdAt = clock.instant();
        contact.updatedAt = contact.createdAt;
        return Panache.withTransaction(() -> contacts.persist(contact));
    }

    public Uni<Contact> get(String teamId, UUID id) {
        return Panache.withSession(() -> contacts.findOwned(teamId, id))
                .onItem().ifNull().failWith(() -> Refusal.notFound("contact", id.toString()));
    }

    /** A page after {@code page.offset()} contacts, or after the contact {@code after} names when given. */
    public Uni<ContactPage> list(String teamId, ContactFilter filter, PageRequest page, ContactKey after) {
        return Panache.withSession(() -> contacts.list(teamId, filter, page, after)
                .flatMap(list -> contacts.count(teamId, filter).map(total -> {
                    boolean more = list.size() > page.limit();
                    List<Contact> shown = more ? list.subList(0, page.limit()) : list;
                    Contact last = more ? shown.get(shown.size() - 1) : null;
                    return new ContactPage(shown, total, last == null ? null : new ContactKey(last.createdAt, last.id).cursor());
                })));
    }

    /**
     * Applies the non-null members of {@code changes} (already validated). A new phone, timezone or
     * state can change when the contact may be called, so its pending campaign memberships are
     * re-evaluated by the feeder, in the same transaction.
     */
    public Uni<Contact> change(String teamId, UUID id, ContactDraft changes) {
        return Panache.withTransaction(() -> contacts.findOwned(teamId, id)
                .onItem().ifNull().failWith(() -> Refusal.notFound("contact", id.toString()))
                .flatMap(contact -> {
                    var whereBefore = Arrays.asList(contact.phone, contact.timezone, contact.state);
                    apply(contact, changes);
                    var whereAfter = Arrays.asList(contact.phone, contact.timezone, contact.state);
                    if (whereBefore.equals(whereAfter)) {
                        return Uni.createFrom().item(contact);
                    }
                    // The contact row first, then its memberships: the lock order of a contact delete, so the two cannot deadlock.
                    return contacts.flush().flatMap(ok -> contacts.reopenPendingMemberships(contact.id))
                            .replaceWith(contact);
                }));
    }

    private void apply(Contact contact, ContactDraft changes) {
        if (changes.firstName() != null) {
            contact.firstName = changes.firstName();
        }
        if (changes.lastName() != null) {
            contact.lastName = changes.lastName();
        }
        if (changes.phone() != null) {
            contact.phone = changes.phone();
        }
        if (changes.email() != null) {
            contact.email = changes.email();
        }
        if (changes.companyId() != null) {
            contact.companyId = changes.companyId();
        }
        if (changes.timezone() != null) {
            contact.timezone = changes.timezone();
        }
        if (changes.doNotCall() != null) {
            contact.doNotCall = changes.doNotCall();
        }
        if (changes.customFields() != null) {
            contact.customFields = new LinkedHashMap<>(changes.customFields());
        }
        if (changes.tags() != null) {
            contact.tags = new ArrayList<>(changes.tags());
        }
        if (changes.state() != null) {
            contact.state = changes.state();
        }
        if (changes.consent() != null) {
            contact.consent(changes.consent().toConsent());
        }
        contact.updatedAt = clock.instant();
    }

    /**
     * Deletes the contact unless a campaign is calling it; it leaves every campaign it is in first.
     */
    public Uni<Void> delete(String teamId, UUID id) {
        return store.delete(teamId, id).invoke(outcome -> {
            switch (outcome) {
                case NOT_FOUND -> throw Refusal.notFound("contact", id.toString());
                case BEING_CALLED -> throw Refusal.conflict("contact " + id + " is being called by a campaign; delete it"
                        + " when the call has ended");
                case JOINING -> throw Refusal.conflict("contact " + id + " is being added to campaigns; retry the delete");
                default -> {
                }
            }
        }).replaceWithVoid();
    }

    /**
     * Imports every row of {@code source} in one transaction: valid rows are written in batches,
     * invalid ones reported; a source that breaks (malformed, unreadable, more rows than
     * {@code outdial.contacts.import.max-rows}) imports nothing. Blocking: call it on a worker thread.
     */
    public ImportReport importAll(String teamId, ContactImportSource source, String defaultCountryParam) {
        return importAll(teamId, source, defaultCountryParam, (tx, importId) -> Uni.createFrom().nullItem()).report();
    }

    /** An import's tally and what the work that followed it on its transaction answered. */
    public record Imported<T>(ImportReport report, T then) {
    }

    /**
     * Imports as above, then runs {@code then} with the import's id on the import's transaction before
     * it commits, so that both take effect or neither does (a refusal from {@code then} imports nothing).
     */
    public <T> Imported<T> importAll(String teamId, ContactImportSource source, String defaultCountryParam,
            BiFunction<SqlConnection, UUID, Uni<T>> then) {
        ImportReport report = new ImportReport();
        try (ContactStore.ContactImport batch = store.beginImport(teamId)) {
            report.importId(batch.importId());
            ContactImportSource.Row row;
            while ((row = next(source)) != null) {
                checkRowLimit(row.number(), maxImportRows);
                String country = source.defaultCountry() != null ? source.defaultCountry() : defaultCountryParam;
                importRow(source, row, country, batch, report);
            }
            T outcome = batch.flushThen(tx -> then.apply(tx, batch.importId()));
            report.imported(batch.commit());
            return new Imported<>(report, outcome);
        }
    }

    private static void importRow(ContactImportSource source, ContactImportSource.Row row, String defaultCountry,
            ContactStore.ContactImport batch, ImportReport report) {
        var checked = row.draft().toNewContact(defaultCountry);
        if (row.violations().isEmpty() && checked.valid()) {
            batch.add(checked.value());
            return;
        }
        // A value of the wrong type (e.g. phone: 5) is reported once, not again as "phone is required".
        List<ContactDraft.Violation> all = new ArrayList<>(row.violations());
        for (ContactDraft.Violation v : checked.violations()) {
            if (row.violations().stream().noneMatch(r -> r.field().equals(v.field()))) {
                all.add(v);
            }
        }
        report.failed(row.number(), all.stream()
                .map(v -> new ContactDraft.Violation(source.field(v.field()), v.message())).toList());
    }

    private static ContactImportSource.Row next(ContactImportSource source) {
        try {
            return source.next();
        } catch (MalformedImportException e) {
            throw Refusal.invalid(e.field(), e.getMessage());
        } catch (java.io.IOException e) {
            throw unreadable(e);
        }
    }

    /** Refuses a row past the limit; closing the import then rolls back what it wrote. */
    static void checkRowLimit(long rowNumber, long maxRows) {
        if (rowNumber > maxRows) {
            throw Refusal.tooLarge("body", "has more than " + maxRows + " rows; split it into several imports");
        }
    }

    /** The client went away while sending the body. */
    public static Refusal unreadable(java.io.IOException e) {
        return Refusal.invalid("body", "could not be read to its end");
    }
}
