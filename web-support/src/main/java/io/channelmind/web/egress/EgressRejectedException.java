package io.channelmind.web.egress;

/**
 * An outbound call that was rejected before any connection: the URL is malformed, its host does not
 * resolve, or it resolves to an address that outbound calls must not reach. Retrying does not
 * help, because only a change of the URL, of DNS or of {@code channelmind.egress.allow-list} does.
 */
public class EgressRejectedException extends Exception {

    /** Cause of the rejection. */
    public enum Reason {
        INVALID_URL,
        UNRESOLVED_HOST,
        INTERNAL_ADDRESS
    }

    private final Reason reason;

    public EgressRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
