package dev.lanyard.s3;

import static dev.lanyard.s3.Requests.classify;
import static dev.lanyard.s3.S3ErrorsTest.assertS3Error;
import static dev.lanyard.s3.S3MappingTest.rendered;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lanyard.aws.S3ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies that decide the authorizations: DeleteObjects (one key at a time), PutObjectTagging, CreateBucket,
 * PutObjectRetention and PutObjectLegalHold (condition keys). A bad body is S3's MalformedXML.
 */
class RequestBodiesTest {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static S3Classification deleteObjects(String body) {
        return deleteObjects(body, Map.of());
    }

    private static S3Classification deleteObjects(String body, Map<String, String> headers) {
        S3Classification classification = classify("POST", "/bkt?delete", headers);
        assertThat(classification.required()).isEqualTo(new RequiredAuthorizations.BodyNeeded(BodyKind.DELETE_OBJECTS));
        return classification.withBody(body.getBytes(UTF_8));
    }

    @Test
    void eachKeyIsAuthorizedOnItsOwn() {
        S3Classification classification = deleteObjects("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Delete xmlns=\"" + NS + "\">\n  <Object><Key>a/b.txt</Key></Object>\n"
                + "  <Object><Key>a&amp;b &lt;c&gt;&#13;</Key><VersionId>3HL4kqtJ</VersionId>"
                + "<ETag>\"abc\"</ETag></Object>\n"
                + "  <Object><Key><![CDATA[€ x]]></Key></Object>\n  <Quiet>true</Quiet>\n</Delete>");

        RequiredAuthorizations.EachEntry each = (RequiredAuthorizations.EachEntry) classification.required();
        assertThat(each.quiet()).isTrue();
        assertThat(rendered(each)).containsExactly(
                "a/b.txt: s3:DeleteObject arn:aws:s3:::bkt/a/b.txt",
                "a&b <c>\r?versionId=3HL4kqtJ: s3:DeleteObjectVersion arn:aws:s3:::bkt/a&b <c>\r"
                        + " {s3:versionid=3HL4kqtJ}",
                "€ x: s3:DeleteObject arn:aws:s3:::bkt/€ x");
        assertThat(classification.operation()).isEqualTo(S3Operation.DELETE_OBJECTS);
    }

    @Test
    void bypassingGovernanceRetentionIsAuthorizedPerKey() {
        S3Classification classification = deleteObjects("<Delete><Object><Key>k</Key><VersionId>v</VersionId>"
                + "</Object></Delete>", Map.of("x-amz-bypass-governance-retention", "true"));

        assertThat(rendered(classification.required())).containsExactly("k?versionId=v: s3:DeleteObjectVersion"
                + " arn:aws:s3:::bkt/k {s3:versionid=v} + s3:BypassGovernanceRetention arn:aws:s3:::bkt/k");
    }

    @Test
    void aPrefixedNamespaceIsTheSameDocument() {
        S3Classification classification = deleteObjects("<s3:Delete xmlns:s3=\"" + NS + "\"><s3:Object><s3:Key>k"
                + "</s3:Key></s3:Object><s3:Quiet>0</s3:Quiet></s3:Delete>");

        assertThat(rendered(classification.required())).containsExactly("k: s3:DeleteObject arn:aws:s3:::bkt/k");
    }

    @Test
    void upTo1000Keys() {
        String object = "<Object><Key>k</Key></Object>";
        assertThat(((RequiredAuthorizations.EachEntry) deleteObjects("<Delete>" + object.repeat(1000) + "</Delete>")
                .required()).entries()).hasSize(1000);

        assertMalformed("<Delete>" + object.repeat(1001) + "</Delete>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Delete>",
        "not xml",
        "<Delete></Delete>",
        "<Remove><Object><Key>k</Key></Object></Remove>",
        "<Delete><Object><Key>k</Key></Object><Extra/></Delete>",
        "<Delete><Object><Key>k</Key><Owner>x</Owner></Object></Delete>",
        "<Delete><Object><Key>k</Key><Key>l</Key></Object></Delete>",
        "<Delete><Object><VersionId>v</VersionId></Object></Delete>",
        "<Delete><Object><Key></Key></Object></Delete>",
        "<Delete><Object><Key>k</Key><VersionId></VersionId></Object></Delete>",
        "<Delete><Object><Key><b>k</b></Key></Object></Delete>",
        "<Delete><Object>text<Key>k</Key></Object></Delete>",
        "<Delete><Object id=\"1\"><Key>k</Key></Object></Delete>",
        "<Delete xmlns=\"urn:other\"><Object><Key>k</Key></Object></Delete>",
        "<Delete><Object><Key>k</Key></Object><Quiet>maybe</Quiet></Delete>",
        "<Delete><Object><Key>k</Key></Object><Quiet>true</Quiet><Quiet>true</Quiet></Delete>",
        "<Delete><Object><Key>k</Key></Object></Delete><Delete/>",
        "<Delete><Object><Key>k</Key></Object></Delete>trailing",
        "<Delete><Object><Key>&undefined;</Key></Object></Delete>",
        "<Delete><Object><Key><Key><Key>k</Key></Key></Key></Object></Delete>"})
    void documentsThatDoNotValidateAreMalformedXml(String body) {
        assertMalformed(body);
    }

