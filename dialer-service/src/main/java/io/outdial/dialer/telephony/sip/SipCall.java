package io.outdial.dialer.telephony.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.jboss.logging.Logger;

import io.outdial.contract.events.CallOutcome;
import io.outdial.dialer.domain.SipOutcomes;
import io.outdial.dialer.domain.TelephonyProvider.CallRequest;
import io.outdial.dialer.domain.TelephonyProvider.Listener;

/**
 * One outbound call as a user agent client: INVITE, ringing, answer (ACK) or rejection, and its end
 * by either side's BYE, our CANCEL at the ring timeout, our BYE at the maximum duration or at
 * shutdown. Events from the stack's thread and from timers meet here, so every step holds the call's
 * lock and the listener hears {@code ended} exactly once.
 */
final class SipCall {

    private static final Logger LOG = Logger.getLogger(SipCall.class);

    /** RFC 3261 17.1.1.2: Timer B, and how long a CANCELled INVITE may still wait for its final response. */
    private static final int TIMER_B_IN_T1 = 64;

    enum State {
        /** Waiting for the calls-per-second limit. */
        WAITING,
        CALLING,
        RINGING,
        /** We sent CANCEL and wait for the 487 (or a 200 that crossed it). */
        CANCELLING,
        CONNECTED,
        ENDED
    }

    /** What every call of one provider shares. {@code onSettled} hears each call once it ended and its BYE (if any) was answered. */
    record Context(SipProvider sip, SipMessages messages, ScheduledExecutorService timers, Clock clock, int retransmitMillis,
            Optional<SipSettings.Credentials> credentials, Consumer<SipCall> onSettled) {
    }

    private final CallRequest request;
    private final Listener listener;
    private final CallIdHeader callId;
    private final Context context;

    private State state = State.WAITING;
    private Request invite;
    private ClientTransaction inviteTransaction;
    private Dialog dialog;
    /** Any response to the INVITE: RFC 3261 9.1 allows a CANCEL only after one. */
    private boolean heardBack;
    private boolean challengeAnswered;
    private String cancelReason;
    private Instant ringingAt;
    private Instant answeredAt;
    private String disposition;
    /** The dialog was closed by a BYE, ours or theirs. */
    private boolean hungUp;
    private ClientTransaction pendingBye;
    private ScheduledFuture<?> ringTimer;
    private ScheduledFuture<?> talkTimer;
    private ScheduledFuture<?> cancelTimer;

    SipCall(CallRequest request, Listener listener, CallIdHeader callId, Context context) {
        this.request = request;
        this.listener = listener;
        this.callId = callId;
        this.context = context;
    }

    String sipCallId() {
        return callId.getCallId();
    }

    CallRequest request() {
        return request;
    }

    synchronized State state() {
        return state;
    }

    /** Ended, and no BYE of ours still waits for its answer. */
    synchronized boolean settled() {
        return state == State.ENDED && pendingBye == null;
    }

    /** Sends the INVITE; the ring timeout counts from here. */
    synchronized void dial() {
        if (state != State.WAITING) {
            return;
        }
        if (request.placeBy() != null && now().isAfter(request.placeBy())) {
            end(CallOutcome.NOT_DIALED, "stale", null);
            return;
        }
        try {
            invite = context.messages().invite(request, callId);
            send(invite);
        } catch (Exception e) {
            LOG.warnf("call %s: INVITE not sent: %s", request.callId(), e.toString());
            end(CallOutcome.CARRIER_ERROR, "send_failed", null);
            return;
        }
        state = State.CALLING;
        ringTimer = schedule(this::ringTimedOut, TimeUnit.SECONDS.toMillis(request.ringTimeoutSeconds()));
    }

    private void send(Request newInvite) throws Exception {
        ClientTransaction transaction = context.sip().getNewClientTransaction(newInvite);
        transaction.setRetransmitTimer(context.retransmitMillis());
        inviteTransaction = transaction;
        dialog = transaction.getDialog();
        transaction.sendRequest();
    }

    synchronized void onProvisional(int status) {
        heardBack = true;
        if ((status == Response.RINGING || status == Response.SESSION_PROGRESS) && state == State.CALLING) {
            state = State.RINGING;
            ringingAt = now();
            listener.ringing(ringingAt);
        }
    }

