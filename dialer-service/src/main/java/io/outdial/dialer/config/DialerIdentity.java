package io.outdial.dialer.config;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Names this dialer instance in the events it emits ({@code ce_source}, {@code dialerId}). */
@ApplicationScoped
public class DialerIdentity {

    @ConfigProperty(name = "outdial.dialer.id")
    String id;

    public String id() {
        return id;
    }

    public String source() {
        return "/outdial/dialer-service/" + id;
    }
}
