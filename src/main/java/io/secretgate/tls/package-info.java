/**
 * Certificate material for the webhooks' TLS, pure: EC P-256 CA and serving certificate generation
 * with BouncyCastle ({@link io.secretgate.tls.CertificateAuthority},
 * {@link io.secretgate.tls.ServingCertificate}), PEM reading and writing ({@link io.secretgate.tls.Pem}),
 * validity at a given instant ({@link io.secretgate.tls.Validity}), the DNS names of a Service
 * ({@link io.secretgate.tls.ServiceNames}), caBundle merging for overlapping CA rotation
 * ({@link io.secretgate.tls.CaBundle}) and a key manager whose certificate can be swapped while a
 * server runs ({@link io.secretgate.tls.ReloadableKeyManager}, {@link io.secretgate.tls.SslContexts}).
 *
 * <p>Time is always a parameter; nothing here reads the clock or the environment. Imports the JDK
 * and BouncyCastle only.
 */
package io.secretgate.tls;
