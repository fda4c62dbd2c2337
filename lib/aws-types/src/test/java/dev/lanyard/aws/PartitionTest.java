package dev.lanyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionTest {
    private static final AccountId ACCOUNT = AccountId.of("123456789012");

    @Test
    void acceptsAwsPartitionIdsAndTheOperatorsOwn() {
        for (String good : new String[] {"aws", "aws-cn", "aws-us-gov", "aws-iso-b", "aws-eusc", "lanyard", "a",
                "corp2-eu", "a".repeat(Partition.MAX_LENGTH)}) {
            assertThat(Partition.isValid(good)).as(good).isTrue();
            assertThat(Partition.of(good).name()).isEqualTo(good);
        }
    }

    @Test
    void refusesWhatIsNoPartitionId() {
        for (String bad : new String[] {"", "AWS", "Aws-cn", "aws-", "-aws", "1aws", "aws_cn", "aws cn", "aws:cn",
                "*", "aws*", "a".repeat(Partition.MAX_LENGTH + 1), "aws\n", "ａws"}) {
            assertThat(Partition.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> Partition.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Partition.isValid(null)).isFalse();
    }

    @Test
    void namesTheRuleEachMistakeBreaks() {
        assertThat(Partition.problem("")).contains("a partition cannot be empty");
        assertThat(Partition.problem("a".repeat(33))).contains("a partition is at most 32 characters, not 33");
        assertThat(Partition.problem("Aws")).contains("a partition begins with a lower-case letter: 'Aws'");
        assertThat(Partition.problem("1aws")).contains("a partition begins with a lower-case letter: '1aws'");
        assertThat(Partition.problem("aws-")).contains("a partition cannot end in a hyphen: 'aws-'");
        assertThat(Partition.problem("aws_cn"))
                .contains("a partition is lower-case letters, digits and hyphens, not '_': 'aws_cn'");
        assertThat(Partition.problem("awS")).contains("a partition is lower-case letters, digits and hyphens, not 'S':"
                + " 'awS'");
        assertThat(Partition.problem("lanyard")).isEmpty();
        assertThatThrownBy(() -> Partition.of("aws-")).hasMessage("a partition cannot end in a hyphen: 'aws-'");
    }

    @Test
    void everyArnItBuildsNamesIt() {
        Partition lanyard = Partition.of("lanyard");
        assertThat(lanyard.iam(ACCOUNT, "role/path/R")).hasToString("arn:lanyard:iam::123456789012:role/path/R");
        assertThat(lanyard.sts(ACCOUNT, "assumed-role/R/s"))
                .hasToString("arn:lanyard:sts::123456789012:assumed-role/R/s");
        assertThat(lanyard.root(ACCOUNT)).hasToString("arn:lanyard:iam::123456789012:root");
        assertThat(lanyard.awsManagedPolicy("/service-role/X")).isEqualTo("arn:lanyard:iam::aws:policy/service-role/X");
        assertThat(lanyard.s3("bucket/a:b")).isEqualTo("arn:lanyard:s3:::bucket/a:b");
        assertThat(lanyard.arn("organizations", "", "123456789012", "organization/o-1").toString())
                .isEqualTo("arn:lanyard:organizations::123456789012:organization/o-1");
        assertThat(Partition.AWS.root(ACCOUNT)).hasToString("arn:aws:iam::123456789012:root");
    }

    @Test
    void itsArnsParseBackToIt() {
        Arn parsed = Arn.parse(Partition.of("aws-cn").iam(ACCOUNT, "user/u").toString()).orElseThrow();
        assertThat(parsed.partition()).isEqualTo("aws-cn");
        assertThat(parsed.accountId()).contains(ACCOUNT);
    }
}
