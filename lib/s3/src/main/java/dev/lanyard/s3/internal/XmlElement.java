package dev.lanyard.s3.internal;

import java.util.List;

/** An element of a small request document: its local name, its child elements, and its text if it has none. */
public record XmlElement(String name, List<XmlElement> children, String text) {
    public XmlElement {
        children = List.copyOf(children);
    }
}
