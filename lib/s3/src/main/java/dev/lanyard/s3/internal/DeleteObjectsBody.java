package dev.lanyard.s3.internal;

import static dev.lanyard.s3.internal.SecureXmlReader.malformed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DeleteObjects' request body (API_DeleteObjects.html):
 * {@code <Delete><Object><Key/><VersionId/>?<ETag/>?<LastModifiedTime/>?<Size/>?</Object>+<Quiet/>?</Delete>},
 * at most 1,000 objects. Anything else, more objects, or no object is S3's MalformedXML.
 */
public final class DeleteObjectsBody {
    public static final int MAX_OBJECTS = 1000;
    private static final List<String> OPTIONAL_OBJECT_ELEMENTS = List.of("VersionId", "ETag", "LastModifiedTime",
            "Size");
    // <Delete> plus, per object, <Object> and up to five members
    private static final SecureXmlReader READER = new SecureXmlReader(3, 2 + MAX_OBJECTS * 6);

    /** One {@code <Object>}: its key and version, decoded from XML but otherwise as sent. */
    public record Entry(String key, Optional<String> versionId) {}

    public record Parsed(boolean quiet, List<Entry> entries) {
        public Parsed {
            entries = List.copyOf(entries);
        }
    }

    private DeleteObjectsBody() {}

    public static Parsed parse(byte[] body) {
        XmlElement root = READER.read(body);
        if (!root.name().equals("Delete")) {
            throw malformed("root element " + root.name());
        }
        boolean quiet = false;
        boolean quietSeen = false;
        List<Entry> entries = new ArrayList<>();
        for (XmlElement child : root.children()) {
            switch (child.name()) {
                case "Object" -> {
                    if (entries.size() == MAX_OBJECTS) {
                        throw malformed("more than " + MAX_OBJECTS + " objects");
                    }
                    entries.add(entry(child));
                }
                case "Quiet" -> {
                    if (quietSeen) {
                        throw malformed("Quiet given twice");
                    }
                    quietSeen = true;
                    quiet = bool(leafText(child));
                }
                default -> throw malformed("element " + child.name() + " in Delete");
            }
        }
        if (entries.isEmpty()) {
            throw malformed("no Object");
        }
        return new Parsed(quiet, entries);
    }

    private static Entry entry(XmlElement object) {
        String key = null;
        Optional<String> versionId = Optional.empty();
        List<String> seen = new ArrayList<>();
        for (XmlElement member : object.children()) {
            String name = member.name();
            if (seen.contains(name)) {
                throw malformed(name + " given twice in Object");
            }
            seen.add(name);
            if (name.equals("Key")) {
                key = leafText(member);
            } else if (name.equals("VersionId")) {
                versionId = Optional.of(leafText(member));
            } else if (OPTIONAL_OBJECT_ELEMENTS.contains(name)) {
                leafText(member); // conditions on the deletion: the backend checks them
            } else {
                throw malformed("element " + name + " in Object");
            }
        }
        if (key == null || key.isEmpty()) {
            throw malformed("Object without a Key");
        }
        if (versionId.isPresent() && versionId.get().isEmpty()) {
            throw malformed("empty VersionId");
        }
        ObjectKeys.check(key);
        return new Entry(key, versionId);
    }

    static String leafText(XmlElement element) {
        if (!element.children().isEmpty()) {
            throw malformed("element " + element.name() + " has children");
        }
        return element.text();
    }

    private static boolean bool(String text) {
        return switch (text.trim()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw malformed("Quiet is not a boolean");
        };
    }
}
