package io.outdial.campaign.application;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.RequestLimitSettings;
import io.outdial.campaign.domain.ContactDraft;
import io.outdial.campaign.domain.DncCsvSource;
import io.outdial.campaign.domain.ImportReport;
import io.outdial.campaign.domain.MalformedImportException;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.domain.PhoneNumbers;
import io.outdial.campaign.domain.SafeText;
import io.outdial.campaign.persistence.DncNumber;
import io.outdial.campaign.persistence.DncNumberRepository;
import io.outdial.campaign.persistence.DncStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A team's do-not-call list: numbers in E.164 its campaigns never dial (the claim checks it, so a
 * number is safe from the moment its add returns). Adding a listed number again changes nothing.
 */
@ApplicationScoped
public class DoNotCallList {

    public static final int MAX_SOURCE_LENGTH = 500;

    private final DncNumberRepository numbers;
    private final DncStore store;
    private final Clock clock;
    private final long maxImportRows;

    public DoNotCallList(DncNumberRepository numbers, DncStore store, Clock clock, RequestLimitSettings limits) {
        this.numbers = numbers;
        this.store = store;
        this.clock = clock;
        this.maxImportRows = limits.importMaxRows();
    }

    public record Page(List<DncNumber> numbers, long total) {
    }

    /** The entry, and whether this add listed it (false: it was listed already, and is unchanged). */
    public record Added(DncNumber entry, boolean added) {
    }

    /** What an import did: numbers listed, numbers listed before (or repeated), bad rows and their reasons. */
    public record ImportResult(long imported, long alreadyListed, long failed, List<ImportReport.RowError> errors) {
    }

    /** Lists an E.164 number; {@code source} already checked. */
    public Uni<Added> add(String teamId, String e164, String source) {
        return Panache.withTransaction(() -> numbers.addIfAbsent(teamId, e164, source, clock.instant())
                .flatMap(added -> numbers.findListed(teamId, e164).map(entry -> new Added(entry, added))));
    }

    public Uni<Page> list(String teamId, PageRequest page) {
        return Panache.withSession(() -> numbers.list(teamId, page)
                .flatMap(list -> numbers.countOf(teamId).map(total -> new Page(list, total))));
    }

    /** Takes an E.164 number off the list; not found when it is not on the team's list. */
    public Uni<Void> remove(String teamId, String e164) {
        return Panache.withTransaction(() -> numbers.deleteListed(teamId, e164)).invoke(deleted -> {
            if (!deleted) {
                throw Refusal.notFound("do-not-call entry", e164);
            }
        }).replaceWithVoid();
    }

    /** Why a source text cannot be stored, if it cannot. */
    public static String sourceProblem(String source) {
        if (!SafeText.isSafe(source)) {
            return SafeText.PROBLEM;
        }
        return source != null && source.length() > MAX_SOURCE_LENGTH
                ? "must be at most " + MAX_SOURCE_LENGTH + " characters"
                : null;
    }

    /**
     * Lists every valid number of {@code source} in one transaction: bad rows are reported, the
     * others listed; a body that breaks (malformed, unreadable, more rows than
     * {@code outdial.contacts.import.max-rows}) lists nothing. Blocking: call it on a worker thread.
     */
    public ImportResult importAll(String teamId, DncCsvSource source, String defaultCountry) {
        ImportReport report = new ImportReport();
        try (DncStore.DncImport batch = store.beginImport(teamId)) {
            DncCsvSource.Row row;
            while ((row = next(source)) != null) {
                ContactDirectory.checkRowLimit(row.number(), maxImportRows);
                List<ContactDraft.Violation> problems = new ArrayList<>();
                if (row.problem() != null) {
                    problems.add(row.problem());
                }
                var normalized = row.phone() == null ? null : PhoneNumbers.normalize(row.phone(), defaultCountry);
                if (normalized != null && normalized.isEmpty()) {
                    problems.add(new ContactDraft.Violation(DncCsvSource.NUMBER, defaultCountry == null
                            ? "is not a valid phone number (use E.164, e.g. +12025550123, or give defaultCountry)"
                            : "is not a valid phone number for " + defaultCountry + " nor in E.164"));
                }
                String sourceProblem = sourceProblem(row.source());
                if (sourceProblem != null) {
                    problems.add(new ContactDraft.Violation(DncCsvSource.SOURCE, sourceProblem));
                }
                if (problems.isEmpty()) {
                    batch.add(normalized.get().e164(), row.source());
                } else {
                    report.failed(row.number(), problems);
                }
            }
            DncStore.Outcome outcome = batch.commit();
            return new ImportResult(outcome.listed(), outcome.alreadyListed(), report.failed(), report.errors());
        }
    }

    private static DncCsvSource.Row next(DncCsvSource source) {
        try {
            return source.next();
        } catch (MalformedImportException e) {
            throw Refusal.invalid(e.field(), e.getMessage());
        } catch (IOException e) {
            throw ContactDirectory.unreadable(e);
        }
    }
}
