package dev.lanyard.iamapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.authz.ServiceAuthorization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry check: the next operation cannot be served without a row and a source for every key of its row. */
class IamRequestKeysTest {
    private static final ServiceAuthorization REFERENCE = ServiceAuthorization.load();

    @Test
    void everyKeyOfTheServedRowsAndOfPassRoleHasASourceOrAReason() {
        IamRequestKeys.requireSources(REFERENCE, List.of("CreateUser", "AddRoleToInstanceProfile",
                "CreateServiceLinkedRole", "CreateDelegationRequest", "EnableMFADevice"));
        for (String key : REFERENCE.require("iam:PassRole").conditionKeys().keySet()) {
            assertThat(IamRequestKeys.sourced(key)).as(key).isTrue();
        }
    }

    @Test
    void anOperationWithoutARowIsRefused() {
        assertThatThrownBy(() -> IamRequestKeys.requireSources(REFERENCE, List.of("AddRoleToInstanceProfile",
                "BrewCoffee"))).hasMessageContaining("iam:BrewCoffee");
    }

    /** GetAccountProperties is not served: its key has no source yet, so serving it would fail here first. */
    @Test
    void anOperationWhoseRowHasAKeyWithoutASourceIsRefused() {
        assertThatThrownBy(() -> IamRequestKeys.requireSources(REFERENCE, List.of("AddRoleToInstanceProfile",
                "GetAccountProperties")))
                .hasMessageContaining("iam:GetAccountProperties iam:AccountPropertyNamespaces");
    }

    @Test
    void aRoleDestinationOfAnOperationNotServedIsRefused() {
        assertThatThrownBy(() -> IamRequestKeys.requireSources(REFERENCE, List.of("CreateUser")))
                .hasMessageContaining("AddRoleToInstanceProfile");
    }
}
