package dev.lanyard.iamapi;

import dev.lanyard.authz.Validators;
import dev.lanyard.query.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list in its final order, for answers whose model puts Marker before IsTruncated (or spells it
 * isTruncated): the caller writes the members in the model's order. Markers are those of {@link Pagination}.
 */
record ModelPage<T>(List<T> items, boolean truncated, Optional<String> marker) {
    private static final int DEFAULT_MAX_ITEMS = 100;

    static <T> ModelPage<T> of(QueryParameters params, List<T> all, Function<T, String> sortKey) {
        int maxItems = Validators.range("maxItems", params.integer("MaxItems"), 1, 1000).orElse(DEFAULT_MAX_ITEMS);
        Optional<String> after = params.get("Marker").map(ModelPage::decode);
        int start = 0;
        if (after.isPresent()) {
            while (start < all.size() && sortKey.apply(all.get(start)).compareTo(after.get()) <= 0) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + maxItems);
        boolean truncated = end < all.size();
        Optional<String> marker = truncated ? Optional.of(encode(sortKey.apply(all.get(end - 1)))) : Optional.empty();
        return new ModelPage<>(List.copyOf(all.subList(start, end)), truncated, marker);
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
