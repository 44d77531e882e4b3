package io.outdial.campaign.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * What one request may be: its URI, its headers, its body (small for every request, large for
 * streamed imports) and the rows of an import. Past a limit the request answers 414, 431 or 413.
 */
@ConfigMapping(prefix = "outdial")
public interface RequestLimitSettings {

    @WithName("http.max-uri-length")
    @WithDefault("4096")
    int maxUriLength();

    @WithName("http.max-header-size")
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    @WithName("http.max-body-size")
    @WithDefault("10M")
    MemorySize maxBodySize();

    @WithName("contacts.import.max-body-size")
    @WithDefault("2G")
    MemorySize importMaxBodySize();

    /** Data rows of one contact or do-not-call import. */
    @WithName("contacts.import.max-rows")
    @WithDefault("1000000")
    long importMaxRows();
}
