package io.channelmind.profile.rest;

import java.util.List;

import io.channelmind.profile.domain.Identity;
import io.channelmind.web.Problem;

/** Parses the {@code kind} and {@code value} query parameters of a look-up by identity. */
public final class IdentityQuery {

    private static final List<String> KINDS = List.of("profileKey", "userId", "anonymousId", "email", "phone");

    private IdentityQuery() {
    }

    public static Identity parse(String kind, String value) {
        if (kind == null || !KINDS.contains(kind)) {
            throw Problem.of(400, "invalid-identity", "Invalid identity")
                    .detail("The identity kind '" + kind + "' is not supported")
                    .error("kind", kind, "Use one of " + String.join(", ", KINDS))
                    .toException();
        }
        if (value == null || value.isBlank()) {
            throw invalidValue(kind, value, "Pass the identity as the value query parameter");
        }
        Identity identity = switch (kind) {
            case "email" -> Identity.email(value);
            case "phone" -> Identity.phone(value);
            default -> Identity.profileKey(value.trim());
        };
        if (identity == null) {
            throw invalidValue(kind, shown(kind, value), kind.equals("email")
                    ? "Pass an e-mail address with a local part, '@' and a domain"
                    : "Pass a phone number with at least one digit");
        }
        return identity;
    }

    /** Returns the value as a problem may show it: contact points are personal data and are masked. */
    public static String shown(String kind, String value) {
        if (value == null || !(kind.equals("email") || kind.equals("phone"))) {
            return value;
        }
        return value.length() <= 2 ? "**" : value.charAt(0) + "***" + value.charAt(value.length() - 1);
    }

    private static RuntimeException invalidValue(String kind, String value, String fix) {
        return Problem.of(400, "invalid-identity", "Invalid identity")
                .detail("The " + kind + " value is missing or invalid")
                .error("value", value, fix)
                .toException();
    }
}
