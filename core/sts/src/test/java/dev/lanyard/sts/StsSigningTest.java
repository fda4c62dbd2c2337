package dev.lanyard.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.pipeline.ModelledOperations;
import dev.lanyard.pipeline.Operation;
import dev.lanyard.pipeline.OperationCall;
import dev.lanyard.pipeline.Signing;
import dev.lanyard.query.Struct;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each STS operation declares survives the model's wrapper, which every served operation goes through. */
class StsSigningTest {
    private static final Operation UNSIGNED = new Operation() {
        @Override
        public Optional<Struct> handle(OperationCall call) {
            return Optional.empty();
        }

        @Override
        public Signing signing() {
            return Signing.UNSIGNED;
        }
    };

    @Test
    void theModelWrapperKeepsEachOperationsSigning() {
        Map<String, Operation> wrapped = ModelledOperations.wrap(StsOperations.MODEL, StsOperations.STYLE, Map.of(
                "GetCallerIdentity", new GetCallerIdentity(),
                "AssumeRoleWithWebIdentity", UNSIGNED,
                "AssumeRole", call -> Optional.empty()));
        assertThat(wrapped.get("GetCallerIdentity").signing()).isEqualTo(Signing.SIGNED_IDENTITY_PROOF);
        assertThat(wrapped.get("AssumeRoleWithWebIdentity").signing()).isEqualTo(Signing.UNSIGNED);
        assertThat(wrapped.get("AssumeRole").signing()).isEqualTo(Signing.SIGNED);
    }
}