    synchronized void onAnswer(Response response, Dialog answered) {
        heardBack = true;
        Dialog target = answered != null ? answered : dialog;
        switch (state) {
            case CALLING, RINGING -> {
                if (!acknowledge(response, target)) {
                    end(CallOutcome.CARRIER_ERROR, "ack_failed", Response.OK);
                    return;
                }
                dialog = target;
                state = State.CONNECTED;
                answeredAt = now();
                disposition = SipMessages.disposition(response);
                cancel(ringTimer);
                listener.answered(answeredAt);
                talkTimer = schedule(this::talkTimeUp, TimeUnit.SECONDS.toMillis(request.maxCallDurationSeconds()));
            }
            case CANCELLING -> {
                // The far end answered as our CANCEL crossed it: someone picked up and is hung up on at once.
                acknowledge(response, target);
                hangUp(target);
                end(SipOutcomes.ANSWER_RACED_CANCEL, "answered_after_cancel", Response.OK);
            }
            case ENDED -> {
                // Answered after we gave up on the call (no response in time, shutdown): it must not stay up.
                if (!hungUp) {
                    acknowledge(response, target);
                    hangUp(target);
                }
            }
            default -> {
                // A retransmitted 200 of a connected call: the stack repeats the ACK itself.
            }
        }
    }

    synchronized void onFinalError(Response response) {
        heardBack = true;
        if (state == State.ENDED) {
            return;
        }
        int status = response.getStatusCode();
        boolean cancelled = state == State.CANCELLING;
        if (SipOutcomes.isChallenge(status) && !cancelled && !challengeAnswered && context.credentials().isPresent()) {
            challengeAnswered = true;
            answerChallenge(response);
            return;
        }
        String reason;
        if (cancelled && status == Response.REQUEST_TERMINATED) {
            reason = cancelReason;
        } else if (SipOutcomes.isChallenge(status)) {
            reason = context.credentials().isPresent() ? "credentials_refused" : "no_credentials";
        } else {
            reason = "rejected";
        }
        end(SipOutcomes.rejected(status, cancelled), reason, status);
    }

    private void answerChallenge(Response challenge) {
        try {
            Optional<Request> retry = context.messages().withCredentials(invite, challenge, context.credentials().get());
            if (retry.isEmpty()) {
                end(CallOutcome.CONFIG_ERROR, "unsupported_challenge", challenge.getStatusCode());
                return;
            }
            invite = retry.get();
            send(invite);
        } catch (Exception e) {
            LOG.warnf("call %s: INVITE with credentials not sent: %s", request.callId(), e.toString());
            end(CallOutcome.CARRIER_ERROR, "send_failed", null);
        }
    }

    /** Timer B of the current INVITE: the trunk never answered it (or, after our CANCEL, never finished it). */
    synchronized void onInviteTimeout(ClientTransaction transaction) {
        if (transaction != inviteTransaction || state == State.ENDED) {
            return;
        }
        if (state == State.CANCELLING) {
            end(CallOutcome.NO_ANSWER, cancelReason, null);
        } else {
            end(SipOutcomes.NO_RESPONSE, "no_response", null);
        }
    }

    synchronized void onFarEndBye(Request bye) {
        hungUp = true;
        if (state != State.CONNECTED) {
            return;
        }
        String saidOnBye = SipMessages.disposition(bye);
        if (saidOnBye != null) {
            disposition = saidOnBye;
        }
        end(SipOutcomes.connected(disposition), "hangup", Response.OK);
    }

    /** Our BYE was answered or timed out. */
    synchronized void onByeDone(ClientTransaction transaction) {
        if (transaction == pendingBye) {
            pendingBye = null;
            context.onSettled().accept(this);
        }
    }

    /**
     * Ends the call now (shutdown's grace period is over, or its lease was lost): a call not yet
     * dialed is not dialed, a ringing one is cancelled, a connected one hung up.
     */
    synchronized void endNow(String reason) {
        switch (state) {
            case WAITING -> end(CallOutcome.NOT_DIALED, reason, null);
            case CALLING, RINGING -> cancelInvite(reason);
            case CONNECTED -> {
                hangUp(dialog);
                end(SipOutcomes.connected(disposition), reason, Response.OK);
            }
            default -> {
                // Cancelling: its 487 is on the way. Ended: nothing left.
            }
        }
    }

