package dev.lanyard.saml.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

class SecureXmlTest {
    private final SecureXml parser = new SecureXml(16);

    private Rejection refusal(String xml) {
        try {
            parser.parse(xml.getBytes(StandardCharsets.UTF_8), SamlErrors::malformed);
        } catch (Rejection rejection) {
            return rejection;
        }
        throw new AssertionError("parsed: " + xml);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
        "<!DOCTYPE r SYSTEM \"http://127.0.0.1:1/evil.dtd\"><r/>",
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p\"> %p;]><r/>",
        "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]><r>&b;</r>",
        "<!DOCTYPE r><r/>"
    })
    void everyDoctypeIsRefused(String xml) {
        assertThat(refusal(xml).detail()).contains("DOCTYPE");
    }

    @Test
    void xincludeIsNotProcessed() {
        Document document = parser.parse(("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></r>").getBytes(StandardCharsets.UTF_8),
                SamlErrors::malformed);

        assertThat(document.getDocumentElement().getTextContent()).isEmpty();
        assertThat(document.getDocumentElement().getFirstChild().getLocalName()).isEqualTo("include");
    }

    @Test
    void depthLimitHolds() {
        assertThat(parser.parse(("<a>".repeat(16) + "</a>".repeat(16)).getBytes(StandardCharsets.UTF_8),
                SamlErrors::malformed).getDocumentElement().getLocalName()).isEqualTo("a");
        assertThat(refusal("<a>".repeat(17) + "</a>".repeat(17)).detail()).containsIgnoringCase("depth");
    }

    @Test
    void commentsAreKeptAndCdataCoalesced() {
        Document document = parser.parse("<r>a<!--c--><![CDATA[b]]>c</r>".getBytes(StandardCharsets.UTF_8),
                SamlErrors::malformed);

        assertThat(Dom.plainText(document.getDocumentElement())).isEmpty();
        Document plain = parser.parse("<r> a<![CDATA[<b>]]>c </r>".getBytes(StandardCharsets.UTF_8),
                SamlErrors::malformed);
        assertThat(Dom.plainText(plain.getDocumentElement())).contains("a<b>c");
    }

    @Test
    void malformedAndWrongEncodingAreRefused() {
        assertThat(refusal("<r>").detail()).isNotBlank();
        assertThatThrownBy(() -> parser.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0x3c}, SamlErrors::malformed))
                .isInstanceOf(Rejection.class);
    }
}
