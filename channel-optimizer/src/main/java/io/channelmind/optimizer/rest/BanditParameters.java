package io.channelmind.optimizer.rest;

import io.channelmind.web.Problem;

/** Parses the exploration share and seed of a bandit recommendation into 400 problems that name the parameter. */
final class BanditParameters {

    static final double DEFAULT_EXPLORATION_SHARE = 0.1;

    private BanditParameters() {
    }

    /** Returns the share (default 0.1); throws a 400 problem unless it is a number from 0 to 1. */
    static double explorationShare(String value) {
        if (value == null) {
            return DEFAULT_EXPLORATION_SHARE;
        }
        try {
            double share = Double.parseDouble(value.trim());
            if (share >= 0.0 && share <= 1.0) {
                return share;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                .detail("The query parameter 'explorationShare' must be a number from 0 to 1")
                .error("explorationShare", value, "Pass a share such as 0.1, or leave it out for 0.1")
                .toException();
    }

    /** Returns the seed, or null when it is missing; throws a 400 problem when it is not a whole number. */
    static Long seed(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Problem.of(400, "invalid-parameter", "Invalid query parameter")
                    .detail("The query parameter 'seed' must be a whole number")
                    .error("seed", value, "Pass a seed such as 42, or leave it out to derive one")
                    .toException();
        }
    }
}