    /** The last resort of shutdown: the far end did not finish in time, so the call is reported ended without it. */
    synchronized void abandonAtShutdown() {
        if (state != State.ENDED) {
            end(state == State.CANCELLING ? CallOutcome.NO_ANSWER : CallOutcome.CARRIER_ERROR, "dialer_shutdown", null);
        }
        pendingBye = null;
    }

    /** The call never reached the trunk (the limit was still holding it back when the provider stopped). */
    synchronized void notDialed(String reason) {
        end(CallOutcome.NOT_DIALED, reason, null);
    }

    private synchronized void ringTimedOut() {
        if (state == State.CALLING || state == State.RINGING) {
            cancelInvite("ring_timeout");
        }
    }

    private void cancelInvite(String reason) {
        cancelReason = reason;
        if (!heardBack) {
            // Nothing came back at all, so there is nothing to CANCEL (RFC 3261 9.1): the trunk never took the call.
            try {
                inviteTransaction.terminate();
            } catch (Exception e) {
                LOG.debugf("call %s: INVITE transaction not terminated: %s", request.callId(), e.toString());
            }
            end(SipOutcomes.NO_RESPONSE, "no_response", null);
            return;
        }
        try {
            ClientTransaction cancel = context.sip().getNewClientTransaction(inviteTransaction.createCancel());
            cancel.setRetransmitTimer(context.retransmitMillis());
            cancel.sendRequest();
        } catch (Exception e) {
            LOG.warnf("call %s: CANCEL not sent: %s", request.callId(), e.toString());
            end(CallOutcome.NO_ANSWER, reason, null);
            return;
        }
        state = State.CANCELLING;
        cancelTimer = schedule(this::cancelUnanswered, (long) TIMER_B_IN_T1 * context.retransmitMillis());
    }

    private synchronized void cancelUnanswered() {
        if (state == State.CANCELLING) {
            end(CallOutcome.NO_ANSWER, cancelReason, null);
        }
    }

    private synchronized void talkTimeUp() {
        if (state == State.CONNECTED) {
            hangUp(dialog);
            end(SipOutcomes.connected(disposition), "max_duration", Response.OK);
        }
    }

    private boolean acknowledge(Response response, Dialog target) {
        return acknowledge(response, target, request.callId());
    }

    private void hangUp(Dialog target) {
        hungUp = true;
        pendingBye = sendBye(target, context, request.callId());
    }

    /** A 200 for a call the dialer no longer tracks: acknowledged and hung up, so that no one is left on a call nobody follows. */
    static void hangUpStray(Response response, Dialog dialog, Context context) {
        String label = "with SIP Call-ID " + dialog.getCallId().getCallId();
        if (acknowledge(response, dialog, label)) {
            sendBye(dialog, context, label);
        }
    }

    private static boolean acknowledge(Response response, Dialog target, String callLabel) {
        try {
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            target.sendAck(target.createAck(cseq));
            return true;
        } catch (Exception e) {
            LOG.warnf("call %s: ACK not sent: %s", callLabel, e.toString());
            return false;
        }
    }

    /** Our BYE's transaction, null when it could not be sent. */
    private static ClientTransaction sendBye(Dialog target, Context context, String callLabel) {
        try {
            ClientTransaction bye = context.sip().getNewClientTransaction(target.createRequest(Request.BYE));
            bye.setRetransmitTimer(context.retransmitMillis());
            target.sendRequest(bye);
            return bye;
        } catch (Exception e) {
            LOG.warnf("call %s: BYE not sent: %s", callLabel, e.toString());
            return null;
        }
    }

    private void end(CallOutcome outcome, String reason, Integer sipStatus) {
        if (state == State.ENDED) {
            return;
        }
        state = State.ENDED;
        cancel(ringTimer);
        cancel(talkTimer);
        cancel(cancelTimer);
        Instant at = now();
        double ringSeconds = ringingAt == null ? 0 : seconds(ringingAt, answeredAt != null ? answeredAt : at);
        double talkSeconds = answeredAt == null ? 0 : seconds(answeredAt, at);
        try {
            listener.ended(outcome, reason, at, ringSeconds, talkSeconds, sipStatus);
        } catch (RuntimeException e) {
            LOG.errorf(e, "call %s: the listener failed on its end", request.callId());
        }
        context.onSettled().accept(this);
    }

    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return context.timers().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private Instant now() {
        return context.clock().instant();
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