    @Test
    void doctypesAndEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Delete><Object><Key>&x;</Key></Object></Delete>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE Delete [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;"
                + "&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<Delete><Object><Key>&c;</Key></Object></Delete>";
        String external = "<?xml version=\"1.0\"?><!DOCTYPE Delete SYSTEM \"http://127.0.0.1:1/x.dtd\">"
                + "<Delete><Object><Key>k</Key></Object></Delete>";

        assertMalformed(xxe);
        assertMalformed(laughs);
        assertMalformed(external);
    }

    @Test
    void anEmptyBodyIsMissingRequestBody() {
        assertS3Error(() -> deleteObjects(""), S3ErrorCode.MISSING_REQUEST_BODY, 400, "Request Body is empty",
                Map.of());
    }

    @Test
    void aKeyOver1024BytesIsKeyTooLong() {
        assertS3Error(() -> deleteObjects("<Delete><Object><Key>" + "k".repeat(1025) + "</Key></Object></Delete>"),
                S3ErrorCode.KEY_TOO_LONG, 400, "Your key is too long", Map.of("Size", "1025",
                        "MaxSizeAllowed", "1024"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeParsing() {
        byte[] body = new byte[BodyKind.DELETE_OBJECTS.maxBytes() + 1];

        assertS3Error(() -> classify("POST", "/bkt?delete").withBody(body), S3ErrorCode.MAX_MESSAGE_LENGTH_EXCEEDED,
                400, "Your request was too big.", Map.of());
    }

    @Test
    void aBodyIsTakenOnlyWhenAsked() {
        S3Classification read = deleteObjects("<Delete><Object><Key>k</Key></Object></Delete>");

        assertThatThrownBy(() -> read.withBody(new byte[0])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> classify("GET", "/bkt/k").withBody(new byte[0]))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void putObjectTaggingTakesItsTagsFromTheBody() {
        S3Classification classification = classify("PUT", "/bkt/k?tagging");
        assertThat(classification.required()).isEqualTo(new RequiredAuthorizations.BodyNeeded(BodyKind.OBJECT_TAGGING));

        S3Classification tagged = classification.withBody(("<Tagging xmlns=\"" + NS + "\"><TagSet><Tag><Key>a</Key>"
                + "<Value>1</Value></Tag><Tag><Value>2</Value><Key>b</Key></Tag></TagSet></Tagging>").getBytes(UTF_8));

        assertThat(rendered(tagged.required())).containsExactly("s3:PutObjectTagging arn:aws:s3:::bkt/k"
                + " {s3:requestobjecttag/a=1, s3:requestobjecttag/b=2, s3:requestobjecttagkeys=[a, b]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<Tagging/>", "<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>",
            "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value><Value>2</Value></Tag></TagSet></Tagging>",
            "<Tagging><TagSet/><TagSet/></Tagging>", "<Tags><TagSet/></Tags>"})
    void malformedTaggingBodies(String body) {
        assertS3Error(() -> classify("PUT", "/bkt/k?tagging").withBody(body.getBytes(UTF_8)),
                S3ErrorCode.MALFORMED_XML, 400, null, Map.of());
    }

    @Test
    void aTagKeyTwiceIsInvalidTag() {
        String body = "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag><Tag><Key>a</Key><Value>2</Value>"
                + "</Tag></TagSet></Tagging>";

        assertS3Error(() -> classify("PUT", "/bkt/k?tagging").withBody(body.getBytes(UTF_8)), S3ErrorCode.INVALID_TAG,
                400, "Cannot provide multiple Tags with the same key", Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PUT|/bkt|<CreateBucketConfiguration><Region>x</Region></CreateBucketConfiguration>",
        "PUT|/bkt|<CreateBucketConfiguration><LocationConstraint>a</LocationConstraint><LocationConstraint>b"
                + "</LocationConstraint></CreateBucketConfiguration>",
        "PUT|/bkt|<Configuration/>",
        "PUT|/bkt|<CreateBucketConfiguration><LocationConstraint><x/></LocationConstraint></CreateBucketConfiguration>",
        "PUT|/bkt/k?retention|<Retention><Mode>GOVERNANCE</Mode><Extra/></Retention>",
        "PUT|/bkt/k?retention|<Retention><Mode>GOVERNANCE</Mode><Mode>COMPLIANCE</Mode></Retention>",
        "PUT|/bkt/k?legal-hold|<LegalHold><Status>ON</Status><Status>OFF</Status></LegalHold>",
        "PUT|/bkt/k?legal-hold|<Retention/>"})
    void malformedConfigurationBodies(String request) {
        String[] parts = request.split("\\|", 3);

        assertS3Error(() -> classify(parts[0], parts[1]).withBody(parts[2].getBytes(UTF_8)), S3ErrorCode.MALFORMED_XML,
                400, null, Map.of());
    }

    @Test
    void createBucketMayHaveNoBodyButRetentionMust() {
        assertThat(rendered(classify("PUT", "/bkt").withBody(new byte[0]).required()))
                .containsExactly("s3:CreateBucket arn:aws:s3:::bkt");
        assertS3Error(() -> classify("PUT", "/bkt/k?retention").withBody(new byte[0]),
                S3ErrorCode.MISSING_REQUEST_BODY, 400, null, Map.of());
    }

    private static void assertMalformed(String body) {
        assertS3Error(() -> deleteObjects(body), S3ErrorCode.MALFORMED_XML, 400,
                "The XML you provided was not well-formed or did not validate against our published schema",
                Map.of());
    }
}
