package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Operation;
import dev.lanyard.authz.OperationCall;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.SamlProvider;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.iam.spi.federation.SamlMetadata;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** IAM SAML providers: the IdP metadata whose certificates AssumeRoleWithSAML trusts. */
final class SamlProviderOperations {
    static final int MAX_PROVIDERS = 100;
    private final IamContext ctx;

    SamlProviderOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("CreateSAMLProvider", this::create);
        ops.put("GetSAMLProvider", this::get);
        ops.put("ListSAMLProviders", this::list);
        ops.put("UpdateSAMLProvider", this::update);
        ops.put("DeleteSAMLProvider", this::delete);
        ops.put("TagSAMLProvider", this::tag);
        ops.put("UntagSAMLProvider", this::untag);
        ops.put("ListSAMLProviderTags", this::listTags);
    }

    private SamlMetadata metadata(OperationCall call) {
        String document = Validators.length("sAMLMetadataDocument", call.parameters().required("SAMLMetadataDocument"),
                1000, 10_000_000);
        return ctx.saml().parseMetadata(document);
    }

    private Optional<Struct> create(OperationCall call) {
        String name = Validators.length("name", call.parameters().required("Name"), 1, 128);
        if (!Validators.allMatch(name, "._-")) {
            throw dev.lanyard.query.ValidationErrors.single("name", name,
                    dev.lanyard.query.ValidationErrors.pattern("[\\w._-]+"));
        }
        String document = call.parameters().required("SAMLMetadataDocument");
        SamlMetadata parsed = metadata(call);
        List<Tag> tags = IamParams.tags(call.parameters(), false);
        Caller caller = call.requireCaller();
        SamlProvider provider = new SamlProvider(caller.account(), name, document, UUID.randomUUID().toString(),
                call.environment().time(), parsed.validUntil(), tags);
        ctx.authorize(call, provider.arn(), List.of(), tags);
        ctx.store().update(snapshot -> {
            if (snapshot.samlProvider(caller.account(), name).isPresent()) {
                throw IamErrors.alreadyExists("SAMLProvider " + name);
            }
            if (snapshot.samlProviders(caller.account()).size() >= MAX_PROVIDERS) {
                throw IamErrors.limitExceeded("Cannot exceed quota for SamlProvidersPerAccount: " + MAX_PROVIDERS);
            }
            return Mutation.of(provider, EntityChange.upsert(provider));
        });
        Struct.Builder result = Struct.builder().put("SAMLProviderArn", provider.arn());
        if (!tags.isEmpty()) {
            result.put("Tags", IamShapes.tags(tags));
        }
        return Optional.of(result.build());
    }

    private static String providerName(String arn) {
        int slash = arn.indexOf(":saml-provider/");
        if (slash < 0) {
            throw IamErrors.invalidInput("Invalid SAML provider ARN: " + arn);
        }
        return arn.substring(slash + ":saml-provider/".length());
    }

    private SamlProvider authorized(OperationCall call) {
        String arn = Validators.length("sAMLProviderArn", call.parameters().required("SAMLProviderArn"), 20, 2048);
        ctx.authorize(call, arn);
        return ctx.store().snapshot().samlProvider(call.requireCaller().account(), providerName(arn))
                .filter(p -> p.arn().equals(arn))
                .orElseThrow(() -> new AwsException(ErrorCode.NO_SUCH_ENTITY, "Manifest not found for arn " + arn));
    }

    private SamlProvider current(IamSnapshot snapshot, SamlProvider provider) {
        return snapshot.samlProvider(provider.account(), provider.name()).orElseThrow(() ->
                new AwsException(ErrorCode.NO_SUCH_ENTITY, "Manifest not found for arn " + provider.arn()));
    }

    private Optional<Struct> get(OperationCall call) {
        SamlProvider provider = authorized(call);
        Struct.Builder result = Struct.builder()
                .put("SAMLProviderUUID", provider.uuid())
                .put("SAMLMetadataDocument", provider.metadataDocument())
                .put("CreateDate", provider.createDate());
        provider.validUntil().ifPresent(v -> result.put("ValidUntil", v));
        if (!provider.tags().isEmpty()) {
            result.put("Tags", IamShapes.tags(provider.tags()));
        }
        return Optional.of(result.put("AssertionEncryptionMode", "Allowed").build());
    }

    private Optional<Struct> list(OperationCall call) {
        Caller caller = call.requireCaller();
        ctx.authorize(call, "*");
        List<Value> providers = ctx.store().snapshot().samlProviders(caller.account()).stream().<Value>map(p -> {
            Struct.Builder b = Struct.builder().put("Arn", p.arn());
            p.validUntil().ifPresent(v -> b.put("ValidUntil", v));
            return b.put("CreateDate", p.createDate()).build();
        }).toList();
        return Optional.of(Struct.builder().put("SAMLProviderList", new Value.ListOf(providers)).build());
    }

    private Optional<Struct> update(OperationCall call) {
        SamlProvider found = authorized(call);
        String document = call.parameters().required("SAMLMetadataDocument");
        SamlMetadata parsed = metadata(call);
        ctx.store().update(snapshot -> {
            SamlProvider updated = current(snapshot, found).withMetadata(document, parsed.validUntil());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.of(Struct.builder().put("SAMLProviderArn", found.arn()).build());
    }

    private Optional<Struct> delete(OperationCall call) {
        SamlProvider found = authorized(call);
        ctx.store().update(snapshot -> Mutation.of(found, EntityChange.remove(current(snapshot, found))));
        return Optional.empty();
    }

    private Optional<Struct> tag(OperationCall call) {
        SamlProvider found = authorized(call);
        List<Tag> tags = IamParams.tags(call.parameters(), false);
        ctx.store().update(snapshot -> {
            SamlProvider provider = current(snapshot, found);
            List<Tag> merged = new ArrayList<>(provider.tags().stream()
                    .filter(t -> tags.stream().noneMatch(n -> n.key().equals(t.key()))).toList());
            merged.addAll(tags);
            SamlProvider updated = provider.withTags(merged);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> untag(OperationCall call) {
        SamlProvider found = authorized(call);
        List<String> keys = call.parameters().list("TagKeys");
        ctx.store().update(snapshot -> {
            SamlProvider provider = current(snapshot, found);
            SamlProvider updated = provider.withTags(provider.tags().stream()
                    .filter(t -> !keys.contains(t.key())).toList());
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.empty();
    }

    private Optional<Struct> listTags(OperationCall call) {
        SamlProvider provider = authorized(call);
        return Optional.of(Struct.builder().put("Tags", IamShapes.tags(provider.tags())).put("IsTruncated", false)
                .build());
    }
}
