package dev.lanyard.iamapi;

import dev.lanyard.iam.model.EntityChange;
import dev.lanyard.iam.model.IamSnapshot;
import dev.lanyard.iam.model.Organization;
import dev.lanyard.iam.model.OrganizationsFeatures;
import dev.lanyard.iam.model.OrganizationsFeatures.Feature;
import dev.lanyard.iam.model.StsPreferences;
import dev.lanyard.iam.model.StsPreferences.GlobalEndpointTokenVersion;
import dev.lanyard.iam.spi.IamStore.Mutation;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.query.Struct;
import dev.lanyard.query.Value;
import dev.lanyard.query.ValidationErrors;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Account-wide settings: the global endpoint's token version ({@code SetSecurityTokenServicePreferences}), and the
 * centralized root access features of the organization, which only its management account may read or change.
 * Lanyard's organization always has all features, and IAM's trusted access in Organizations is always on.
 */
final class OrganizationsRootOperations {
    private final IamContext ctx;

    OrganizationsRootOperations(IamContext ctx) {
        this.ctx = ctx;
    }

    void register(Map<String, Operation> ops) {
        ops.put("SetSecurityTokenServicePreferences", this::setStsPreferences);
        ops.put("ListOrganizationsFeatures", call -> features(call, Optional.empty(), false));
        ops.put("EnableOrganizationsRootCredentialsManagement",
                call -> features(call, Optional.of(Feature.RootCredentialsManagement), true));
        ops.put("DisableOrganizationsRootCredentialsManagement",
                call -> features(call, Optional.of(Feature.RootCredentialsManagement), false));
        ops.put("EnableOrganizationsRootSessions", call -> features(call, Optional.of(Feature.RootSessions), true));
        ops.put("DisableOrganizationsRootSessions", call -> features(call, Optional.of(Feature.RootSessions), false));
    }

    private Optional<Struct> setStsPreferences(OperationCall call) {
        String value = call.parameters().required("GlobalEndpointTokenVersion");
        GlobalEndpointTokenVersion version = switch (value) {
            case "v1Token" -> GlobalEndpointTokenVersion.v1Token;
            case "v2Token" -> GlobalEndpointTokenVersion.v2Token;
            default -> throw ValidationErrors.single("globalEndpointTokenVersion", value,
                    "Member must satisfy enum value set: [v1Token, v2Token]");
        };
        ctx.authorize(call, "*");
        ctx.store().update(snapshot -> {
            StsPreferences preferences = new StsPreferences(call.requireCaller().account(), version);
            return Mutation.of(preferences, EntityChange.upsert(preferences));
        });
        return Optional.empty();
    }

    /** Lists the features, or turns one on or off; Enable is the management account's alone. */
    private Optional<Struct> features(OperationCall call, Optional<Feature> feature, boolean enable) {
        ctx.authorize(call, "*");
        Organization organization = requireManagement(ctx.store().snapshot(), call, feature.isPresent() && enable);
        OrganizationsFeatures current = feature.isEmpty() ? current(ctx.store().snapshot(), organization)
                : ctx.store().update(snapshot -> {
                    Organization org = requireManagement(snapshot, call, enable);
                    OrganizationsFeatures next = current(snapshot, org).with(feature.get(), enable);
                    return Mutation.of(next, EntityChange.upsert(next));
                });
        return Optional.of(Struct.builder()
                .put("OrganizationId", current.organizationId())
                .put("EnabledFeatures", new Value.ListOf(current.enabled().stream().sorted()
                        .<Value>map(f -> new Value.Text(f.name())).toList()))
                .build());
    }

    private static OrganizationsFeatures current(IamSnapshot snapshot, Organization org) {
        return snapshot.get(new OrganizationsFeatures(org.id(), org.managementAccount(), Set.of()).key())
                .map(OrganizationsFeatures.class::cast)
                .orElse(new OrganizationsFeatures(org.id(), org.managementAccount(), Set.of()));
    }

    private static Organization requireManagement(IamSnapshot snapshot, OperationCall call, boolean enabling) {
        Organization org = snapshot.organization().orElseThrow(IamErrors::organizationNotFound);
        if (!org.managementAccount().equals(call.requireCaller().account())) {
            throw enabling ? IamErrors.callerIsNotManagementAccount()
                    : IamErrors.notManagementOrDelegatedAdministrator();
        }
        return org;
    }
}
