package dev.lanyard.tokens;

/**
 * Seals data at rest and opens it again: one {@link MasterKey}, or a node's {@link MasterKeyring} (which seals under
 * one key and opens under any it holds).
 */
public interface Sealer {
    byte[] encrypt(byte[] plaintext, byte[] associatedData);

    /**
     * Opens what {@link #encrypt} sealed with the same associated data.
     *
     * @throws SealedDataException if it does not open here (see {@link MasterKey#decrypt})
     */
    byte[] decrypt(byte[] sealed, byte[] associatedData) throws SealedDataException;
}
