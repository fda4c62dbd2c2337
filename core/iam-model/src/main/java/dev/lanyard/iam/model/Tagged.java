package dev.lanyard.iam.model;

import java.util.List;

/** An entity that carries IAM tags, in the order they were added; a copy with other tags replaces it in the store. */
public interface Tagged<T extends Tagged<T>> {
    List<Tag> tags();

    T withTags(List<Tag> newTags);
}
