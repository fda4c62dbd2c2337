package dev.lanyard.sts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saml:* condition keys AWS derives from well-known attributes (eduPerson, eduOrg, X.500, Active Directory),
 * by attribute Name (OID URN). Keys marked multivalued in AWS's list carry every value.
 */
final class SamlAttributeKeys {
    private static final Map<String, String> BY_NAME = Map.ofEntries(
            Map.entry("urn:oid:2.5.4.3", "saml:cn"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "saml:edupersonaffiliation"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.11", "saml:edupersonassurance"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "saml:edupersonentitlement"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.2", "saml:edupersonnickname"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.3", "saml:edupersonorgdn"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.4", "saml:edupersonorgunitdn"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.5", "saml:edupersonprimaryaffiliation"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.8", "saml:edupersonprimaryorgunitdn"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "saml:edupersonprincipalname"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.9", "saml:edupersonscopedaffiliation"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.10", "saml:edupersontargetedid"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.2", "saml:eduorghomepageuri"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.10", "saml:eduorgidentityauthnpolicyuri"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.3", "saml:eduorglegalname"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.11", "saml:eduorgsuperioruri"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.12", "saml:eduorgwhitepagesuri"),
            Map.entry("urn:oid:2.5.4.42", "saml:givenName"),
            Map.entry("urn:oid:0.9.2342.19200300.100.1.3", "saml:mail"),
            Map.entry("urn:oid:2.5.4.41", "saml:name"),
            Map.entry("urn:oid:0.9.2342.19200300.100.1.45", "saml:organizationStatus"),
            Map.entry("http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid",
                    "saml:primaryGroupSID"),
            Map.entry("urn:oid:2.5.4.4", "saml:surname"),
            Map.entry("urn:oid:0.9.2342.19200300.100.1.1", "saml:uid"),
            Map.entry("urn:oid:2.5.4.45", "saml:x500UniqueIdentifier"));

    private SamlAttributeKeys() {}

    /** The condition keys an assertion's attributes give, with all their values. */
    static Map<String, List<String>> of(Map<String, List<String>> attributes) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        attributes.forEach((name, values) -> {
            String key = BY_NAME.get(name);
            if (key != null && !values.isEmpty()) {
                keys.put(key, values);
            }
        });
        return keys;
    }
}
