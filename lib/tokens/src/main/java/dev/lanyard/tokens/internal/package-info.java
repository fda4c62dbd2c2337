/** Binary formats and cipher plumbing behind {@code dev.lanyard.tokens}; private to this module. */
package dev.lanyard.tokens.internal;
