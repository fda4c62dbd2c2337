package dev.lanyard.iamapi;

import dev.lanyard.aws.AwsErrors;
import dev.lanyard.aws.AwsException;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * IAM's Marker / MaxItems / IsTruncated paging, one rule for every list: the items come in their final, stable order
 * (each list says which); a page holds at most MaxItems of them (default 100; the model's 1..1000 is checked before
 * the operation runs); when more follow, IsTruncated is true and the Marker says where the next page starts.
 *
 * <p>A marker names the position after the page's last item and a digest of that item's key, so it stays short
 * (IAM's markers are at most 320 characters) whatever the keys are, and a page resumes after the same item even when
 * items before it were added or deleted meanwhile; only when that item itself is gone does the position decide. A
 * marker Lanyard did not write is refused with AWS's ValidationError "Invalid Marker.".
 */
final class Pagination {
    static final int DEFAULT_MAX_ITEMS = 100;
    private static final String VERSION = "p1";

    private Pagination() {}

    /** One page of a list. */
    record Page<T>(List<T> items, boolean truncated, Optional<String> marker) {}

    static <T> Page<T> of(QueryParameters params, List<T> all, Function<T, String> key) {
        int maxItems = params.integer("MaxItems").orElse(DEFAULT_MAX_ITEMS);
        int start = params.get("Marker").map(m -> resume(m, all, key)).orElse(0);
        int end = (int) Math.min(all.size(), (long) start + maxItems);
        boolean truncated = end < all.size();
        Optional<String> marker = truncated ? Optional.of(marker(end, key.apply(all.get(end - 1))))
                : Optional.empty();
        return new Page<>(List.copyOf(all.subList(start, end)), truncated, marker);
    }

    /** The page as {@code listName}, {@code IsTruncated} and (when truncated) {@code Marker}. */
    static <T> void page(QueryParameters params, List<T> all, Function<T, String> key, String listName,
            Function<T, Value> render, Struct.Builder result) {
        Page<T> page = of(params, all, key);
        List<Value> rendered = new ArrayList<>(page.items().size());
        page.items().forEach(item -> rendered.add(render.apply(item)));
        result.put(listName, new Value.ListOf(rendered));
        put(page, result);
    }

    /** {@code IsTruncated} and, when truncated, {@code Marker}, for a result that writes its lists itself. */
    static void put(Page<?> page, Struct.Builder result) {
        result.put("IsTruncated", page.truncated());
        page.marker().ifPresent(m -> result.put("Marker", m));
    }

    private static String marker(int position, String lastKey) {
        String text = VERSION + ":" + position + ":" + digest(lastKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static <T> int resume(String marker, List<T> all, Function<T, String> key) {
        String[] parts = decode(marker).split(":", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !isPosition(parts[1])) {
            throw invalidMarker();
        }
        int position = Integer.parseInt(parts[1]);
        String last = parts[2];
        if (position > 0 && position <= all.size() && digest(key.apply(all.get(position - 1))).equals(last)) {
            return position;
        }
        for (int i = 0; i < all.size(); i++) {
            if (digest(key.apply(all.get(i))).equals(last)) {
                return i + 1;
            }
        }
        return Math.min(position, all.size());
    }

    private static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw invalidMarker();
        }
    }

    private static boolean isPosition(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static AwsException invalidMarker() {
        return AwsErrors.validation("Invalid Marker.");
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
