package io.channelmind.automation.client;

import java.net.ConnectException;
import java.util.function.Predicate;

/**
 * Matches failures where no connection to the other service was made, so a retry cannot
 * repeat a request that the service already processed. Read timeouts and HTTP errors do not
 * match.
 */
public class ConnectionFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        return isConnectionFailure(failure);
    }

    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Netty's ConnectTimeoutException extends ConnectException, so connect timeouts match too.
            if (cause instanceof ConnectException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
