package io.callbackconsole.history;

import java.util.List;
import java.util.Objects;

/**
 * What the chain says about the heads a {@link HeadWitness} kept: whether every one is on it (none cut, none
 * rewritten) and how far the chain goes past the last.
 *
 * @param where          the witness, as {@link HeadWitness#describe()} names it
 * @param headsWitnessed how many heads it holds
 * @param firstFailure   the first witnessed head (in the witness's order) that is not on the chain, null when all are
 * @param last           the check of the last head witnessed, null when none was
 */
public record WitnessCheck(String where, int headsWitnessed, HeadCheck firstFailure, HeadCheck last) {

    public WitnessCheck {
        Objects.requireNonNull(where, "where");
    }

    static WitnessCheck of(String where, List<HeadCheck> checks) {
        HeadCheck failure = checks.stream().filter(check -> !check.holds()).findFirst().orElse(null);
        return new WitnessCheck(where, checks.size(), failure, checks.isEmpty() ? null : checks.get(checks.size() - 1));
    }

    public boolean holds() {
        return firstFailure == null;
    }

    /** One sentence for a person. */
    public String describe() {
        if (headsWitnessed == 0) {
            return "Witness " + where + ": no head witnessed yet (nothing to compare the chain with)";
        }
        if (firstFailure != null) {
            return "Witness " + where + ": " + firstFailure.describe();
        }
        return "Witness " + where + ": all " + headsWitnessed + " witnessed heads are on the chain; the last, "
                + last.expected() + ", " + (last.rowsAfter() == 0 ? "is the chain's head"
                : "is followed by " + last.rowsAfter() + (last.rowsAfter() == 1 ? " row" : " rows")
                + " written without it seeing them");
    }
}
