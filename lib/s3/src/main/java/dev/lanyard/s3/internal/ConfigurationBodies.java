package dev.lanyard.s3.internal;

import static dev.lanyard.s3.internal.DeleteObjectsBody.leafText;
import static dev.lanyard.s3.internal.SecureXmlReader.malformed;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The small configuration documents whose values are condition keys: CreateBucket's
 * {@code <CreateBucketConfiguration>} ({@code s3:LocationConstraint}; API_CreateBucket.html), PutObjectRetention's
 * {@code <Retention>} ({@code s3:object-lock-mode}, {@code s3:object-lock-retain-until-date};
 * API_PutObjectRetention.html) and PutObjectLegalHold's {@code <LegalHold>} ({@code s3:object-lock-legal-hold};
 * API_PutObjectLegalHold.html). Values are taken as sent; the backend validates them.
 */
public final class ConfigurationBodies {
    private static final SecureXmlReader READER = new SecureXmlReader(4, 64);
    /** CreateBucketConfiguration's members besides LocationConstraint: read for shape, no key of their own here. */
    private static final List<String> OTHER_BUCKET_MEMBERS = List.of("Location", "Bucket", "Tags");

    private ConfigurationBodies() {}

    /** The body is optional: an empty one (a bucket in the default Region) sets no key. */
    public static Map<ConditionKey, String> createBucket(byte[] body) {
        Map<ConditionKey, String> keys = new EnumMap<>(ConditionKey.class);
        if (body.length == 0) {
            return keys;
        }
        XmlElement root = root(body, "CreateBucketConfiguration");
        for (XmlElement member : root.children()) {
            if (member.name().equals("LocationConstraint")) {
                put(keys, ConditionKey.LOCATION_CONSTRAINT, leafText(member));
            } else if (!OTHER_BUCKET_MEMBERS.contains(member.name())) {
                throw malformed("element " + member.name() + " in CreateBucketConfiguration");
            }
        }
        return keys;
    }

    public static Map<ConditionKey, String> retention(byte[] body) {
        Map<ConditionKey, String> keys = new EnumMap<>(ConditionKey.class);
        for (XmlElement member : root(body, "Retention").children()) {
            switch (member.name()) {
                case "Mode" -> put(keys, ConditionKey.OBJECT_LOCK_MODE, leafText(member));
                case "RetainUntilDate" -> put(keys, ConditionKey.OBJECT_LOCK_RETAIN_UNTIL_DATE, leafText(member));
                default -> throw malformed("element " + member.name() + " in Retention");
            }
        }
        return keys;
    }

    public static Map<ConditionKey, String> legalHold(byte[] body) {
        Map<ConditionKey, String> keys = new EnumMap<>(ConditionKey.class);
        for (XmlElement member : root(body, "LegalHold").children()) {
            if (!member.name().equals("Status")) {
                throw malformed("element " + member.name() + " in LegalHold");
            }
            put(keys, ConditionKey.OBJECT_LOCK_LEGAL_HOLD, leafText(member));
        }
        return keys;
    }

    private static XmlElement root(byte[] body, String name) {
        XmlElement root = READER.read(body);
        if (!root.name().equals(name)) {
            throw malformed("root element " + root.name());
        }
        return root;
    }

    private static void put(Map<ConditionKey, String> keys, ConditionKey key, String value) {
        if (keys.put(key, value.trim()) != null) {
            throw malformed(key.keyName() + " given twice");
        }
    }
}
