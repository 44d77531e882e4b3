package io.outdial.campaign.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.outdial.campaign.domain.eligibility.Eligibility;
import io.quarkus.runtime.StartupEvent;

/** The eligibility function under the bundled jurisdiction rules, read once; a bad rules file stops start-up. */
@ApplicationScoped
public class ComplianceRules {

    private static final Logger LOG = Logger.getLogger(ComplianceRules.class);

    private final Eligibility eligibility = Eligibility.withBundledRules();

    @Produces
    Eligibility eligibility() {
        return eligibility;
    }

    void announce(@Observes StartupEvent event) {
        LOG.infof("compliance rules %s in force", eligibility.rulesVersion());
    }
}
