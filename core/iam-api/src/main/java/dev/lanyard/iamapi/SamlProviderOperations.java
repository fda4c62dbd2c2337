package dev.lanyard.iamapi;

import dev.lanyard.authz.Caller;
import dev.lanyard.authz.Validators;
import dev.lanyard.aws.RandomUuid;
import dev.lanyard.iam.model.AccountView;
import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.SamlProvider;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.iam.spi.federation.SamlMetadata;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import dev.lanyard.query.ValidationErrors;
import dev.lanyard.query.Value;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        new EntityTags<>(ctx, "SAMLProvider", TagKeys.CASE_SENSITIVE, EntityTags.Order.AS_ADDED,
                this::authorized, SamlProviderOperations::current).register(ops);
    }

    private SamlMetadata metadata(OperationCall call) {
        String document = Validators.length("sAMLMetadataDocument", call.parameters().required("SAMLMetadataDocument"),
                1000, 10_000_000);
        return ctx.saml().parseMetadata(document);
    }

    private Optional<Struct> create(OperationCall call) {
        String name = Validators.length("name", call.parameters().required("Name"), 1, 128);
        if (!Validators.allMatch(name, "._-")) {
            throw ValidationErrors.single("name", name,
                    ValidationErrors.pattern("[\\w._-]+"));
        }
        String document = call.parameters().required("SAMLMetadataDocument");
        SamlMetadata parsed = metadata(call);
        List<Tag> tags = TagKeys.CASE_SENSITIVE.parse(call.parameters());
        Caller caller = call.requireCaller();
        boolean required = encryptionMode(call).orElse(false);
        List<SamlProvider.PrivateKeyEntry> keys = call.parameters().get("AddPrivateKey")
                .map(pem -> List.of(privateKey(pem, call))).orElse(List.of());
        if (required && keys.isEmpty()) {
            throw IamErrors.invalidInput("AssertionEncryptionMode Required needs a private key (AddPrivateKey).");
        }
        // The model's SAMLProviderUUID is 22 to 64 of [A-Z0-9]: a random UUID's 32 hex digits, upper case.
        String uuid = RandomUuid.generate(ctx.random()).toString().replace("-", "").toUpperCase(Locale.ROOT);
        SamlProvider provider = new SamlProvider(caller.account(), name, document, uuid, call.environment().time(),
                parsed.validUntil(), tags, required, keys);
        ctx.authorize(call, provider.arn());
        ctx.store().update(snapshot -> {
            AccountView view = ctx.view(snapshot, call);
            if (view.samlProvider(provider.arn()).isPresent()) {
                throw IamErrors.alreadyExists("SAMLProvider " + name);
            }
            if (view.samlProviders().size() >= MAX_PROVIDERS) {
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

    private static Optional<Boolean> encryptionMode(OperationCall call) {
        return call.parameters().get("AssertionEncryptionMode").map(mode -> switch (mode) {
            case "Required" -> true;
            case "Allowed" -> false;
            default -> throw ValidationErrors.single("assertionEncryptionMode", mode,
                    "Member must satisfy enum value set: [Required, Allowed]");
        });
    }

    /** A PKCS#8 PEM private key; its ID is derived from its public part so it can be named in RemovePrivateKey. */
    private static SamlProvider.PrivateKeyEntry privateKey(String pem, OperationCall call) {
        Validators.length("addPrivateKey", pem, 1, 16384);
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            String keyId = "LANYARD" + HexFormat.of().withUpperCase().formatHex(digest, 0, 10);
            return new SamlProvider.PrivateKeyEntry(keyId, call.environment().time(), pem.strip());
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw IamErrors.invalidInput("The private key is not a valid PKCS#8 PEM RSA private key.");
        }
    }

    private SamlProvider authorized(OperationCall call) {
        String arn = Validators.length("sAMLProviderArn", call.parameters().required("SAMLProviderArn"), 20, 2048);
        if (!arn.contains(":saml-provider/")) {
            throw IamErrors.invalidInput("Invalid SAML provider ARN: " + arn);
        }
        ctx.authorize(call, arn);
        return ctx.view(call).samlProvider(arn)
                .orElseThrow(() -> IamErrors.noSuchSamlProvider(arn));
    }

    private static SamlProvider current(AccountView view, SamlProvider provider) {
        return view.samlProvider(provider.arn()).orElseThrow(() ->
                IamErrors.noSuchSamlProvider(provider.arn()));
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
        result.put("AssertionEncryptionMode", provider.encryptionRequired() ? "Required" : "Allowed");
        result.put("PrivateKeyList", new Value.ListOf(provider.privateKeys().stream().<Value>map(k -> Struct.builder()
                .put("KeyId", k.keyId()).put("Timestamp", k.timestamp()).build()).toList()));
        return Optional.of(result.build());
    }

    private Optional<Struct> list(OperationCall call) {
        ctx.authorize(call, "*");
        List<Value> providers = ctx.view(call).samlProviders().stream().<Value>map(p -> {
            Struct.Builder b = Struct.builder().put("Arn", p.arn());
            p.validUntil().ifPresent(v -> b.put("ValidUntil", v));
            return b.put("CreateDate", p.createDate()).build();
        }).toList();
        return Optional.of(Struct.builder().put("SAMLProviderList", new Value.ListOf(providers)).build());
    }

    private Optional<Struct> update(OperationCall call) {
        SamlProvider found = authorized(call);
        Optional<String> document = call.parameters().get("SAMLMetadataDocument");
        Optional<SamlMetadata> parsed = document.map(d -> metadata(call));
        Optional<Boolean> required = encryptionMode(call);
        Optional<SamlProvider.PrivateKeyEntry> added = call.parameters().get("AddPrivateKey")
                .map(pem -> privateKey(pem, call));
        Optional<String> removed = call.parameters().get("RemovePrivateKey");
        ctx.store().update(snapshot -> {
            SamlProvider provider = current(ctx.view(snapshot, call), found);
            if (document.isPresent()) {
                provider = provider.withMetadata(document.get(), parsed.orElseThrow().validUntil());
            }
            List<SamlProvider.PrivateKeyEntry> keys = new ArrayList<>(provider.privateKeys());
            removed.ifPresent(id -> {
                if (!keys.removeIf(k -> k.keyId().equals(id))) {
                    throw IamErrors.noSuchSamlPrivateKey(id);
                }
            });
            added.ifPresent(key -> {
                if (keys.stream().noneMatch(k -> k.keyId().equals(key.keyId()))) {
                    keys.add(key);
                }
            });
            if (keys.size() > SamlProvider.MAX_PRIVATE_KEYS) {
                throw IamErrors.limitExceeded("Cannot exceed quota for PrivateKeysPerSamlProvider: "
                        + SamlProvider.MAX_PRIVATE_KEYS);
            }
            boolean mustEncrypt = required.orElse(provider.encryptionRequired());
            if (mustEncrypt && keys.isEmpty()) {
                throw IamErrors.invalidInput("AssertionEncryptionMode Required needs at least one private key.");
            }
            SamlProvider updated = provider.withEncryption(mustEncrypt, keys);
            return Mutation.of(updated, EntityChange.upsert(updated));
        });
        return Optional.of(Struct.builder().put("SAMLProviderArn", found.arn()).build());
    }

    private Optional<Struct> delete(OperationCall call) {
        SamlProvider found = authorized(call);
        ctx.store().update(snapshot -> Mutation.of(found, EntityChange.remove(current(ctx.view(snapshot, call), found))));
        return Optional.empty();
    }
}
