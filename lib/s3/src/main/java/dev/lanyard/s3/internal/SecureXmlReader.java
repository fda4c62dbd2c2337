package dev.lanyard.s3.internal;

import dev.lanyard.aws.S3ErrorCode;
import dev.lanyard.aws.S3Exception;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the small XML documents S3 requests carry, with the project's XML hardening (as SAML's SecureXml): the JDK's
 * own parser (never one found on the class path), DOCTYPE refused outright (so no internal or external entities and
 * no entity expansion), no external DTD access, and limits on nesting depth and element count checked while
 * streaming. Elements are in S3's namespace or none; mixed content, attributes and anything else that no S3 request
 * schema has is MalformedXML, as S3 answers a document that does not validate.
 */
public final class SecureXmlReader {
    public static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final int maxDepth;
    private final int maxElements;

    public SecureXmlReader(int maxDepth, int maxElements) {
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
    }

    public XmlElement read(byte[] body) {
        if (body.length == 0) {
            throw new S3Exception(S3ErrorCode.MISSING_REQUEST_BODY);
        }
        XMLStreamReader reader = null;
        try {
            reader = newFactory().createXMLStreamReader(new ByteArrayInputStream(body));
            return readDocument(reader);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof S3Exception s3) {
                throw s3;
            }
            // the JDK parser reports some faults (encodings, limits) with unchecked exceptions
            throw malformed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            close(reader);
        }
    }

    private XmlElement readDocument(XMLStreamReader reader) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        XmlElement root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE,
                        XMLStreamConstants.ENTITY_DECLARATION, XMLStreamConstants.NOTATION_DECLARATION ->
                        throw malformed("DOCTYPE and entity declarations are refused");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw malformed("content after the root element");
                    }
                    if (++elements > maxElements) {
                        throw malformed("more than " + maxElements + " elements");
                    }
                    if (open.size() >= maxDepth) {
                        throw malformed("nested deeper than " + maxDepth);
                    }
                    checkElement(reader);
                    open.push(new Builder(reader.getLocalName()));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (open.isEmpty()) {
                        if (!reader.isWhiteSpace()) {
                            throw malformed("text outside the root element");
                        }
                    } else {
                        open.peek().text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                default -> {
                    // comments, processing instructions, the end of the document: no meaning in S3's schemas
                }
            }
        }
        if (root == null) {
            throw malformed("no root element");
        }
        return root;
    }

    private static void checkElement(XMLStreamReader reader) {
        String namespace = reader.getNamespaceURI();
        if (namespace != null && !namespace.isEmpty() && !namespace.equals(S3_NAMESPACE)) {
            throw malformed("element " + reader.getLocalName() + " in namespace " + namespace);
        }
        if (reader.getAttributeCount() > 0) {
            throw malformed("attributes on element " + reader.getLocalName());
        }
    }

    private static XMLInputFactory newFactory() {
        // INVARIANT: a new factory per document; factories are not guaranteed thread-safe once configured
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external entity refused: " + systemId);
        });
        return factory;
    }

    private static void close(XMLStreamReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // nothing is held open for an in-memory document
        }
    }

    public static S3Exception malformed(String detail) {
        return new S3Exception(S3ErrorCode.MALFORMED_XML, S3ErrorCode.MALFORMED_XML.defaultMessage(), List.of(),
                detail);
    }

    private static final class Builder {
        private final String name;
        private final List<XmlElement> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        private Builder(String name) {
            this.name = name;
        }

        private XmlElement build() {
            String content = text.toString();
            if (!children.isEmpty()) {
                if (!content.isBlank()) {
                    throw malformed("text beside child elements in " + name);
                }
                content = "";
            }
            return new XmlElement(name, children, content);
        }
    }
}
