package dev.lanyard.s3;

/** Where the request named its bucket (AmazonS3/latest/userguide/VirtualHosting.html). */
public enum AddressingStyle {
    /** {@code bucket.s3.example.test/key}: the bucket is the first label of a host under a base domain. */
    VIRTUAL_HOSTED,
    /** {@code s3.example.test/bucket/key}: the bucket is the first path segment. */
    PATH
}
