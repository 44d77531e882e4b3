package io.outdial.dialer.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import io.outdial.dialer.domain.SipOutcomes;
import io.outdial.dialer.domain.TelephonyProvider.CallRequest;

/** Builds the dialer's SIP messages: the INVITE with its SDP offer, its retry with credentials, answers to the far end's requests. */
final class SipMessages {

    /** The RTP port named in the SDP offer; media flows between the far end and whatever listens there, never the dialer. */
    static final int MEDIA_PORT = 10000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final SipSettings settings;
    private final String localHost;
    private final int localPort;

    SipMessages(AddressFactory addresses, HeaderFactory headers, MessageFactory messages, SipSettings settings, String localHost,
            int localPort) {
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.settings = settings;
        this.localHost = localHost;
        this.localPort = localPort;
    }

    /**
     * {@code INVITE sip:<number without +>@<trunk>} from the caller ID, with the {@code X-Outdial-*}
     * headers the assistant runtime reads (the call's ids, then one per variable) and an SDP offer for
     * the configured media address.
     */
    Request invite(CallRequest call, CallIdHeader callId) throws ParseException, InvalidArgumentException {
        SipURI target = trunkUri(userPart(call.toNumber()));
        Address from = addresses.createAddress(addresses.createSipURI(userPart(call.fromNumber()), uriHost(settings.trunkHost())));
        Address to = addresses.createAddress(addresses.createSipURI(userPart(call.toNumber()), uriHost(settings.trunkHost())));
        Request invite = messages.createRequest(target, Request.INVITE, callId, headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, randomHex(8)), headers.createToHeader(to, null),
                List.of(via()), headers.createMaxForwardsHeader(70), headers.createContentTypeHeader("application", "sdp"),
                sdpOffer().getBytes(StandardCharsets.US_ASCII));
        invite.addHeader(contact());
        invite.addHeader(headers.createHeader("X-Outdial-Call-Id", call.callId()));
        invite.addHeader(headers.createHeader("X-Outdial-Campaign-Id", call.campaignId()));
        if (call.contactId() != null) {
            invite.addHeader(headers.createHeader("X-Outdial-Contact-Id", call.contactId()));
        }
        if (call.assistantId() != null) {
            // Free text from the campaign's API: encoded like the variables.
            invite.addHeader(headers.createHeader("X-Outdial-Assistant-Id", OutdialHeaders.value(call.assistantId())));
        }
        invite.addHeader(headers.createHeader("X-Outdial-Attempt", String.valueOf(call.attempt())));
        for (OutdialHeaders.Header variable : OutdialHeaders.variables(call.variables())) {
            invite.addHeader(headers.createHeader(variable.name(), variable.value()));
        }
        invite.addHeader(headers.createUserAgentHeader(List.of("Outdial")));
        return invite;
    }

    /**
     * The challenged INVITE again, as a new transaction (next CSeq, new branch) carrying the digest
     * answer; empty when the challenge is not a digest this dialer can answer.
     */
    Optional<Request> withCredentials(Request challenged, Response challenge, SipSettings.Credentials credentials)
            throws ParseException, InvalidArgumentException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        WWWAuthenticateHeader asked = (WWWAuthenticateHeader) challenge
                .getHeader(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
        if (asked == null || !"Digest".equalsIgnoreCase(asked.getScheme())) {
            return Optional.empty();
        }
        Request retry = (Request) challenged.clone();
        String uri = retry.getRequestURI().toString();
        Optional<DigestAnswer> digest = DigestAnswer.answer(credentials.username(), credentials.password(), asked.getRealm(),
                asked.getNonce(), asked.getAlgorithm(), asked.getQop(), asked.getOpaque(), retry.getMethod(), uri, randomHex(8));
        if (digest.isEmpty()) {
            return Optional.empty();
        }
        CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        retry.removeHeader(ViaHeader.NAME);
        retry.addHeader(via());
        retry.setHeader(authorization(proxy, digest.get(), retry));
        return Optional.of(retry);
    }

    private AuthorizationHeader authorization(boolean proxy, DigestAnswer digest, Request request) throws ParseException {
        AuthorizationHeader header = proxy ? headers.createProxyAuthorizationHeader("Digest") : headers.createAuthorizationHeader("Digest");
        header.setUsername(digest.username());
        header.setRealm(digest.realm());
        header.setNonce(digest.nonce());
        header.setURI(request.getRequestURI());
        header.setResponse(digest.response());
        header.setAlgorithm("MD5");
        if (digest.opaque() != null) {
            header.setOpaque(digest.opaque());
        }
        if (digest.qop() != null) {
            header.setQop(digest.qop());
            header.setCNonce(digest.cnonce());
            header.setNonceCount(Integer.parseInt(digest.nonceCount()));
        }
        return header;
    }

    /** 200 OK to a request inside a call; a re-INVITE (session refresh) gets the same offer again, so the call goes on as it was. */
    Response ok(Request request) throws ParseException {
        Response ok = messages.createResponse(Response.OK, request);
        if (Request.INVITE.equals(request.getMethod())) {
            ok.addHeader(contact());
            ok.setContent(sdpOffer().getBytes(StandardCharsets.US_ASCII), headers.createContentTypeHeader("application", "sdp"));
        }
        return ok;
    }

    Response response(int status, Request request) throws ParseException {
        return messages.createResponse(status, request);
    }

    /** The far end's {@code X-Outdial-Disposition} on a message, null when absent. */
    static String disposition(Message message) {
        Header header = message.getHeader(SipOutcomes.DISPOSITION_HEADER);
        return header instanceof ExtensionHeader extension ? extension.getValue() : null;
    }

    /** Where requests go: the trunk's port, and its transport when not UDP (the stack routes by it). */
    private SipURI trunkUri(String user) throws ParseException {
        SipURI uri = addresses.createSipURI(user, uriHost(settings.trunkHost()));
        uri.setPort(settings.trunkPort());
        if (settings.transport() != SipSettings.Transport.UDP) {
            uri.setTransportParam(settings.transport().name().toLowerCase(Locale.ROOT));
        }
        return uri;
    }

    private ViaHeader via() throws ParseException, InvalidArgumentException {
        // No branch: the stack makes a fresh one for each new transaction.
        return headers.createViaHeader(localHost, localPort, settings.transport().name(), null);
    }

    private ContactHeader contact() throws ParseException {
        SipURI uri = addresses.createSipURI("outdial", uriHost(localHost));
        uri.setPort(localPort);
        if (settings.transport() != SipSettings.Transport.UDP) {
            uri.setTransportParam(settings.transport().name().toLowerCase(Locale.ROOT));
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    private String sdpOffer() {
        String media = settings.mediaAddress();
        String family = media.contains(":") ? "IP6" : "IP4";
        String session = String.valueOf(System.currentTimeMillis() / 1000);
        return "v=0\r\n"
                + "o=outdial " + session + " " + session + " IN " + family + " " + media + "\r\n"
                + "s=outdial\r\n"
                + "c=IN " + family + " " + media + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + MEDIA_PORT + " RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-15\r\n"
                + "a=sendrecv\r\n";
    }

    /** An IPv6 address goes in brackets in a SIP URI. */
    private static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** E.164 without its {@code +}: trunks take the digits as the user part. */
    static String userPart(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
