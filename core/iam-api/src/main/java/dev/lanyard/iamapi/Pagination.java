package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.query.QueryParameters;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** IAM's Marker / MaxItems / IsTruncated paging over a list already in its final order. */
final class Pagination {
    private static final int DEFAULT_MAX_ITEMS = 100;

    private Pagination() {}

    static <T> void page(QueryParameters params, List<T> items, Function<T, String> sortKey, String listName,
            Function<T, Value> render, Struct.Builder result) {
        int maxItems = Validators.range("maxItems", params.integer("MaxItems"), 1, 1000).orElse(DEFAULT_MAX_ITEMS);
        String after = params.get("Marker").map(Pagination::decode).orElse(null);
        List<Value> page = new ArrayList<>();
        int start = 0;
        if (after != null) {
            while (start < items.size() && sortKey.apply(items.get(start)).compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(items.size(), start + maxItems);
        for (int i = start; i < end; i++) {
            page.add(render.apply(items.get(i)));
        }
        result.put(listName, new Value.ListOf(page));
        boolean truncated = end < items.size();
        result.put("IsTruncated", truncated);
        if (truncated) {
            result.put("Marker", encode(sortKey.apply(items.get(end - 1))));
        }
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw IamErrors.invalidInput("Invalid Marker.");
        }
    }
}
