package dev.lanyard.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.ServiceAuthorization.ActionAuthorization;
import dev.lanyard.authz.ServiceAuthorization.ConditionKeyType;
import dev.lanyard.authz.ServiceAuthorization.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAuthorizationTest {
    private static final ServiceAuthorization REFERENCE = ServiceAuthorization.load();

    @Test
    void anActionCarriesItsOwnKeysAndThoseOfItsResourceTypes() {
        ActionAuthorization attach = REFERENCE.require("iam:AttachUserPolicy");
        assertThat(attach.resourceTypes()).containsExactly(new ResourceType("user", true));
        assertThat(attach.conditionKeys()).containsOnlyKeys("iam:PermissionsBoundary", "iam:PolicyARN",
                "aws:ResourceTag/${TagKey}", "iam:ResourceTag/${TagKey}");
        assertThat(attach.conditionKeys().get("iam:PolicyARN")).isEqualTo(ConditionKeyType.ARN);
        ActionAuthorization profile = REFERENCE.require("iam:TagInstanceProfile");
        assertThat(profile.carries("aws:ResourceTag/team")).isTrue();
        assertThat(profile.carries("iam:ResourceTag/team")).as("IAM defines it for users and roles").isFalse();
        assertThat(REFERENCE.require("iam:PassRole").conditionKeys()).containsKeys("iam:PassedToService",
                "iam:AssociatedResourceArn");
        assertThat(REFERENCE.require("iam:ListUsers").resourceTypes()).isEmpty();
    }

    @Test
    void actionsAndKeysAreCaseInsensitiveAndPlaceholdersNeedACharacter() {
        assertThat(REFERENCE.action("IAM:attachuserpolicy")).isPresent();
        ActionAuthorization tag = REFERENCE.require("iam:TagUser");
        assertThat(tag.carries("AWS:requesttag/Team")).isTrue();
        assertThat(tag.carries("aws:RequestTag/")).isFalse();
        assertThat(tag.carries("aws:RequestTagX")).isFalse();
        assertThat(REFERENCE.require("sts:AssumeRoleWithWebIdentity")
                .carries("token.actions.githubusercontent.com/octo/repo:repository")).isTrue();
    }

    @Test
    void arrayTypesAreMultivalued() {
        assertThat(REFERENCE.require("iam:UntagUser").conditionKeys().get("aws:TagKeys").multivalued()).isTrue();
        assertThat(ConditionKeyType.ARN.multivalued()).isFalse();
    }

    @Test
    void aRegistryWithAnOperationMissingFromTheTableIsRefused() {
        REFERENCE.requireRows("iam", List.of("CreateUser", "PassRole"));
        assertThatThrownBy(() -> REFERENCE.requireRows("iam", List.of("CreateUser", "BrewCoffee")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("iam:BrewCoffee");
        assertThatThrownBy(() -> REFERENCE.require("sts:BrewCoffee")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTableThatContradictsItselfDoesNotLoad() {
        assertThatThrownBy(() -> ServiceAuthorization.parse(List.of("action iam:X thing*")))
                .hasMessageContaining("unknown resource type thing");
        assertThatThrownBy(() -> ServiceAuthorization.parse(List.of("action iam:X - iam:Untyped")))
                .hasMessageContaining("iam:Untyped without a type");
        assertThatThrownBy(() -> ServiceAuthorization.parse(List.of("key iam:K String", "key iam:K ARN")))
                .hasMessageContaining("two types");
        assertThatThrownBy(() -> ServiceAuthorization.parse(List.of("key iam:K Text")))
                .hasMessageContaining("unknown condition key type Text");
        assertThatThrownBy(() -> ServiceAuthorization.parse(List.of("grant iam:X")))
                .hasMessageContaining("unexpected line");
    }
}
