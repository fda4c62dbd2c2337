package dev.lanyard.saml.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The only way documents enter this module: the JDK's own parser (never one found on the class path), namespace
 * aware, with DOCTYPE declarations refused outright (so no internal or external entities, no entity expansion), no
 * external DTD/schema access, no XInclude, secure processing on and a nesting-depth limit. Comments are kept so the
 * readers can refuse values that contain them.
 */
public final class SecureXml {
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings carry no security meaning; the document is still judged by the checks that follow
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final int maxDepth;

    public SecureXml(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Parses bytes, honouring the XML declaration's encoding; any failure becomes {@code onError(detail)}. */
    public Document parse(byte[] xml, Function<String, Rejection> onError) {
        return parse(new InputSource(new ByteArrayInputStream(xml)), onError);
    }

    /** Parses text that is already characters (its encoding declaration, if any, is ignored). */
    public Document parse(String xml, Function<String, Rejection> onError) {
        return parse(new InputSource(new StringReader(xml)), onError);
    }

    private Document parse(InputSource source, Function<String, Rejection> onError) {
        try {
            return newBuilder().parse(source);
        } catch (SAXException e) {
            throw onError.apply(describe(e));
        } catch (IOException | RuntimeException e) {
            // the JDK parser signals some limits and encoding faults with unchecked exceptions
            throw onError.apply(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private DocumentBuilder newBuilder() {
        // INVARIANT: a new factory per document; DocumentBuilderFactory is not guaranteed thread-safe
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(maxDepth));
            factory.setNamespaceAware(true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setValidating(false);
            factory.setCoalescing(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(THROWING);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    private static String describe(SAXException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof SAXParseException parse) {
            return message + " (line " + parse.getLineNumber() + ", column " + parse.getColumnNumber() + ")";
        }
        return message;
    }
}
