package io.callbackconsole.history;

import java.util.List;

/**
 * A record of chain heads kept outside {@code history.db}, so that a history cut or rewritten in the file alone is
 * caught: the console adds its head after every committed write, and {@code verify} checks every witnessed head is on
 * the chain and the chain reaches the last one. It is only as strong as it is out of the file editor's reach: the
 * local {@link FileHeadWitness} is beside the file (caught: an editor who does not also edit it); a witness on the
 * team's PostgreSQL history, which the editor of a laptop's file cannot rewrite, implements the same interface.
 */
public interface HeadWitness {

    /** Adds the head after a committed write. Must not fail the write, which is committed already: report instead. */
    void witness(ChainHead head);

    /** Every head witnessed, in the order they were witnessed; empty when nothing was witnessed yet. */
    List<ChainHead> heads();

    /** The last head witnessed, without reading them all (a console checks it at every start). */
    default java.util.Optional<ChainHead> lastHead() {
        List<ChainHead> heads = heads();
        return heads.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(heads.get(heads.size() - 1));
    }

    /** Where the witness is, for messages ("witness file /home/…/history.db.witness"). */
    String describe();
}
