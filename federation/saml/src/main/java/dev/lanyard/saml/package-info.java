/**
 * SAML 2.0 Response validation for AssumeRoleWithSAML and IdP metadata reading for the IAM SAML-provider API:
 * {@link dev.lanyard.saml.XmlSecSamlVerifier} implements
 * {@link dev.lanyard.iam.spi.federation.SamlAssertionVerifier} on Apache Santuario with a hardened JDK DOM parser,
 * configured by {@link dev.lanyard.saml.SamlVerifierConfig}. Only content covered by a verified signature is read;
 * the rules and the AWS error texts are documented on the classes in {@code dev.lanyard.saml.internal}.
 */
package dev.lanyard.saml;
