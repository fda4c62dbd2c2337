package dev.lanyard.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lanyard.aws.AccessKeyId;
import dev.lanyard.aws.AccountId;
import dev.lanyard.aws.SecretAccessKey;
import dev.lanyard.iam.model.AccessKey;
import dev.lanyard.iam.model.Account;
import dev.lanyard.iam.model.AccountAlias;
import dev.lanyard.iam.model.CreateAccountStatus;
import dev.lanyard.iam.model.EntityType;
import dev.lanyard.iam.model.Group;
import dev.lanyard.iam.model.IamEntity;
import dev.lanyard.iam.model.InlinePolicy;
import dev.lanyard.iam.model.InstanceProfile;
import dev.lanyard.iam.model.LoginProfile;
import dev.lanyard.iam.model.PasswordPolicy;
import dev.lanyard.iam.model.ServiceLinkedRoleDeletion;
import dev.lanyard.passwords.PasswordHash;
import dev.lanyard.iam.model.ManagedPolicy;
import dev.lanyard.iam.model.OidcProvider;
import dev.lanyard.iam.model.OutboundFederation;
import dev.lanyard.iam.model.OutboundSigningKeys;
import dev.lanyard.iam.model.SamlProvider;
import dev.lanyard.iam.model.MfaDevice;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.Role;
import dev.lanyard.iam.model.StoredPolicy;
import dev.lanyard.iam.model.Tag;
import dev.lanyard.iam.model.User;
import dev.lanyard.iam.model.DelegationRequest;
import dev.lanyard.iam.model.OrganizationsFeatures;
import dev.lanyard.iam.model.SecretText;
import dev.lanyard.iam.model.ServerCertificate;
import dev.lanyard.iam.model.ServiceSpecificCredential;
import dev.lanyard.iam.model.SigningCertificate;
import dev.lanyard.iam.model.SshPublicKey;
import dev.lanyard.iam.model.StsPreferences;
import dev.lanyard.policy.PolicyKind;
import dev.lanyard.tokens.Sealer;
import dev.lanyard.tokens.SealedDataException;
import dev.lanyard.totp.FailedCodes;
import dev.lanyard.totp.TotpSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Maps entities to stored JSON documents by hand, field by field, so nothing secret can slip into a document by
 * accident. An entity's secret (an access key's secret, an MFA device's TOTP seed, a SAML provider's private keys, the
 * outbound signing keys) goes to its own column, encrypted under the master key with its purpose and row as associated
 * data, so a ciphertext copied to another row or purpose does not open.
 *
 * <p>Every secret is sealed here, through {@link #encode}, and nowhere else: so re-encoding every row re-seals every
 * secret, which is what a master-key rotation does ({@link MasterKeyRotation}).
 */
final class EntityCodec {
    private final ObjectMapper json;
    /** Seals every secret this codec encodes and opens every one it decodes: nothing else here touches a key. */
    private final Sealer masterKey;

    EntityCodec(Sealer masterKey) {
        this(new ObjectMapper(), masterKey);
    }

    private EntityCodec(ObjectMapper json, Sealer masterKey) {
        this.json = json;
        this.masterKey = masterKey;
    }

    /** The same mapping, sealing and opening with {@code keys} (a write seals under the key its transaction read). */
    EntityCodec with(Sealer keys) {
        return new EntityCodec(json, keys);
    }

    record Row(String type, String account, String id, String body, byte[] secret) {}

    Row encode(IamEntity entity) {
        ObjectNode node = json.createObjectNode();
        byte[] secret = null;
        switch (entity) {
            case Account a -> {
                node.put("id", a.id().value()).put("name", a.name()).put("email", a.email())
                        .put("status", a.status().name()).put("createdAt", a.createdAt().toString())
                        .put("management", a.management());
                node.set("tags", tags(a.tags()));
            }
            case Organization o -> {
                node.put("id", o.id()).put("managementAccount", o.managementAccount().value())
                        .put("managementEmail", o.managementEmail()).put("rootId", o.rootId());
            }
            case CreateAccountStatus s -> {
                node.put("id", s.id()).put("requestedBy", s.requestedBy().value()).put("accountName", s.accountName())
                        .put("state", s.state()).put("requestedAt", s.requestedAt().toString())
                        .put("completedAt", s.completedAt().toString());
                s.accountId().ifPresent(id -> node.put("accountId", id.value()));
                s.failureReason().ifPresent(r -> node.put("failureReason", r));
            }
            case User u -> {
                node.put("account", u.account().value()).put("userId", u.userId()).put("name", u.name())
                        .put("path", u.path()).put("createDate", u.createDate().toString());
                u.permissionsBoundaryArn().ifPresent(b -> node.put("permissionsBoundary", b));
                node.set("tags", tags(u.tags()));
                node.set("inlinePolicies", inline(u.inlinePolicies()));
                node.set("attachedPolicies", strings(u.attachedPolicyArns()));
            }
            case Group g -> {
                node.put("account", g.account().value()).put("groupId", g.groupId()).put("name", g.name())
                        .put("path", g.path()).put("createDate", g.createDate().toString());
                node.set("members", strings(g.memberUserIds()));
                node.set("inlinePolicies", inline(g.inlinePolicies()));
                node.set("attachedPolicies", strings(g.attachedPolicyArns()));
            }
            case Role r -> {
                node.put("account", r.account().value()).put("roleId", r.roleId()).put("name", r.name())
                        .put("path", r.path()).put("trustPolicy", r.trustPolicy().text())
                        .put("maxSessionDuration", r.maxSessionDuration().toSeconds())
                        .put("createDate", r.createDate().toString());
                node.set("trustPrincipalIds", stringMap(r.trustPolicy().principalIds()));
                r.description().ifPresent(d -> node.put("description", d));
                r.permissionsBoundaryArn().ifPresent(b -> node.put("permissionsBoundary", b));
                node.set("tags", tags(r.tags()));
                node.set("inlinePolicies", inline(r.inlinePolicies()));
                node.set("attachedPolicies", strings(r.attachedPolicyArns()));
            }
            case ManagedPolicy p -> {
                node.put("owner", p.owner()).put("policyId", p.policyId()).put("name", p.name()).put("path", p.path())
                        .put("createDate", p.createDate().toString()).put("updateDate", p.updateDate().toString())
                        .put("defaultVersionId", p.defaultVersionId());
                p.description().ifPresent(d -> node.put("description", d));
                ArrayNode versions = node.putArray("versions");
                for (ManagedPolicy.PolicyVersion v : p.versions()) {
                    versions.addObject().put("versionId", v.versionId()).put("document", v.policy().text())
                            .put("createDate", v.createDate().toString());
                }
                node.set("tags", tags(p.tags()));
            }
            case MfaDevice d -> {
                node.put("account", d.account().value()).put("serialNumber", d.serialNumber()).put("name", d.name())
                        .put("path", d.path()).put("lastAcceptedCounter", d.lastAcceptedCounter())
                        .put("driftSteps", d.driftSteps())
                        .put("createDate", d.createDate().toString());
                if (d.failedCodes().count() > 0) {
                    node.put("failedCodes", d.failedCodes().count())
                            .put("lastFailedCode", d.failedCodes().lastFailure().toString());
                }
                d.userName().ifPresent(u -> node.put("userName", u));
                d.enableDate().ifPresent(t -> node.put("enableDate", t.toString()));
                node.set("tags", tags(d.tags()));
                secret = masterKey.encrypt(d.seed().reveal(), seedAad(d.serialNumber()));
            }
            case AccountAlias a -> node.put("account", a.account().value()).put("alias", a.alias());
            case SamlProvider sp -> {
                node.put("account", sp.account().value()).put("name", sp.name())
                        .put("metadata", sp.metadataDocument()).put("uuid", sp.uuid())
                        .put("createDate", sp.createDate().toString());
                sp.validUntil().ifPresent(v -> node.put("validUntil", v.toString()));
                node.set("tags", tags(sp.tags()));
                node.put("encryptionRequired", sp.encryptionRequired());
                if (!sp.privateKeys().isEmpty()) {
                    ArrayNode keys = json.createArrayNode();
                    sp.privateKeys().forEach(k -> keys.addObject().put("keyId", k.keyId())
                            .put("timestamp", k.timestamp().toString()).put("pem", k.pem()));
                    secret = masterKey.encrypt(keys.toString().getBytes(StandardCharsets.UTF_8),
                            samlKeysAad(sp.name()));
                }
            }
            case OutboundFederation of -> node.put("account", of.account().value()).put("enabled", of.enabled());
            case OutboundSigningKeys ok -> {
                node.put("kind", "jwks");
                secret = masterKey.encrypt(ok.privateJwkSet().getBytes(StandardCharsets.UTF_8), OUTBOUND_AAD);
            }
            case OidcProvider o -> {
                node.put("account", o.account().value()).put("url", o.url())
                        .put("createDate", o.createDate().toString());
                node.set("clientIds", strings(o.clientIds()));
                node.set("thumbprints", strings(o.thumbprints()));
                node.set("tags", tags(o.tags()));
            }
            case InstanceProfile ip -> {
                node.put("account", ip.account().value()).put("instanceProfileId", ip.instanceProfileId())
                        .put("name", ip.name()).put("path", ip.path()).put("createDate", ip.createDate().toString());
                node.set("roles", strings(ip.roleNames()));
                node.set("tags", tags(ip.tags()));
            }
            case LoginProfile lp -> {
                node.put("account", lp.account().value()).put("userId", lp.userId())
                        .put("createDate", lp.createDate().toString())
                        .put("passwordResetRequired", lp.passwordResetRequired())
                        .put("passwordChanged", lp.passwordChanged().toString());
                // the hashes (current, then those it replaced) are sealed under the master key, like other secrets
                ArrayNode hashes = json.createArrayNode();
                hashes.add(lp.password().encoded());
                lp.previous().forEach(h -> hashes.add(h.encoded()));
                secret = masterKey.encrypt(hashes.toString().getBytes(StandardCharsets.UTF_8),
                        loginProfileAad(lp.userId()));
            }
            case PasswordPolicy pp -> {
                node.put("account", pp.account().value()).put("minimumPasswordLength", pp.minimumPasswordLength())
                        .put("requireSymbols", pp.requireSymbols()).put("requireNumbers", pp.requireNumbers())
                        .put("requireUppercaseCharacters", pp.requireUppercaseCharacters())
                        .put("requireLowercaseCharacters", pp.requireLowercaseCharacters())
                        .put("allowUsersToChangePassword", pp.allowUsersToChangePassword());
                pp.maxPasswordAge().ifPresent(v -> node.put("maxPasswordAge", v));
                pp.passwordReusePrevention().ifPresent(v -> node.put("passwordReusePrevention", v));
                pp.hardExpiry().ifPresent(v -> node.put("hardExpiry", v));
            }
            case ServiceLinkedRoleDeletion d -> node.put("account", d.account().value()).put("taskId", d.taskId())
                    .put("roleArn", d.roleArn()).put("status", d.status()).put("createDate", d.createDate().toString());
            case SshPublicKey k -> {
                node.put("account", k.account().value()).put("id", k.id()).put("userName", k.userName())
                        .put("body", k.body()).put("fingerprint", k.fingerprint()).put("status", k.status().name())
                        .put("uploadDate", k.uploadDate().toString());
            }
            case SigningCertificate c -> {
                node.put("account", c.account().value()).put("id", c.id()).put("body", c.body())
                        .put("status", c.status().name()).put("uploadDate", c.uploadDate().toString());
                c.userName().ifPresent(n -> node.put("userName", n));
            }
            case ServerCertificate c -> {
                node.put("account", c.account().value()).put("id", c.id()).put("name", c.name())
                        .put("path", c.path()).put("body", c.body()).put("uploadDate", c.uploadDate().toString())
                        .put("expiration", c.expiration().toString());
                c.chain().ifPresent(chain -> node.put("chain", chain));
                node.set("tags", tags(c.tags()));
                secret = masterKey.encrypt(c.privateKey().reveal().getBytes(StandardCharsets.UTF_8),
                        serverKeyAad(c.id()));
            }
            case ServiceSpecificCredential c -> {
                node.put("account", c.account().value()).put("id", c.id()).put("userName", c.userName())
                        .put("serviceName", c.serviceName()).put("serviceUserName", c.serviceUserName())
                        .put("status", c.status().name()).put("createDate", c.createDate().toString());
                c.expirationDate().ifPresent(t -> node.put("expirationDate", t.toString()));
                secret = masterKey.encrypt(c.secret().reveal().getBytes(StandardCharsets.UTF_8),
                        serviceCredentialAad(c.id()));
            }
            case DelegationRequest r -> {
                delegationRequest(node, r);
                if (r.tradeIn().isPresent()) {
                    secret = masterKey.encrypt(r.tradeIn().get().token().reveal().getBytes(StandardCharsets.UTF_8),
                            tradeInAad(r.id()));
                }
            }
            case StsPreferences p -> node.put("account", p.account().value())
                    .put("globalEndpointTokenVersion", p.globalEndpointTokenVersion().name());
            case OrganizationsFeatures f -> {
                node.put("organizationId", f.organizationId()).put("managementAccount", f.managementAccount().value());
                node.set("enabled", strings(f.enabled().stream().map(Enum::name).sorted().toList()));
            }
            case AccessKey k -> {
                node.put("id", k.id().value()).put("account", k.account().value()).put("status", k.status().name())
                        .put("createDate", k.createDate().toString());
                k.userName().ifPresent(n -> node.put("userName", n));
                secret = masterKey.encrypt(k.secret().revealUtf8(), secretAad(k.id().value()));
            }
        }
        var key = entity.key();
        return new Row(key.type().storedName(), key.account(), key.id(), node.toString(), secret);
    }

    IamEntity decode(Row row) {
        JsonNode n = readTree(row.body());
        return switch (EntityType.fromStoredName(row.type())) {
            case ACCOUNT -> new Account(AccountId.of(text(n, "id")), text(n, "name"), text(n, "email"),
                    Account.AccountStatus.valueOf(text(n, "status")), instant(n, "createdAt"),
                    n.path("management").asBoolean(), tags(n));
            case ORGANIZATION -> new Organization(text(n, "id"), AccountId.of(text(n, "managementAccount")),
                    text(n, "managementEmail"), text(n, "rootId"));
            case CREATE_ACCOUNT_STATUS -> new CreateAccountStatus(text(n, "id"), AccountId.of(text(n, "requestedBy")),
                    text(n, "accountName"), text(n, "state"), instant(n, "requestedAt"), instant(n, "completedAt"),
                    optional(n, "accountId").map(AccountId::of), optional(n, "failureReason"));
            case USER -> new User(AccountId.of(text(n, "account")), text(n, "userId"), text(n, "name"),
                    text(n, "path"), instant(n, "createDate"), optional(n, "permissionsBoundary"), tags(n),
                    inline(n, PolicyKind.INLINE), strings(n.path("attachedPolicies")));
            case GROUP -> new Group(AccountId.of(text(n, "account")), text(n, "groupId"), text(n, "name"),
                    text(n, "path"), instant(n, "createDate"), strings(n.path("members")),
                    inline(n, PolicyKind.INLINE), strings(n.path("attachedPolicies")));
            case ROLE -> new Role(AccountId.of(text(n, "account")), text(n, "roleId"), text(n, "name"),
                    text(n, "path"), stored(text(n, "trustPolicy"), PolicyKind.TRUST)
                            .withPrincipalIds(stringMap(n.path("trustPrincipalIds"))), optional(n, "description"),
                    Duration.ofSeconds(n.path("maxSessionDuration").asLong()), instant(n, "createDate"),
                    optional(n, "permissionsBoundary"), tags(n), inline(n, PolicyKind.INLINE),
                    strings(n.path("attachedPolicies")));
            case MANAGED_POLICY -> decodePolicy(n);
            case MFA_DEVICE -> new MfaDevice(AccountId.of(text(n, "account")), text(n, "serialNumber"), text(n, "name"),
                    text(n, "path"), decryptSeed(row), optional(n, "userName"),
                    optional(n, "enableDate").map(Instant::parse), n.path("lastAcceptedCounter").asLong(),
                    n.path("driftSteps").asLong(0), failedCodes(n), instant(n, "createDate"), tags(n));
            case SAML_PROVIDER -> new SamlProvider(AccountId.of(text(n, "account")), text(n, "name"),
                    text(n, "metadata"), text(n, "uuid"), instant(n, "createDate"),
                    optional(n, "validUntil").map(Instant::parse), tags(n), n.path("encryptionRequired").asBoolean(),
                    samlKeys(row));
            case OUTBOUND_FEDERATION -> new OutboundFederation(AccountId.of(text(n, "account")),
                    n.path("enabled").asBoolean());
            case OUTBOUND_SIGNING_KEYS -> new OutboundSigningKeys(decryptOutbound(row));
            case OIDC_PROVIDER -> new OidcProvider(AccountId.of(text(n, "account")), text(n, "url"),
                    strings(n.path("clientIds")), strings(n.path("thumbprints")), instant(n, "createDate"), tags(n));
            case ACCOUNT_ALIAS -> new AccountAlias(AccountId.of(text(n, "account")), text(n, "alias"));
            case INSTANCE_PROFILE -> new InstanceProfile(AccountId.of(text(n, "account")),
                    text(n, "instanceProfileId"), text(n, "name"), text(n, "path"), instant(n, "createDate"),
                    strings(n.path("roles")), tags(n));
            case LOGIN_PROFILE -> loginProfile(n, row);
            case PASSWORD_POLICY -> new PasswordPolicy(AccountId.of(text(n, "account")),
                    n.path("minimumPasswordLength").asInt(), n.path("requireSymbols").asBoolean(),
                    n.path("requireNumbers").asBoolean(), n.path("requireUppercaseCharacters").asBoolean(),
                    n.path("requireLowercaseCharacters").asBoolean(), n.path("allowUsersToChangePassword").asBoolean(),
                    optionalInt(n, "maxPasswordAge"), optionalInt(n, "passwordReusePrevention"),
                    n.has("hardExpiry") ? Optional.of(n.path("hardExpiry").asBoolean()) : Optional.empty());
            case SERVICE_LINKED_ROLE_DELETION -> new ServiceLinkedRoleDeletion(AccountId.of(text(n, "account")),
                    text(n, "taskId"), text(n, "roleArn"), text(n, "status"), instant(n, "createDate"));
            case SSH_PUBLIC_KEY -> new SshPublicKey(AccountId.of(text(n, "account")), text(n, "id"),
                    text(n, "userName"), text(n, "body"), text(n, "fingerprint"),
                    AccessKey.Status.valueOf(text(n, "status")), instant(n, "uploadDate"));
            case SIGNING_CERTIFICATE -> new SigningCertificate(AccountId.of(text(n, "account")), text(n, "id"),
                    optional(n, "userName"), text(n, "body"), AccessKey.Status.valueOf(text(n, "status")),
                    instant(n, "uploadDate"));
            case SERVER_CERTIFICATE -> new ServerCertificate(AccountId.of(text(n, "account")), text(n, "id"),
                    text(n, "name"), text(n, "path"), text(n, "body"), optional(n, "chain"),
                    decryptText(row, serverKeyAad(text(n, "id")), "the private key of server certificate"),
                    instant(n, "uploadDate"), instant(n, "expiration"), tags(n));
            case SERVICE_SPECIFIC_CREDENTIAL -> new ServiceSpecificCredential(AccountId.of(text(n, "account")),
                    text(n, "id"), text(n, "userName"), text(n, "serviceName"), text(n, "serviceUserName"),
                    decryptText(row, serviceCredentialAad(text(n, "id")), "the secret of service-specific credential"),
                    AccessKey.Status.valueOf(text(n, "status")), instant(n, "createDate"),
                    optional(n, "expirationDate").map(Instant::parse));
            case DELEGATION_REQUEST -> delegationRequest(n, row.secret() == null ? Optional.empty()
                    : Optional.of(new DelegationRequest.TradeIn(decryptText(row, tradeInAad(text(n, "id")),
                            "the trade-in token of delegation request"), optional(n, "redeemedAt").map(Instant::parse))));
            case STS_PREFERENCES -> new StsPreferences(AccountId.of(text(n, "account")),
                    StsPreferences.GlobalEndpointTokenVersion.valueOf(text(n, "globalEndpointTokenVersion")));
            case ORGANIZATIONS_FEATURES -> new OrganizationsFeatures(text(n, "organizationId"),
                    AccountId.of(text(n, "managementAccount")), strings(n.path("enabled")).stream()
                            .map(OrganizationsFeatures.Feature::valueOf).collect(Collectors.toSet()));
            case ACCESS_KEY -> new AccessKey(new AccessKeyId(text(n, "id")), AccountId.of(text(n, "account")),
                    optional(n, "userName"), decryptSecret(row), AccessKey.Status.valueOf(text(n, "status")),
                    instant(n, "createDate"));
        };
    }

    private ManagedPolicy decodePolicy(JsonNode n) {
        List<ManagedPolicy.PolicyVersion> versions = new ArrayList<>();
        for (JsonNode v : n.path("versions")) {
            versions.add(new ManagedPolicy.PolicyVersion(text(v, "versionId"),
                    stored(text(v, "document"), PolicyKind.MANAGED), instant(v, "createDate")));
        }
        return new ManagedPolicy(text(n, "owner"), text(n, "policyId"), text(n, "name"), text(n, "path"),
                optional(n, "description"), instant(n, "createDate"), instant(n, "updateDate"),
                text(n, "defaultVersionId"), versions, tags(n));
    }

    private LoginProfile loginProfile(JsonNode n, Row row) {
        String userId = text(n, "userId");
        List<PasswordHash> hashes = new ArrayList<>();
        try {
            readTree(new String(masterKey.decrypt(row.secret(), loginProfileAad(userId)), StandardCharsets.UTF_8))
                    .forEach(h -> hashes.add(PasswordHash.of(h.asText())));
        } catch (SealedDataException e) {
            throw new IllegalStateException("cannot decrypt the login profile of user " + userId, e);
        }
        return new LoginProfile(AccountId.of(text(n, "account")), userId, hashes.getFirst(), instant(n, "createDate"),
                n.path("passwordResetRequired").asBoolean(), instant(n, "passwordChanged"),
                hashes.subList(1, hashes.size()));
    }

    private static byte[] loginProfileAad(String userId) {
        return ("login-profile:" + userId).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Integer> optionalInt(JsonNode n, String field) {
        return n.has(field) ? Optional.of(n.path(field).asInt()) : Optional.empty();
    }

    private SecretAccessKey decryptSecret(Row row) {
        try {
            byte[] plain = masterKey.decrypt(row.secret(), secretAad(row.id()));
            return SecretAccessKey.of(new String(plain, StandardCharsets.UTF_8));
        } catch (SealedDataException e) {
            throw new IllegalStateException("cannot decrypt the secret of access key " + row.id()
                    + ": is this the master key the data directory was created with?", e);
        }
    }

    private TotpSeed decryptSeed(Row row) {
        try {
            return TotpSeed.of(masterKey.decrypt(row.secret(), seedAad(row.id())));
        } catch (SealedDataException e) {
            throw new IllegalStateException("cannot decrypt the seed of MFA device " + row.id(), e);
        }
    }

    private List<SamlProvider.PrivateKeyEntry> samlKeys(Row row) {
        if (row.secret() == null) {
            return List.of();
        }
        try {
            JsonNode keys = readTree(new String(masterKey.decrypt(row.secret(), samlKeysAad(row.id())),
                    StandardCharsets.UTF_8));
            List<SamlProvider.PrivateKeyEntry> result = new ArrayList<>();
            keys.forEach(k -> result.add(new SamlProvider.PrivateKeyEntry(text(k, "keyId"), instant(k, "timestamp"),
                    text(k, "pem"))));
            return result;
        } catch (SealedDataException e) {
            throw new IllegalStateException("cannot decrypt the keys of SAML provider " + row.id(), e);
        }
    }

    private static byte[] samlKeysAad(String providerName) {
        return ("saml-provider-keys:" + providerName.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] OUTBOUND_AAD = "outbound-signing-keys".getBytes(StandardCharsets.UTF_8);

    private String decryptOutbound(Row row) {
        try {
            return new String(masterKey.decrypt(row.secret(), OUTBOUND_AAD), StandardCharsets.UTF_8);
        } catch (SealedDataException e) {
            throw new IllegalStateException("cannot decrypt the outbound signing keys", e);
        }
    }

    private SecretText decryptText(Row row, byte[] aad, String what) {
        try {
            return SecretText.of(new String(masterKey.decrypt(row.secret(), aad), StandardCharsets.UTF_8));
        } catch (SealedDataException e) {
            throw new IllegalStateException("cannot decrypt " + what + " " + row.id(), e);
        }
    }

    private static byte[] serverKeyAad(String certificateId) {
        return ("server-certificate-key:" + certificateId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] serviceCredentialAad(String credentialId) {
        return ("service-specific-credential:" + credentialId).getBytes(StandardCharsets.UTF_8);
    }

    private void delegationRequest(ObjectNode node, DelegationRequest r) {
        node.put("id", r.id()).put("requestor", r.requestor().value()).put("requestorName", r.requestorName())
                .put("description", r.description()).put("requestorWorkflowId", r.requestorWorkflowId())
                .put("notificationChannel", r.notificationChannel()).put("sessionDuration", r.sessionDuration())
                .put("onlySendByOwner", r.onlySendByOwner()).put("state", r.state().name())
                .put("createDate", r.createDate().toString()).put("updatedTime", r.updatedTime().toString())
                .put("expirationTime", r.expirationTime().toString());
        r.ownerAccount().ifPresent(a -> node.put("ownerAccount", a.value()));
        r.ownerId().ifPresent(o -> node.put("ownerId", o));
        r.requestMessage().ifPresent(m -> node.put("requestMessage", m));
        r.redirectUrl().ifPresent(u -> node.put("redirectUrl", u));
        r.approverId().ifPresent(a -> node.put("approverId", a));
        r.notes().ifPresent(t -> node.put("notes", t));
        r.rejectionReason().ifPresent(t -> node.put("rejectionReason", t));
        r.permissions().policyTemplateArn().ifPresent(a -> node.put("policyTemplateArn", a));
        r.tradeIn().flatMap(DelegationRequest.TradeIn::redeemedAt).ifPresent(t -> node.put("redeemedAt",
                t.toString()));
        ArrayNode parameters = node.putArray("parameters");
        for (DelegationRequest.PolicyParameter p : r.permissions().parameters()) {
            ObjectNode entry = parameters.addObject().put("name", p.name()).put("type", p.type());
            entry.set("values", strings(p.values()));
        }
    }

    private static DelegationRequest delegationRequest(JsonNode n, Optional<DelegationRequest.TradeIn> tradeIn) {
        List<DelegationRequest.PolicyParameter> parameters = new ArrayList<>();
        n.path("parameters").forEach(p -> parameters.add(new DelegationRequest.PolicyParameter(text(p, "name"),
                strings(p.path("values")), text(p, "type"))));
        return new DelegationRequest(text(n, "id"), AccountId.of(text(n, "requestor")), text(n, "requestorName"),
                optional(n, "ownerAccount").map(AccountId::of), optional(n, "ownerId"), text(n, "description"),
                optional(n, "requestMessage"), new DelegationRequest.Permissions(optional(n, "policyTemplateArn"),
                        parameters), text(n, "requestorWorkflowId"), optional(n, "redirectUrl"),
                text(n, "notificationChannel"), n.path("sessionDuration").asInt(), n.path("onlySendByOwner").asBoolean(),
                DelegationRequest.State.valueOf(text(n, "state")), optional(n, "approverId"), optional(n, "notes"),
                optional(n, "rejectionReason"), instant(n, "createDate"), instant(n, "updatedTime"),
                instant(n, "expirationTime"), tradeIn);
    }

    private static byte[] tradeInAad(String delegationRequestId) {
        return ("trade-in-token:" + delegationRequestId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] seedAad(String serialNumber) {
        return ("mfa-seed:" + serialNumber).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] secretAad(String accessKeyId) {
        return ("iam-secret-key:" + accessKeyId).getBytes(StandardCharsets.UTF_8);
    }

    private static StoredPolicy stored(String text, PolicyKind kind) {
        return StoredPolicy.parse(text, kind);
    }

    private ArrayNode tags(List<Tag> tags) {
        ArrayNode array = json.createArrayNode();
        tags.forEach(t -> array.addObject().put("key", t.key()).put("value", t.value()));
        return array;
    }

    private static List<Tag> tags(JsonNode n) {
        List<Tag> tags = new ArrayList<>();
        n.path("tags").forEach(t -> tags.add(new Tag(text(t, "key"), text(t, "value"))));
        return tags;
    }

    private ArrayNode inline(List<InlinePolicy> policies) {
        ArrayNode array = json.createArrayNode();
        policies.forEach(p -> array.addObject().put("name", p.name()).put("document", p.policy().text()));
        return array;
    }

    private static List<InlinePolicy> inline(JsonNode n, PolicyKind kind) {
        List<InlinePolicy> policies = new ArrayList<>();
        n.path("inlinePolicies").forEach(p -> policies.add(
                new InlinePolicy(text(p, "name"), stored(text(p, "document"), kind))));
        return policies;
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = json.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private ObjectNode stringMap(Map<String, String> values) {
        ObjectNode object = json.createObjectNode();
        new TreeMap<>(values).forEach(object::put);
        return object;
    }

    /** Absent in entities written before the field existed: an empty map. */
    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> values = new LinkedHashMap<>();
        n.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private static List<String> strings(JsonNode n) {
        List<String> values = new ArrayList<>();
        n.forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt stored entity", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode value = n.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalStateException("stored entity lacks field " + field);
        }
        return value.asText();
    }

    private static Optional<String> optional(JsonNode n, String field) {
        JsonNode value = n.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    /** Absent in documents written before devices counted failures, and whenever the count is zero. */
    private static FailedCodes failedCodes(JsonNode n) {
        int count = n.path("failedCodes").asInt(0);
        return count == 0 ? FailedCodes.NONE : new FailedCodes(count, instant(n, "lastFailedCode"));
    }

    private static Instant instant(JsonNode n, String field) {
        return Instant.parse(text(n, field));
    }
}
