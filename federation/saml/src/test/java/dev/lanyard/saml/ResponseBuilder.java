package dev.lanyard.saml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes SAML Response templates for xmlsec1 to sign: the {@code ds:Signature} elements are templates with empty
 * DigestValue/SignatureValue. Defaults are a valid AWS-bound response at {@link #NOW}; tests change one thing.
 */
final class ResponseBuilder {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String ISSUER = "https://idp.example.com/saml";
    static final String PROVIDER_ARN = "arn:aws:iam::123456789012:saml-provider/ExampleIdP";
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/Developer";
    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

    record Attribute(String name, List<String> values) {
    }

    String responseId = "_resp-7f3a";
    String assertionId = "_assert-91c2";
    String issuer = ISSUER;
    String assertionIssuer = ISSUER;
    String destination = "https://signin.aws.amazon.com/saml";
    String recipient = "https://signin.aws.amazon.com/saml";
    String status = "urn:oasis:names:tc:SAML:2.0:status:Success";
    String nameId = "alice@example.com";
    String nameIdFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    String confirmationMethod = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    List<String> audiences = new ArrayList<>(List.of("https://signin.aws.amazon.com/saml"));
    Instant issueInstant = NOW.minusSeconds(30);
    Instant notBefore = NOW.minusSeconds(60);
    Instant notOnOrAfter = NOW.plusSeconds(300);
    Instant sessionNotOnOrAfter = NOW.plusSeconds(8 * 3600);
    boolean signResponse;
    boolean signAssertion = true;
    boolean encrypted;
    String signatureMethod = RSA_SHA256;
    String digestMethod = SHA256;
    String extraConditions = "";
    String extraAssertion = "";
    List<Attribute> attributes = new ArrayList<>(List.of(
            new Attribute("https://aws.amazon.com/SAML/Attributes/Role", List.of(ROLE_ARN + "," + PROVIDER_ARN)),
            new Attribute("https://aws.amazon.com/SAML/Attributes/RoleSessionName", List.of("alice"))));

    ResponseBuilder attribute(String name, String... values) {
        attributes.add(new Attribute(name, List.of(values)));
        return this;
    }

    ResponseBuilder withoutAttribute(String name) {
        attributes.removeIf(attribute -> attribute.name().equals(name));
        return this;
    }

    String render() {
        return "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + responseId + "\" Version=\"2.0\""
                + " IssueInstant=\"" + issueInstant + "\"" + (destination == null ? "" : " Destination=\""
                + destination + "\"") + ">"
                + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                + (signResponse ? signatureTemplate(responseId) : "")
                + "<samlp:Status><samlp:StatusCode Value=\"" + status + "\"/></samlp:Status>"
                + (encrypted ? "<saml:EncryptedAssertion>" + assertion() + "</saml:EncryptedAssertion>" : assertion())
                + "</samlp:Response>";
    }

    String assertion() {
        return "<saml:Assertion ID=\"" + assertionId + "\" Version=\"2.0\" IssueInstant=\"" + issueInstant + "\">"
                + "<saml:Issuer>" + assertionIssuer + "</saml:Issuer>"
                + (signAssertion ? signatureTemplate(assertionId) : "")
                + "<saml:Subject><saml:NameID Format=\"" + nameIdFormat + "\">" + nameId + "</saml:NameID>"
                + "<saml:SubjectConfirmation Method=\"" + confirmationMethod + "\">"
                + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + notOnOrAfter + "\" Recipient=\"" + recipient
                + "\"/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + notBefore + "\" NotOnOrAfter=\"" + notOnOrAfter + "\">"
                + audienceRestriction() + extraConditions + "</saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + issueInstant + "\" SessionNotOnOrAfter=\""
                + sessionNotOnOrAfter + "\" SessionIndex=\"_s1\"><saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef>"
                + "</saml:AuthnContext></saml:AuthnStatement>"
                + attributeStatement() + extraAssertion + "</saml:Assertion>";
    }

    private String audienceRestriction() {
        StringBuilder xml = new StringBuilder("<saml:AudienceRestriction>");
        audiences.forEach(audience -> xml.append("<saml:Audience>").append(audience).append("</saml:Audience>"));
        return xml.append("</saml:AudienceRestriction>").toString();
    }

    private String attributeStatement() {
        if (attributes.isEmpty()) {
            return "";
        }
        StringBuilder xml = new StringBuilder("<saml:AttributeStatement>");
        for (Attribute attribute : attributes) {
            xml.append("<saml:Attribute Name=\"").append(attribute.name()).append("\">");
            attribute.values().forEach(value -> xml.append("<saml:AttributeValue>").append(value)
                    .append("</saml:AttributeValue>"));
            xml.append("</saml:Attribute>");
        }
        return xml.append("</saml:AttributeStatement>").toString();
    }

    String signatureTemplate(String id) {
        return signatureTemplate(id, signatureMethod, digestMethod);
    }

    static String signatureTemplate(String id, String signatureMethod, String digestMethod) {
        return "<ds:Signature xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"><ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>"
                + "<ds:SignatureMethod Algorithm=\"" + signatureMethod + "\"/>"
                + "<ds:Reference URI=\"#" + id + "\"><ds:Transforms>"
                + "<ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/>"
                + "<ds:Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/></ds:Transforms>"
                + "<ds:DigestMethod Algorithm=\"" + digestMethod + "\"/><ds:DigestValue/></ds:Reference>"
                + "</ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>";
    }
}
