package dev.lanyard.iamapi;

import static java.util.Objects.requireNonNull;

import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.Tagged;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code Tag<Entity>}, {@code Untag<Entity>} and {@code List<Entity>Tags} for one taggable kind of IAM entity. Each
 * kind says only how a call finds its entity, how it compares tag keys and in which order its tags are listed; the
 * validation, the 50-tag limit, the update and the pagination are the same for all.
 *
 * @param <E> the entity
 */
final class EntityTags<E extends IamEntity & Tagged<E>> {
    private final IamContext ctx;
    private final String entity;
    private final TagKeys keys;
    private final Order order;
    private final Function<OperationCall, E> authorized;
    private final BiFunction<AccountView, E, E> current;
    private final Function<OperationCall, E> readable;

    /** The order a {@code List*Tags} answer holds the tags in. */
    enum Order {
        AS_ADDED,
        BY_KEY
    }

    /**
     * @param entity the entity as the operations name it: {@code User}, {@code OpenIDConnectProvider}, {@code MFADevice}
     * @param authorized validates the name in the request, authorizes the call on the entity, and finds it (or says it
     *     is missing)
     * @param current the entity as it is in a view of the store (inside the update), or that it is gone
     */
    EntityTags(IamContext ctx, String entity, TagKeys keys, Order order, Function<OperationCall, E> authorized,
            BiFunction<AccountView, E, E> current) {
        this(ctx, entity, keys, order, authorized, current, authorized);
    }

    private EntityTags(IamContext ctx, String entity, TagKeys keys, Order order,
            Function<OperationCall, E> authorized, BiFunction<AccountView, E, E> current,
            Function<OperationCall, E> readable) {
        this.ctx = requireNonNull(ctx, "ctx is null");
        this.entity = requireNonNull(entity, "entity is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.order = requireNonNull(order, "order is null");
        this.authorized = requireNonNull(authorized, "authorized is null");
        this.current = requireNonNull(current, "current is null");
        this.readable = requireNonNull(readable, "readable is null");
    }

    /** The same, with {@code List*Tags} finding its entity another way (by default as the tagging operations do). */
    EntityTags<E> listing(Function<OperationCall, E> readable) {
        return new EntityTags<>(ctx, entity, keys, order, authorized, current, readable);
    }

    void register(Map<String, Operation> ops) {
        ops.put("Tag" + entity, this::tag);
        ops.put("Untag" + entity, this::untag);
        ops.put("List" + entity + "Tags", this::list);
    }

    private Optional<Struct> tag(OperationCall call) {
        List<Tag> added = keys.parse(call.parameters());
        return retag(call, existing -> keys.merge(existing, added));
    }

    private Optional<Struct> untag(OperationCall call) {
        List<String> removed = call.parameters().list("TagKeys");
        return retag(call, existing -> keys.remove(existing, removed));
    }

    private Optional<Struct> retag(OperationCall call, UnaryOperator<List<Tag>> change) {
        E found = authorized.apply(call);
        ctx.store().update(snapshot -> {
            E now = current.apply(ctx.view(snapshot, call), found);
            E updated = now.withTags(change.apply(now.tags()));
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> list(OperationCall call) {
        List<Tag> tags = readable.apply(call).tags();
        return IamShapes.tagPage(call.parameters(), switch (order) {
            case AS_ADDED -> tags;
            case BY_KEY -> tags.stream().sorted(Comparator.comparing(Tag::key)).toList();
        });
    }
}
