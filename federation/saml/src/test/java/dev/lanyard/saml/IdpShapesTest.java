package dev.lanyard.saml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lanyard.iam.spi.federation.SamlProviderTrust;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion;
import dev.lanyard.iam.spi.federation.VerifiedSamlAssertion.RolePair;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Responses shaped like those AD FS, Okta and Keycloak send to AWS (namespace prefixes, default namespaces, NameID
 * and attribute name formats, InclusiveNamespaces, KeyName, fractional seconds, which element is signed), signed by
 * xmlsec1 with the vendor's usual algorithms.
 */
class IdpShapesTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/Admin";
    private static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Corp";

    @TempDir
    static Path directory;
    static Harness harness;

    @BeforeAll
    static void keys() {
        harness = new Harness(directory);
    }

    /** AD FS: default-namespace Assertion, only the Assertion signed, persistent NameID, claim-style names. */
    static final String ADFS = """
            <samlp:Response ID="_9b3d2f9e-1c1a-4a2b-8f6e-2d4c5b6a7e8f" Version="2.0" \
            IssueInstant="{ISSUE}" Destination="https://signin.aws.amazon.com/saml" \
            Consent="urn:oasis:names:tc:SAML:2.0:consent:unspecified" \
            xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">\
            <Issuer xmlns="urn:oasis:names:tc:SAML:2.0:assertion">http://adfs.corp.example/adfs/services/trust</Issuer>\
            <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
            <Assertion ID="_e4f3a2b1-0c9d-4e8f-a7b6-c5d4e3f2a1b0" IssueInstant="{ISSUE}" Version="2.0" \
            xmlns="urn:oasis:names:tc:SAML:2.0:assertion">\
            <Issuer>http://adfs.corp.example/adfs/services/trust</Issuer>\
            <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>\
            <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
            <ds:Reference URI="#_e4f3a2b1-0c9d-4e8f-a7b6-c5d4e3f2a1b0"><ds:Transforms>\
            <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
            <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>\
            <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>\
            </ds:SignedInfo><ds:SignatureValue/>\
            <KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data/></KeyInfo></ds:Signature>\
            <Subject><NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">\
            CORP\\alice</NameID><SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
            <SubjectConfirmationData NotOnOrAfter="{END}" Recipient="https://signin.aws.amazon.com/saml"/>\
            </SubjectConfirmation></Subject>\
            <Conditions NotBefore="{BEFORE}" NotOnOrAfter="{SESSION}"><AudienceRestriction>\
            <Audience>urn:amazon:webservices</Audience></AudienceRestriction></Conditions>\
            <AttributeStatement>\
            <Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName">\
            <AttributeValue>alice@corp.example</AttributeValue></Attribute>\
            <Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">\
            <AttributeValue>arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:saml-provider/Corp\
            </AttributeValue><AttributeValue>arn:aws:iam::123456789012:role/ReadOnly,\
            arn:aws:iam::123456789012:saml-provider/Corp</AttributeValue></Attribute>\
            <Attribute Name="https://aws.amazon.com/SAML/Attributes/SessionDuration">\
            <AttributeValue>28800</AttributeValue></Attribute>\
            </AttributeStatement>\
            <AuthnStatement AuthnInstant="{ISSUE}" SessionIndex="_e4f3a2b1"><AuthnContext>\
            <AuthnContextClassRef>urn:federation:authentication:windows</AuthnContextClassRef>\
            </AuthnContext></AuthnStatement></Assertion></samlp:Response>""";

    /** Okta: saml2/saml2p prefixes, Response and Assertion both signed, InclusiveNamespaces "xs", xsi:type values. */
    static final String OKTA = """
            <saml2p:Response Destination="https://signin.aws.amazon.com/saml" ID="id70846317925398281" \
            IssueInstant="{ISSUE}" Version="2.0" xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" \
            xmlns:xs="http://www.w3.org/2001/XMLSchema">\
            <saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity" \
            xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">http://www.okta.com/exk1a2b3c4d5e6f7g8h9</saml2:Issuer>\
            {SIGNATURE:id70846317925398281}\
            <saml2p:Status xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol">\
            <saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>\
            <saml2:Assertion ID="id70846317926207891" IssueInstant="{ISSUE}" Version="2.0" \
            xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xs="http://www.w3.org/2001/XMLSchema">\
            <saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity" \
            xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">http://www.okta.com/exk1a2b3c4d5e6f7g8h9</saml2:Issuer>\
            {SIGNATURE:id70846317926207891}\
            <saml2:Subject xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">\
            <saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">alice@corp.example\
            </saml2:NameID><saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
            <saml2:SubjectConfirmationData NotOnOrAfter="{END}" Recipient="https://signin.aws.amazon.com/saml"/>\
            </saml2:SubjectConfirmation></saml2:Subject>\
            <saml2:Conditions NotBefore="{BEFORE}" NotOnOrAfter="{END}" \
            xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"><saml2:AudienceRestriction>\
            <saml2:Audience>urn:amazon:webservices</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>\
            <saml2:AuthnStatement AuthnInstant="{ISSUE}" SessionIndex="id1" \
            xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"><saml2:AuthnContext><saml2:AuthnContextClassRef>\
            urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml2:AuthnContextClassRef>\
            </saml2:AuthnContext></saml2:AuthnStatement>\
            <saml2:AttributeStatement xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">\
            <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role" \
            NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml2:AttributeValue \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">\
            arn:aws:iam::123456789012:saml-provider/Corp,arn:aws:iam::123456789012:role/Admin</saml2:AttributeValue>\
            </saml2:Attribute><saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName" \
            NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml2:AttributeValue \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">alice@corp.example\
            </saml2:AttributeValue></saml2:Attribute>\
            <saml2:Attribute Name="https://aws.amazon.com/SAML/Attributes/PrincipalTag:Department" \
            NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified"><saml2:AttributeValue \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">Engineering\
            </saml2:AttributeValue></saml2:Attribute></saml2:AttributeStatement></saml2:Assertion>\
            </saml2p:Response>""";

    /** Keycloak: only the Response signed ("sign documents"), dsig prefix with KeyName, basic attribute names. */
    static final String KEYCLOAK = """
            <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
            xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" Destination="https://signin.aws.amazon.com/saml" \
            ID="ID_4b1c8f0e-6f5a-4d1e-9c3b-2a7e5d8f1b6c" IssueInstant="{ISSUE}" Version="2.0">\
            <saml:Issuer>https://keycloak.corp.example/realms/corp</saml:Issuer>\
            <dsig:Signature xmlns:dsig="http://www.w3.org/2000/09/xmldsig#"><dsig:SignedInfo>\
            <dsig:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <dsig:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
            <dsig:Reference URI="#ID_4b1c8f0e-6f5a-4d1e-9c3b-2a7e5d8f1b6c"><dsig:Transforms>\
            <dsig:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
            <dsig:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></dsig:Transforms>\
            <dsig:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><dsig:DigestValue/>\
            </dsig:Reference></dsig:SignedInfo><dsig:SignatureValue/><dsig:KeyInfo>\
            <dsig:KeyName>Yq3vF0hX9Wb8r1ZsC2dT4eU6fG7hJ8kL9mN0pQ1rS2t</dsig:KeyName><dsig:X509Data/>\
            </dsig:KeyInfo></dsig:Signature>\
            <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
            <saml:Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion" \
            ID="ID_8c2d4e6f-0a1b-4c3d-8e5f-7a9b1c3d5e7f" IssueInstant="{ISSUE}" Version="2.0">\
            <saml:Issuer>https://keycloak.corp.example/realms/corp</saml:Issuer>\
            <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">\
            G-5f3a1b2c-9d8e-4f7a-b6c5-d4e3f2a1b0c9</saml:NameID>\
            <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
            <saml:SubjectConfirmationData NotOnOrAfter="{END}" Recipient="https://signin.aws.amazon.com/saml"/>\
            </saml:SubjectConfirmation></saml:Subject>\
            <saml:Conditions NotBefore="{BEFORE}" NotOnOrAfter="{END}"><saml:AudienceRestriction>\
            <saml:Audience>urn:amazon:webservices</saml:Audience></saml:AudienceRestriction></saml:Conditions>\
            <saml:AuthnStatement AuthnInstant="{ISSUE}" SessionIndex="7e1f-aa" SessionNotOnOrAfter="{SESSION}">\
            <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified\
            </saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>\
            <saml:Attribute FriendlyName="Session Name" Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName" \
            NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue \
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:type="xs:string">alice</saml:AttributeValue></saml:Attribute>\
            <saml:Attribute FriendlyName="Session Role" Name="https://aws.amazon.com/SAML/Attributes/Role" \
            NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue \
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:type="xs:string">arn:aws:iam::123456789012:role/Admin,arn:aws:iam::123456789012:saml-provider/Corp\
            </saml:AttributeValue></saml:Attribute>\
            <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/SourceIdentity" \
            NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><saml:AttributeValue \
            xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:type="xs:string">alice</saml:AttributeValue></saml:Attribute>\
            <saml:Attribute Name="urn:oid:1.2.840.113549.1.9.1" \
            NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">\
            <saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">alice@corp.example\
            </saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>""";

    private static final String OKTA_SIGNATURE = """
            <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>\
            <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
            <ds:Reference URI="#{ID}"><ds:Transforms>\
            <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
            <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#">\
            <ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="xs"/>\
            </ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>\
            <ds:DigestValue/></ds:Reference></ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/>\
            </ds:KeyInfo></ds:Signature>""";

    @Test
    void adfsSignedAssertionWithDefaultNamespaces() {
        String xml = harness.xmlsec.sign(times(ADFS, ".123Z"), harness.idp, true, false);

        VerifiedSamlAssertion verified = verify(xml, "http://adfs.corp.example/adfs/services/trust");

        assertThat(verified.nameId()).isEqualTo("CORP\\alice");
        assertThat(verified.nameIdFormat()).isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        assertThat(verified.roles()).containsExactly(new RolePair(ROLE, PROVIDER),
                new RolePair("arn:aws:iam::123456789012:role/ReadOnly", PROVIDER));
        assertThat(verified.roleSessionName()).contains("alice@corp.example");
        assertThat(verified.sessionDurationSeconds()).contains(28800);
        assertThat(verified.audiences()).containsExactly("urn:amazon:webservices");
        assertThat(verified.sessionNotOnOrAfter()).isEmpty();
    }

    @Test
    void oktaBothSignedWithInclusiveNamespaces() {
        String template = times(OKTA, ".000Z")
                .replace("{SIGNATURE:id70846317925398281}", OKTA_SIGNATURE.replace("{ID}", "id70846317925398281"))
                .replace("{SIGNATURE:id70846317926207891}", OKTA_SIGNATURE.replace("{ID}", "id70846317926207891"));
        String xml = harness.xmlsec.signNode(template, harness.idp,
                "//*[local-name()='Assertion']/*[local-name()='Signature']");
        xml = harness.xmlsec.signNode(xml, harness.idp, "/*/*[local-name()='Signature']");

        VerifiedSamlAssertion verified = verify(xml, "http://www.okta.com/exk1a2b3c4d5e6f7g8h9");

        assertThat(verified.nameId()).isEqualTo("alice@corp.example");
        assertThat(verified.nameIdFormat()).isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified");
        assertThat(verified.roles()).containsExactly(new RolePair(ROLE, PROVIDER));
        assertThat(verified.roleSessionName()).contains("alice@corp.example");
        assertThat(verified.principalTags()).containsEntry("Department", "Engineering");
    }

    @Test
    void keycloakSignedDocumentOnly() {
        String xml = harness.xmlsec.sign(times(KEYCLOAK, ".456Z"), harness.idp, false, true);

        VerifiedSamlAssertion verified = verify(xml, "https://keycloak.corp.example/realms/corp");

        assertThat(verified.nameId()).isEqualTo("G-5f3a1b2c-9d8e-4f7a-b6c5-d4e3f2a1b0c9");
        assertThat(verified.nameIdFormat()).isEqualTo("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
        assertThat(verified.roles()).containsExactly(new RolePair(ROLE, PROVIDER));
        assertThat(verified.sourceIdentity()).isEqualTo(Optional.of("alice"));
        assertThat(verified.sessionNotOnOrAfter()).contains(ResponseBuilder.NOW.plusSeconds(36000).plusMillis(456));
        assertThat(verified.attributes()).containsEntry("urn:oid:1.2.840.113549.1.9.1", List.of("alice@corp.example"));
    }

    private static VerifiedSamlAssertion verify(String xml, String entityId) {
        SamlProviderTrust trust = new SamlProviderTrust(PROVIDER, "Corp", "123456789012", entityId,
                List.of(harness.idp.certificate()), Optional.empty(), List.of(),
                SamlProviderTrust.EncryptionMode.ALLOWED, List.of());
        return Harness.verifier().verify(XmlSec1.base64(xml), trust);
    }

    private static String times(String template, String fraction) {
        return template.replace("{ISSUE}", stamp(ResponseBuilder.NOW.minusSeconds(20), fraction))
                .replace("{BEFORE}", stamp(ResponseBuilder.NOW.minusSeconds(80), fraction))
                .replace("{END}", stamp(ResponseBuilder.NOW.plusSeconds(280), fraction))
                .replace("{SESSION}", stamp(ResponseBuilder.NOW.plusSeconds(36000), fraction));
    }

    private static String stamp(java.time.Instant instant, String fraction) {
        return instant.toString().replace("Z", fraction);
    }
}
