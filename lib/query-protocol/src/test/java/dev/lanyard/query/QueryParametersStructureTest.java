package dev.lanyard.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.AwsException;
import dev.lanyard.aws.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParametersStructureTest {

    private static QueryParameters body(String form) {
        return QueryParameters.decode("", form.getBytes(UTF_8));
    }

    private static void assertValidationError(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    @Test
    void memberList() {
        QueryParameters p = body("Audience.member.2=b&Audience.member.1=a&Audience.member.3=c");
        assertThat(p.list("Audience")).containsExactly("a", "b", "c");
    }

    @Test
    void absentOrEmptyListIsEmpty() {
        assertThat(body("a=1").list("Tags")).isEmpty();
        assertThat(body("Tags=").list("Tags")).isEmpty();
        assertThat(body("Tags").list("Tags")).isEmpty();
        assertThat(body("Tags=").structList("Tags")).isEmpty();
        assertThat(body("PolicyArns=").structList("PolicyArns")).isEmpty();
        assertThat(body("M=").map("M")).isEmpty();
        assertThat(body("S=").struct("S")).isEmpty();
    }

    @Test
    void emptyMarkerNextToMembersIsIgnored() {
        assertThat(body("Tags=&Tags.member.1=x").list("Tags")).containsExactly("x");
    }

    @Test
    void nonEmptyScalarForACollectionIsRejected() {
        assertValidationError(() -> body("Tags=oops").list("Tags"), "Tags.member.N");
        assertValidationError(() -> body("Tags=oops").structList("Tags"), "Tags.member.N.Field");
        assertValidationError(() -> body("M=oops").map("M"), "M.entry.N.key");
        assertValidationError(() -> body("S=oops").struct("S"), "S.Field");
    }

    @Test
    void gapsAreRejected() {
        assertValidationError(() -> body("A.member.1=a&A.member.3=c").list("A"), "gap");
        assertValidationError(() -> body("A.member.2=b").list("A"), "gap");
        assertValidationError(() -> body("T.member.1.Key=k&T.member.3.Key=k").structList("T"), "gap");
        assertValidationError(() -> body("M.entry.2.key=k&M.entry.2.value=v").map("M"), "gap");
        assertValidationError(() -> body("A.member.1=a&A.member.1000000000=z").list("A"), "A.member.1000000000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "01", "007"})
    void zeroAndLeadingZeroIndexesAreRejected(String index) {
        assertValidationError(() -> body("A.member." + index + "=x").list("A"), "invalid member index");
        assertValidationError(() -> body("A.member." + index + ".F=x").structList("A"), "invalid member index");
    }

    @Test
    void namesOfOtherShapesAreIgnored() {
        QueryParameters p = body("A.member.1=a&A.member.x=?&A.member.1.F=f&A.members.2=?&AB.member.2=?&A.member.=?");
        assertThat(p.list("A")).containsExactly("a");
        assertThat(p.structList("A")).containsExactly(Map.of("F", "f"));
    }

    @Test
    void structList() {
        QueryParameters p = body("Tags.member.1.Key=k1&Tags.member.1.Value=v1&Tags.member.2.Key=k2"
                + "&Tags.member.2.Value=&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess");
        assertThat(p.structList("Tags")).containsExactly(Map.of("Key", "k1", "Value", "v1"), Map.of("Key", "k2", "Value", ""));
        assertThat(p.structList("PolicyArns"))
                .containsExactly(Map.of("arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"));
        assertThat(p.structList("Tags").get(0).keySet()).containsExactly("Key", "Value");
    }

    @Test
    void structListFieldsMayBeNested() {
        QueryParameters p = body("C.member.1.ContextKeyName=k&C.member.1.ContextKeyValues.member.1=v1"
                + "&C.member.1.ContextKeyValues.member.2=v2");
        assertThat(p.structList("C")).containsExactly(Map.of(
                "ContextKeyName", "k", "ContextKeyValues.member.1", "v1", "ContextKeyValues.member.2", "v2"));
    }

    @Test
    void nestedStruct() {
        QueryParameters p = body("TargetPrincipal=111122223333"
                + "&TaskPolicyArn.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2Froot-task%2FIAMAuditRootUserCredentials");
        assertThat(p.struct("TaskPolicyArn"))
                .containsExactly(Map.entry("arn", "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"));
        assertThat(p.struct("Absent")).isEmpty();
        assertValidationError(() -> p.struct("TargetPrincipal"), "TargetPrincipal.Field");
        assertThat(body("S.=x").struct("S")).isEmpty();
    }

    @Test
    void queryMap() {
        QueryParameters p = body("Attr.entry.2.value=v2&Attr.entry.1.key=k1&Attr.entry.1.value=v1&Attr.entry.2.key=k2");
        assertThat(p.map("Attr")).containsExactly(Map.entry("k1", "v1"), Map.entry("k2", "v2"));
    }

    @Test
    void queryMapEntriesNeedKeyAndValueAndUniqueKeys() {
        assertValidationError(() -> body("M.entry.1.key=k").map("M"), "M.entry.1.value");
        assertValidationError(() -> body("M.entry.1.value=v").map("M"), "M.entry.1.key");
        assertValidationError(
                () -> body("M.entry.1.key=k&M.entry.1.value=1&M.entry.2.key=k&M.entry.2.value=2").map("M"), "'k'");
    }

    @Test
    void mergeOfQueryAndBodyFeedsCollections() {
        QueryParameters p = QueryParameters.decode("Tags.member.1.Key=a&Tags.member.1.Value=1",
                "Tags.member.2.Key=b&Tags.member.2.Value=2".getBytes(UTF_8));
        assertThat(p.structList("Tags")).containsExactly(Map.of("Key", "a", "Value", "1"), Map.of("Key", "b", "Value", "2"));
    }

    @Test
    void integers() {
        QueryParameters p = body("D=900&N=-5&P=%2B7&Max=2147483647&Min=-2147483648&Z=0000000000012");
        assertThat(p.integer("D")).contains(900);
        assertThat(p.integer("N")).contains(-5);
        assertThat(p.integer("P")).contains(7);
        assertThat(p.integer("Max")).contains(Integer.MAX_VALUE);
        assertThat(p.integer("Min")).contains(Integer.MIN_VALUE);
        assertThat(p.integer("Z")).contains(12);
        assertThat(p.integer("Absent")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "9x", "1.5", "-", "+", " 1", "1e3", "2147483648", "-2147483649", "99999999999999999999"})
    void nonIntegersAreValidationErrors(String value) {
        QueryParameters p = QueryParameters.decode("", ("DurationSeconds=" + value.replace("+", "%2B")).getBytes(UTF_8));
        assertThatThrownBy(() -> p.integer("DurationSeconds")).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value '" + value
                    + "' at 'durationSeconds' failed to satisfy constraint: Member must be an integer");
        });
    }

    @Test
    void booleans() {
        QueryParameters p = body("T=true&F=false&X=TRUE&Y=1");
        assertThat(p.bool("T")).contains(true);
        assertThat(p.bool("F")).contains(false);
        assertThat(p.bool("Absent")).isEmpty();
        assertValidationError(() -> p.bool("X"), "Value 'TRUE' at 'x'");
        assertValidationError(() -> p.bool("Y"), "Member must be true or false");
    }

    @Test
    void collectionsAreUnmodifiable() {
        QueryParameters p = body("A.member.1=a&T.member.1.K=v");
        assertThatThrownBy(() -> p.list("A").add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.structList("T").get(0).put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.names().remove("A.member.1")).isInstanceOf(UnsupportedOperationException.class);
    }
}
