package dev.lanyard.s3.internal;

import static dev.lanyard.s3.internal.DeleteObjectsBody.leafText;
import static dev.lanyard.s3.internal.SecureXmlReader.malformed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PutObjectTagging's request body (API_PutObjectTagging.html):
 * {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>*</TagSet></Tagging>}, with S3's tag limits.
 */
public final class TaggingBody {
    private static final SecureXmlReader READER = new SecureXmlReader(4, 64);

    private TaggingBody() {}

    public static Map<String, String> parse(byte[] body) {
        XmlElement root = READER.read(body);
        if (!root.name().equals("Tagging") || root.children().size() != 1
                || !root.children().getFirst().name().equals("TagSet")) {
            throw malformed("not Tagging/TagSet");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (XmlElement tag : root.children().getFirst().children()) {
            if (!tag.name().equals("Tag") || tag.children().size() != 2) {
                throw malformed("not Tag with Key and Value");
            }
            String key = null;
            String value = null;
            for (XmlElement member : tag.children()) {
                switch (member.name()) {
                    case "Key" -> key = key == null ? leafText(member) : fail("Key given twice");
                    case "Value" -> value = value == null ? leafText(member) : fail("Value given twice");
                    default -> throw malformed("element " + member.name() + " in Tag");
                }
            }
            if (key == null || value == null) {
                throw malformed("Tag without Key or Value");
            }
            if (tags.put(key, value) != null) {
                throw TagSet.invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        return TagSet.checked(tags);
    }

    private static String fail(String detail) {
        throw malformed(detail);
    }
}
