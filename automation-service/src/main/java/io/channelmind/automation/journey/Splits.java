package io.channelmind.automation.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

import io.channelmind.automation.journey.JourneyDefinition.Branch;
import io.channelmind.automation.journey.JourneyDefinition.Step;
import io.channelmind.web.stats.BetaPosterior;

/** Chooses a split branch: by weight, or by Thompson sampling over Beta posteriors of each arm. */
final class Splits {

    private Splits() {
    }

    static int weighted(List<Branch> branches, RandomGenerator random) {
        double total = branches.stream().mapToDouble(Branch::weightOrDefault).sum();
        double point = random.nextDouble() * total;
        for (int i = 0; i < branches.size(); i++) {
            point -= branches.get(i).weightOrDefault();
            if (point < 0) {
                return i;
            }
        }
        return branches.size() - 1;
    }

    /**
     * Returns the arm with the highest draw from Beta(1 + rewards, 1 + trials - rewards), so arms
     * with few trials still get explored and a clearly better arm gets most entries.
     */
    static int thompson(long[] trials, long[] rewards, RandomGenerator random) {
        int best = 0;
        double bestDraw = -1;
        for (int i = 0; i < trials.length; i++) {
            double draw = new BetaPosterior(1 + rewards[i], 1 + Math.max(0, trials[i] - rewards[i])).sample(random);
            if (draw > bestDraw) {
                bestDraw = draw;
                best = i;
            }
        }
        return best;
    }

    /**
     * Chooses a bandit split's branch for the entry by {@link #thompson} over the stored trials and
     * rewards, and records the pull and the new trial on the entry's connection.
     */
    static int pullArm(Connection connection, JourneyEngine.Entry entry, Step step, Instant now, RandomGenerator random)
            throws SQLException {
        int arms = step.branches().size();
        long[] trials = new long[arms];
        long[] rewards = new long[arms];
        try (PreparedStatement create = connection.prepareStatement(
                "insert into journey_arm (journey_id, step_id, branch) values (?, ?, ?) on conflict do nothing")) {
            for (int arm = 0; arm < arms; arm++) {
                create.setObject(1, entry.journeyId());
                create.setString(2, step.id());
                create.setInt(3, arm);
                create.executeUpdate();
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
                "select branch, trials, rewards from journey_arm where journey_id = ? and step_id = ? and branch < ?")) {
            select.setObject(1, entry.journeyId());
            select.setString(2, step.id());
            select.setInt(3, arms);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    trials[row.getInt(1)] = row.getLong(2);
                    rewards[row.getInt(1)] = row.getLong(3);
                }
            }
        }

        int chosen = Splits.thompson(trials, rewards, random);
        try (PreparedStatement pull = connection.prepareStatement(
                "insert into journey_arm_pull (entry_id, step_id, journey_id, profile_key, branch, goal, pulled_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing");
                PreparedStatement trial = connection.prepareStatement(
                        "update journey_arm set trials = trials + 1 where journey_id = ? and step_id = ? and branch = ?")) {
            pull.setLong(1, entry.id());
            pull.setString(2, step.id());
            pull.setObject(3, entry.journeyId());
            pull.setString(4, entry.profileKey());
            pull.setInt(5, chosen);
            pull.setString(6, step.goal());
            pull.setTimestamp(7, Jdbc.timestamp(now));
            pull.executeUpdate();
            trial.setObject(1, entry.journeyId());
            trial.setString(2, step.id());
            trial.setInt(3, chosen);
            trial.executeUpdate();
        }
        return chosen;
    }
}
