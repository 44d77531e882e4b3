package io.outdial.campaign.application.webhooks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.WebhookSettings;
import io.outdial.campaign.domain.webhooks.TargetAddresses;
import io.outdial.campaign.domain.webhooks.WebhookUrl;

/**
 * Whether an endpoint's host may be called: every address it resolves to must be a public one,
 * unless the operator allows private targets. Asked at registration and again before each attempt,
 * since DNS answers change. Resolving blocks: call it from a worker thread.
 */
@ApplicationScoped
public class WebhookTargets {

    private final boolean allowPrivate;

    public WebhookTargets(WebhookSettings settings) {
        this.allowPrivate = settings.allowPrivateTargets();
    }

    /** Why the URL's host must not be called, or empty when it may. */
    public Optional<String> refusal(String url) {
        String host = WebhookUrl.host(url);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = TargetAddresses.refusal(address);
            if (kind.isPresent()) {
                return Optional.of("host " + host + " resolves to a " + kind.get() + " address (" + address.getHostAddress()
                        + "); only public addresses are allowed");
            }
        }
        return Optional.empty();
    }
}
