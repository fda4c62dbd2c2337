/**
 * Keys and stateless session tokens: {@link dev.lanyard.tokens.MasterKey} seals secrets at rest (a
 * {@link dev.lanyard.tokens.MasterKeyring} holds several while one is rotated out),
 * {@link dev.lanyard.tokens.TokenKeyset} holds the rotating AES-256 keys, and
 * {@link dev.lanyard.tokens.SessionTokenCodec} seals {@link dev.lanyard.tokens.SessionClaims} into a token that any
 * node holding the keyset can open without a lookup. JDK cryptography only.
 */
package dev.lanyard.tokens;
