package io.outdial.dialer.telephony.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import io.outdial.dialer.domain.TelephonyProvider;

/**
 * Places calls on a SIP trunk as a signalling-only user agent client (JAIN-SIP): media never passes
 * through the dialer. Calls leave at most {@code callsPerSecond} a second; each reports its SIP
 * progress and ends with an outcome from {@link io.outdial.dialer.domain.SipOutcomes}.
 */
public final class SipTelephonyProvider implements TelephonyProvider, SipListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SipTelephonyProvider.class);

    /** After the last BYE or CANCEL at shutdown, how long the far end has to answer before the stack stops. */
    private static final Duration HANG_UP_WAIT = Duration.ofSeconds(5);

    private final SipStack stack;
    private final SipProvider sip;
    private final ScheduledExecutorService timers;
    private final CallPacer pacer;
    private final SipCall.Context context;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;
    private volatile boolean stopped;

    private SipTelephonyProvider(SipSettings settings, Clock clock, SipStack stack, SipProvider sip, SipMessages messages) {
        this.stack = stack;
        this.sip = sip;
        this.timers = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "sip-calls");
            thread.setDaemon(true);
            return thread;
        });
        this.pacer = new CallPacer(settings.callsPerSecond(), timers);
        this.context = new SipCall.Context(sip, messages, timers, clock, settings.retransmitMillis(), settings.credentials(),
                this::settled);
    }

    /**
     * Starts the SIP stack on the local address that routes to the trunk, on the configured port
     * (0: any free one). Throws {@link IllegalArgumentException} naming the setting that is wrong.
     */
    public static SipTelephonyProvider start(SipSettings settings, Clock clock) {
        InetAddress local = localAddressTowards(settings);
        int port = settings.localPort() != 0 ? settings.localPort() : freePort(local, settings.transport());
        String transport = settings.transport().name();
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "outdial-" + UUID.randomUUID());
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLog.class.getName());
        SipStack stack;
        try {
            stack = new SipStackImpl(properties);
            ListeningPoint listeningPoint = stack.createListeningPoint(local.getHostAddress(), port, transport);
            SipProvider sip = stack.createSipProvider(listeningPoint);
            var messages = new SipMessages(new AddressFactoryImpl(), new HeaderFactoryImpl(), new MessageFactoryImpl(), settings,
                    local.getHostAddress(), port);
            var provider = new SipTelephonyProvider(settings, clock, stack, sip, messages);
            sip.addSipListener(provider);
            stack.start();
            LOG.infof("SIP provider on %s:%d/%s, trunk %s, %d calls per second", local.getHostAddress(), port, transport,
                    settings.trunk(), settings.callsPerSecond());
            return provider;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot start SIP on " + local.getHostAddress() + ":" + port + "/" + transport
                    + " (" + SipSettings.LOCAL_PORT + "): " + e.getMessage(), e);
        }
    }

    /** The interface the trunk is reached through: Via and Contact must name an address the trunk can answer. */
    private static InetAddress localAddressTowards(SipSettings settings) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(settings.trunkHost()), settings.trunkPort()));
            InetAddress local = probe.getLocalAddress();
            return local.isAnyLocalAddress() ? InetAddress.getLocalHost() : local;
        } catch (IOException e) {
            throw new IllegalArgumentException(SipSettings.TRUNK + " is not reachable (" + settings.trunk() + "): " + e.getMessage(), e);
        }
    }

    private static int freePort(InetAddress local, SipSettings.Transport transport) {
        try {
            if (transport == SipSettings.Transport.UDP) {
                try (DatagramSocket socket = new DatagramSocket(0, local)) {
                    return socket.getLocalPort();
                }
            }
            try (ServerSocket socket = new ServerSocket(0, 1, local)) {
                return socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("no free port on " + local.getHostAddress() + " (" + SipSettings.LOCAL_PORT + "): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public PlacedCall place(CallRequest call, Listener listener) {
        CallIdHeader callId = sip.getNewCallId();
        SipCall sipCall = new SipCall(call, listener, callId, context);
        if (!accepting) {
            sipCall.notDialed("dialer_shutdown");
            return sipCall::endNow;
        }
        calls.put(sipCall.sipCallId(), sipCall);
        if (!pacer.submit(sipCall::dial)) {
            sipCall.notDialed("dialer_shutdown");
        }
        return sipCall::endNow;
    }

    /** Calls that have not reported their end yet, or wait for the answer to our BYE. */
    public int callsInProgress() {
        return calls.size();
    }

    private void settled(SipCall call) {
        if (call.settled()) {
            calls.remove(call.sipCallId(), call);
        }
    }

    @Override
    public void shutdown(Duration grace) {
        if (stopped) {
            return;
        }
        accepting = false;
        pacer.stop();
        calls.values().stream().filter(c -> c.state() == SipCall.State.WAITING).forEach(c -> c.notDialed("dialer_shutdown"));
        if (!awaitNoCalls(grace)) {
            LOG.infof("%d calls still up after the %ds grace period: hanging up", calls.size(), grace.toSeconds());
            List.copyOf(calls.values()).forEach(c -> c.endNow("dialer_shutdown"));
            if (!awaitNoCalls(HANG_UP_WAIT)) {
                LOG.warnf("%d calls not finished by the far end at shutdown", calls.size());
                List.copyOf(calls.values()).forEach(SipCall::abandonAtShutdown);
                calls.clear();
            }
        }
        stopped = true;
        timers.shutdownNow();
        sip.removeSipListener(this);
        stack.stop();
    }

    /** Shuts down at once: live calls are hung up. */
    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private boolean awaitNoCalls(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!calls.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return calls.isEmpty();
            }
        }
        return calls.isEmpty();
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        SipCall call = calls.get(sipCallId(response));
        if (call == null) {
            if (Request.INVITE.equals(method) && status >= 200 && status < 300 && event.getDialog() != null) {
                SipCall.hangUpStray(response, event.getDialog(), context);
            }
            return;
        }
        switch (method) {
            case Request.INVITE -> {
                if (status < 200) {
                    call.onProvisional(status);
                } else if (status < 300) {
                    call.onAnswer(response, event.getDialog());
                } else {
                    call.onFinalError(response);
                }
            }
            case Request.BYE -> call.onByeDone(event.getClientTransaction());
            default -> {
                // The 200 to our CANCEL: the INVITE's own final response settles the call.
            }
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        SipCall call = calls.get(sipCallId(request));
        try {
            ServerTransaction transaction = event.getServerTransaction() != null ? event.getServerTransaction()
                    : sip.getNewServerTransaction(request);
            switch (request.getMethod()) {
                case Request.BYE, Request.INVITE, Request.UPDATE, Request.INFO, Request.OPTIONS -> {
                    if (call == null && !Request.OPTIONS.equals(request.getMethod())) {
                        transaction.sendResponse(context.messages().response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
                        return;
                    }
                    transaction.sendResponse(context.messages().ok(request));
                    if (Request.BYE.equals(request.getMethod())) {
                        call.onFarEndBye(request);
                    }
                }
                default -> transaction.sendResponse(context.messages().response(Response.NOT_IMPLEMENTED, request));
            }
        } catch (Exception e) {
            LOG.warnf("%s from the trunk not answered: %s", request.getMethod(), e.toString());
            if (call != null && Request.BYE.equals(request.getMethod())) {
                call.onFarEndBye(request);
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction transaction = event.getClientTransaction();
        SipCall call = calls.get(sipCallId(transaction.getRequest()));
        if (call == null) {
            return;
        }
        switch (transaction.getRequest().getMethod()) {
            case Request.INVITE -> call.onInviteTimeout(transaction);
            case Request.BYE -> call.onByeDone(transaction);
            default -> {
                // A lost CANCEL: the call's own timer settles it.
            }
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.warnf("SIP transport error towards %s:%d/%s", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    private static String sipCallId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }
}
