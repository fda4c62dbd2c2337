/**
 * The S3 gateway's request classifier: {@link dev.lanyard.s3.S3Classifier} turns a verified S3 REST request
 * ({@link dev.lanyard.s3.S3Request}) into its S3 operation and the IAM authorization requests AWS makes for it
 * ({@link dev.lanyard.s3.RequiredAuthorizations}: actions, resource ARNs, S3 condition keys), or refuses it with S3's
 * error ({@link dev.lanyard.aws.S3Exception}). Pure: no I/O, no clock; bucket owners come through the
 * {@link dev.lanyard.s3.BucketOwners} hook and existing object tags are looked up by the gateway only when a policy
 * needs them. The mapping, with each row's AWS source, is docs/s3-mapping.md; where AWS's documents leave a choice
 * open, the choice is commented where it is made ({@code Percent}, {@code S3Query}, {@code OperationResolver},
 * {@code Planner}, {@code BucketNames}).
 */
package dev.lanyard.s3;
