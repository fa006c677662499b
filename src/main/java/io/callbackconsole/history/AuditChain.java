package io.callbackconsole.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain over the journal: {@code hash = SHA-256(previous hash ‖ canonical encoding of the row)}, lowercase
 * hex. The first row's previous hash is {@link #GENESIS}.
 *
 * <p>Canonical encoding, so that any tool can recompute it: the previous hash as 64 ASCII hex digits and a newline,
 * then for each column except {@code hash} whose value is not NULL, in ascending order of column name:
 * {@code name "=" byteLength ":" value "\n"}, where the value is its SQLite text form (integers in decimal) in UTF-8
 * and byteLength counts those bytes in decimal. NULL columns are left out, so a column added by a later migration
 * (NULL in older rows) leaves the older rows' hashes valid.
 */
public final class AuditChain {
    public static final String GENESIS = "0".repeat(64);

    private final MessageDigest digest;

    public AuditChain() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256, which every Java 17 runtime must have", e);
        }
    }

    /**
     * @param sortedNames column names in ascending {@link String#compareTo} order, {@code hash} excluded
     * @param values      each column's text value, or null, in the order of {@code sortedNames}
     */
    public String next(String previousHash, String[] sortedNames, String[] values) {
        digest.reset();
        digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) '\n');
        for (int i = 0; i < sortedNames.length; i++) {
            if (values[i] == null) {
                continue;
            }
            byte[] value = values[i].getBytes(StandardCharsets.UTF_8);
            digest.update(sortedNames[i].getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) '=');
            digest.update(Integer.toString(value.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(value);
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The hash of one row given as column name to text value (null values are left out, {@code hash} ignored). */
    public String next(String previousHash, Map<String, String> row) {
        TreeMap<String, String> sorted = new TreeMap<>(row);
        sorted.remove("hash");
        return next(previousHash, sorted.keySet().toArray(String[]::new), sorted.values().toArray(String[]::new));
    }
}
